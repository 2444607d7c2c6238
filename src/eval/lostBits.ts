/**
 * The bits that rounding dropped from t = fl(s + x), exactly: the step of core/math's
 * Neumaier sums (`neumaierAdd`), for the parts' batch loops, which keep a compensated sum
 * in two locals through a batch and store it once. Small enough to be inlined, so no
 * double is boxed; the same operations in the same order as `neumaierAdd`, so a sum kept
 * this way is bit for bit the sum the per-row primitives give.
 */
export function lostBits(s: number, x: number, t: number): number {
  return Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
}
