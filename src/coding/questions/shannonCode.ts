import { canonicalCodes, normalizeWeights, type PrefixCode } from './PrefixCode.js';

/**
 * The Shannon code: outcome k gets ⌈log2 1/q_k⌉ bits (C. E. Shannon, 1948, §9). These
 * lengths satisfy Kraft's inequality, so a prefix code with them exists (built here
 * canonically). Used on outcomes drawn from p, its mean length Σ p_k ⌈log2 1/q_k⌉ lies in
 * [H(p,q), H(p,q) + 1): the cleanest picture of cross-entropy as the cost of planning for q.
 *
 * The length is found exactly, not by rounding a floating-point log: it is the least
 * integer l ≥ 0 with q_k·2^l ≥ 1, and multiplying by a power of two is exact, so q = 1/8
 * gets 3 bits on every platform. Outcomes with q_k = 0 get no codeword (length Infinity).
 * Because Kraft's sum can be below 1, some questions of a Shannon code have an answer
 * known in advance: that waste is part of the picture.
 *
 * @param weights probabilities or counts (normalised here), up to 2^16 outcomes
 * @example
 * shannonCode([0.4, 0.3, 0.3]).lengths // [2, 2, 2]
 */
export function shannonCode(weights: ArrayLike<number>, field = 'q'): PrefixCode {
  const q = normalizeWeights(weights, field);
  const lengths = new Float64Array(q.length);
  for (let k = 0; k < q.length; k++) lengths[k] = q[k] > 0 ? shannonLength(q[k]) : Infinity;
  return { kind: 'shannon', weights: q, lengths, codes: canonicalCodes(lengths) };
}

/**
 * The least integer l ≥ 0 with q·2^l ≥ 1, for 0 < q ≤ 1: ⌈log2 1/q⌉ without rounding error.
 *
 * @example
 * shannonLength(0.125) // 3
 * shannonLength(0.3)   // 2
 */
export function shannonLength(q: number): number {
  let l = Math.max(0, Math.ceil(-Math.log2(q)));
  // Math.log2 may be off by an ulp near integers; the exact test settles it either way.
  while (timesPow2(q, l) < 1) l++;
  while (l > 0 && timesPow2(q, l - 1) >= 1) l--;
  return l;
}

/** q·2^l exactly (no overflow for the l ≤ 1075 that positive doubles need). */
function timesPow2(q: number, l: number): number {
  let x = q;
  let rest = l;
  while (rest > 0) {
    const step = Math.min(rest, 1000);
    x *= 2 ** step;
    rest -= step;
  }
  return x;
}
