import { minusMax } from './minusMax.js';
import { logSumExpShifted } from './logSumExp.js';
import { maxStrided } from './maxStrided.js';

/**
 * log softmax(x)_j = (x_j − m) − log Σ_k exp(x_k − m) with m = max x: exact where it can
 * be (the log-probability of the largest entry is −log Σ…, near 0 when it dominates),
 * finite for |x| up to 1e300, and −Infinity rather than log(0) for an entry that is
 * infinitely less likely. Entries tied at an infinite maximum share it (see logSumExp):
 * logSoftmax([Infinity, 0]) = [0, −Infinity], logSoftmax([−Infinity, −Infinity]) =
 * [−log 2, −log 2]. PyTorch returns NaN for both.
 *
 * @example
 * logSoftmax([0, 0]) // Float64Array [-0.6931…, -0.6931…]
 * logSoftmax([1e4, -1e4]) // Float64Array [0, -20000]
 */
export function logSoftmax(xs: ArrayLike<number>): Float64Array {
  const out = new Float64Array(xs.length);
  logSoftmaxStrided(xs, 0, xs.length, 1, out);
  return out;
}

/**
 * logSoftmax over a strided axis of `x`, written to the same positions of `out`.
 *
 * @example
 * const out = new Float64Array(4);
 * logSoftmaxStrided([0, 5, 0, 5], 1, 2, 2, out) // out = [0, -0.693…, 0, -0.693…]
 */
export function logSoftmaxStrided(
  x: ArrayLike<number>,
  offset: number,
  length: number,
  stride: number,
  out: { [i: number]: number },
): void {
  const m = maxStrided(x, offset, length, stride);
  const logSum = logSumExpShifted(x, offset, length, stride, m);
  for (let j = 0, o = offset; j < length; j++, o += stride) {
    const v = x[o];
    out[o] = minusMax(v, m) - logSum;
  }
}
