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
  const lengths = shannonLengths(q);
  return { kind: 'shannon', weights: q, lengths, codes: canonicalCodes(lengths) };
}

/**
 * The Shannon lengths of `q`, measured against the exact sum S of its entries: the least
 * l ≥ 0 with q_k·2^l ≥ S. Normalised doubles need not sum to exactly 1 (q = [1e−16, 1] is
 * what dividing [1e−16, 1] by its rounded sum gives, and its exact sum exceeds 1), and
 * lengths taken against 1 would then give q = 1 zero bits and break Kraft's inequality.
 * Against the exact sum, Σ 2^−l_k ≤ Σ q_k/S = 1 holds exactly, whatever the rounding. Each
 * double is an integer multiple of 2^−1074, so the comparison is made in BigInt, exactly.
 *
 * @example
 * shannonLengths([1e-16, 1]) // Float64Array [54, 1]
 */
export function shannonLengths(q: ArrayLike<number>): Float64Array {
  const units = Array.from(q, (x) => (x > 0 ? doubleIn2Pow1074ths(x) : 0n));
  const sum = units.reduce((a, b) => a + b, 0n);
  const sumBits = sum.toString(2).length;
  const lengths = new Float64Array(q.length);
  units.forEach((m, k) => {
    if (m === 0n) {
      lengths[k] = Infinity;
      return;
    }
    // m·2^d has as many bits as the sum: it is at least the sum, or the next shift is.
    const d = sumBits - m.toString(2).length;
    lengths[k] = m << BigInt(d) >= sum ? d : d + 1;
  });
  return lengths;
}

/** A positive finite double x as the integer x·2^1074 (exact: 2^−1074 is the least subnormal). */
function doubleIn2Pow1074ths(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  // Subnormals: fraction·2^−1074; normals: (2^52 + fraction)·2^(exponent − 1075).
  return exponent === 0 ? fraction : (fraction | (1n << 52n)) << BigInt(exponent - 1);
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
