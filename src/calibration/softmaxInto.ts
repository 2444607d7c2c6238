/**
 * softmax(u) into `p`, returning log Σ_k exp(u_k): the row's normaliser, so that its
 * log-loss for class y is the return value − u_y. Shifted by the row's maximum, so no
 * exponent is positive; a class scored −Infinity gets probability exactly 0.
 *
 * @example
 * const p = new Float64Array(2);
 * softmaxInto(Float64Array.of(0, -Infinity), p, 2) // 0
 */
export function softmaxInto(u: Float64Array, p: Float64Array, classes: number): number {
  let m = -Infinity;
  for (let k = 0; k < classes; k++) if (u[k] > m) m = u[k];
  let sum = 0;
  for (let k = 0; k < classes; k++) {
    p[k] = u[k] === -Infinity ? 0 : Math.exp(u[k] - m);
    sum += p[k];
  }
  for (let k = 0; k < classes; k++) p[k] /= sum;
  return m + Math.log(sum);
}
