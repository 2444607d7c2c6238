/**
 * The logistic function σ(x) = 1 / (1 + e^−x), evaluated without overflow.
 *
 * For x ≥ 0, e^−x ≤ 1 cannot overflow. For x < 0, the algebraically equal form
 * e^x / (1 + e^x) is used, whose e^x underflows harmlessly to 0 instead of e^−x
 * overflowing to Infinity (1/(1+Infinity) would be fine, but e^x/(1+e^x) also keeps
 * full relative accuracy for tiny results such as σ(−700) ≈ 9.86e-305).
 * σ(±Infinity) = 1 and 0; σ(NaN) = NaN.
 *
 * @example
 * sigmoid(0) // 0.5
 * sigmoid(-1000) // 0 (underflows), never NaN
 */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * σ'(x) = σ(x)(1 − σ(x)), computed as σ(x)·σ(−x) so that neither factor is 1 − (a
 * number near 1): for large |x| the product keeps its relative accuracy.
 */
export function sigmoidPrime(x: number): number {
  return sigmoid(x) * sigmoid(-x);
}
