import { maxStrided } from './maxStrided.js';

/**
 * log Σ exp(x_j), the normaliser of softmax, without overflow.
 *
 * With m = max_j x_j, log Σ exp(x_j) = m + log Σ exp(x_j − m): every exponent is ≤ 0, so
 * nothing overflows, and the largest term is exactly 1, so the sum is in [1, n] and its
 * log loses nothing to underflow. Differences of values up to |x| = 1e300 stay finite.
 *
 * Infinities follow one rule: entries tied at the maximum count as equal, even when the
 * maximum is infinite (x_j − m is taken as 0 for them, the limit of a common shift). So
 * logSumExp([Infinity, 0]) = Infinity, logSumExp([-Infinity, -Infinity]) = -Infinity,
 * and softmax of a row of equal values, infinite or not, is uniform. NaN gives NaN; an
 * empty list gives −Infinity (the log of an empty sum).
 *
 * @example
 * logSumExp([1000, 1000]) // 1000.6931471805599 (naive exp overflows)
 * logSumExp([-Infinity, 0]) // 0
 */
export function logSumExp(xs: ArrayLike<number>): number {
  const m = maxStrided(xs, 0, xs.length, 1);
  return m + logSumExpShifted(xs, 0, xs.length, 1, m);
}

/**
 * log Σ_j exp(x_j − shift) over the strided values, where `shift` is their maximum (from
 * maxStrided). Kept apart from the shift so callers can form log-probabilities as
 * (x_j − m) − log Σ exp(x_k − m): the exact difference x_j − m first, then one rounding,
 * instead of x_j − (m + log Σ …), which loses the small log-sum against a large m.
 *
 * The maximum's own term is exactly 1, so the sum is 1 + r with r the other terms, and
 * log1p(r) keeps r's digits when r is tiny: log Σ for (40, 0) is e^−40 ≈ 4.2e-18, not
 * log(1 + 4.2e-18) = 0. (PyTorch's log_softmax takes log(sum) and returns 0 there.)
 *
 * @example
 * logSumExpShifted([40, 0], 0, 2, 1, 40) // 4.248354255291589e-18
 */
export function logSumExpShifted(x: ArrayLike<number>, offset: number, length: number, stride: number, shift: number): number {
  if (shift !== shift) return NaN;
  let rest = 0;
  let maxSeen = false;
  for (let j = 0, o = offset; j < length; j++, o += stride) {
    const v = x[o];
    if (v === shift) {
      if (maxSeen) rest += 1;
      maxSeen = true;
    } else {
      rest += Math.exp(v - shift);
    }
  }
  return Math.log1p(rest);
}
