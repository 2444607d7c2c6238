/**
 * x − m, where m is the maximum x was shifted by, with an entry tied at the maximum
 * giving exactly 0. For finite m that is plain subtraction; for m = ±Infinity it is the
 * limit of a common shift (Infinity − Infinity would be NaN). Every log-softmax and
 * log-sum-exp in xent forms its shifted logits through this one rule, so tied infinite
 * logits share their mass everywhere (see logSumExp).
 *
 * @example
 * minusMax(3, 5) // -2
 * minusMax(Infinity, Infinity) // 0
 */
export function minusMax(x: number, m: number): number {
  return x === m ? 0 : x - m;
}
