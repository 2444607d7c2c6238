import { logSumExpShifted } from '../math/logSumExp.js';
import { maxStrided } from '../math/maxStrided.js';
import type { KernelArray } from './KernelArray.js';

/**
 * w·(−log softmax(x)_t) of one row with the expressions of the losses layer
 * (crossEntropyLoss.ts, through its maxStrided and logSumExpShifted): log p_j =
 * (x_j − m) − log Σ…, p_j = exp(log p_j), p_t − 1 = expm1(log p_t); writes
 * (w·(p_j − [j = t]))·gradScale into grad. A weight of 0 contributes 0 even against
 * −log p = Infinity (their timesNonzero). A test holds it bit-for-bit to crossEntropyLoss.
 */
export function softmaxCrossEntropyExactRow(
  x: KernelArray,
  o: number,
  cols: number,
  t: number,
  w: number,
  gradScale: number,
  grad: KernelArray | null,
): number {
  const end = o + cols;
  // The losses layer's own primitives, so this path cannot drift from it.
  const m = maxStrided(x, o, cols, 1);
  const logSum = logSumExpShifted(x, o, cols, 1, m);
  if (grad !== null) {
    for (let i = o; i < end; i++) {
      const v = x[i];
      const logP = (v === m ? 0 : v - m) - logSum;
      // p_t − 1 as expm1(log p_t): no cancellation as p_t → 1.
      grad[i] = w * (i - o === t ? Math.expm1(logP) : Math.exp(logP)) * gradScale;
    }
  }
  const xt = x[o + t];
  const rowLoss = logSum - (xt === m ? 0 : xt - m);
  return w === 0 ? 0 : w * rowLoss;
}
