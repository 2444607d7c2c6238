import { NeumaierAccumulator } from '../math/neumaierSum.js';
import { softmaxCrossEntropyRowF64 } from './softmaxCrossEntropyRowF64.js';

/** The float64 sweep: the exact path, same contract as softmaxCrossEntropyRowsF32. */
export function softmaxCrossEntropyRowsF64(
  logits: Float64Array,
  targets: ArrayLike<number>,
  rows: number,
  cols: number,
  weight: ArrayLike<number> | null,
  ignoreIndex: number,
  gradScale: number,
  grad: Float64Array | null,
): number {
  const acc = new NeumaierAccumulator();
  const scratch = grad === null ? new Float64Array(cols) : undefined;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    const t = targets[r];
    if (t === ignoreIndex) {
      if (grad !== null) grad.fill(0, o, o + cols);
      continue;
    }
    acc.add(softmaxCrossEntropyRowF64(logits, o, cols, t, weight === null ? 1 : weight[t], gradScale, grad, scratch));
  }
  return acc.value();
}
