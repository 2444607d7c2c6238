/**
 * softplus(x) = log(1 + e^x), the integral of the sigmoid, without overflow:
 * log(1 + e^x) = max(x, 0) + log(1 + e^−|x|), because for x > 0,
 * log(1 + e^x) = log(e^x (e^−x + 1)) = x + log(1 + e^−x). The exponent is never
 * positive, and log1p keeps the tail accurate when e^−|x| is tiny (softplus(−40) ≈ 4.2e-18,
 * where log(1 + e^−40) would round to 0). softplus(Infinity) = Infinity,
 * softplus(−Infinity) = 0. PyTorch's F.softplus has a threshold (x > 20 → x); this is exact.
 *
 * @example
 * softplus(0) // 0.6931471805599453
 * softplus(1e300) // 1e300
 */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}
