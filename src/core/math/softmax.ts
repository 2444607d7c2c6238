import { logSoftmax, logSoftmaxStrided } from './logSoftmax.js';

/**
 * softmax(x)_j = exp(x_j − m) / Σ_k exp(x_k − m), m = max x: no overflow for |x| up to
 * 1e300, and the terms sum to 1 up to rounding. Computed as exp((x_j − m) − log Σ…) so
 * that it equals exp(logSoftmax(x)) exactly. Entries tied at an infinite maximum share
 * the mass: softmax([Infinity, 0]) = [1, 0] (PyTorch: NaN).
 *
 * @example
 * softmax([1000, 1000, -Infinity]) // Float64Array [0.5, 0.5, 0]
 */
export function softmax(xs: ArrayLike<number>): Float64Array {
  return logSoftmax(xs).map(Math.exp);
}

/**
 * softmax over a strided axis of `x`, written to the same positions of `out`.
 *
 * @example
 * const out = new Float64Array(4);
 * softmaxStrided([0, 5, 0, 5], 1, 2, 2, out) // out = [0, 0.5, 0, 0.5]
 */
export function softmaxStrided(x: ArrayLike<number>, offset: number, length: number, stride: number, out: { [i: number]: number }): void {
  // Derived from the log form, so softmax is exactly exp(logSoftmax) entry by entry.
  logSoftmaxStrided(x, offset, length, stride, out);
  for (let j = 0, o = offset; j < length; j++, o += stride) out[o] = Math.exp(out[o]);
}
