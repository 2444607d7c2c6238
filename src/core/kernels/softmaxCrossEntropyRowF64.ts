import { logSoftmaxStrided } from '../math/logSoftmax.js';
import type { KernelArray } from './KernelArray.js';

/**
 * One row of softmax cross-entropy in float64, derived from the core/math primitive
 * logSoftmaxStrided: returns w·(−log p_t) and, when `grad` is given, writes
 * w·gradScale·(p_j − [j = t]) into grad[o … o + cols). p_j = exp(log p_j), and p_t − 1 as
 * expm1(log p_t), which keeps its digits as p_t → 1. A weight of 0 contributes 0 even
 * against −log p_t = Infinity. Infinite maxima and NaN follow logSoftmax's rules.
 *
 * This is the exact path (float64 logits) and the rule book of the float32 kernels, which
 * hand it the rare rows whose maximum is not finite. The log-probabilities go straight
 * into a float64 `grad`; otherwise into `scratch` (length ≥ cols, allocated when omitted),
 * so that they are rounded once.
 */
export function softmaxCrossEntropyRowF64(
  x: KernelArray,
  o: number,
  cols: number,
  t: number,
  w: number,
  gradScale: number,
  grad: KernelArray | null,
  scratch?: Float64Array,
): number {
  const inPlace = grad instanceof Float64Array;
  const logP = inPlace ? grad : (scratch ?? new Float64Array(cols));
  const base = inPlace ? o : 0;
  logSoftmaxStrided(inPlace ? x : x.subarray(o, o + cols), inPlace ? o : 0, cols, 1, logP);
  const logPt = logP[base + t];
  if (grad !== null) {
    for (let j = 0; j < cols; j++) {
      const l = logP[base + j];
      grad[o + j] = w * (j === t ? Math.expm1(l) : Math.exp(l)) * gradScale;
    }
  }
  return w === 0 ? 0 : w * -logPt;
}
