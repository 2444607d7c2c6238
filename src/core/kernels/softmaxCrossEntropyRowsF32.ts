import { NeumaierAccumulator } from '../math/neumaierSum.js';
import { fastExpNonPositive } from './fastExp.js';
import { softmaxCrossEntropyRowF64 } from './softmaxCrossEntropyRowF64.js';

/**
 * The float32 sweep: returns Σ_rows weight[t]·(−log softmax(x)_t) (compensated sum) and,
 * when `grad` is given, writes gradScale·weight[t]·(softmax(x) − onehot(t)) into it.
 * Targets must already be checked. For the losses layer and the benchmark.
 */
export function softmaxCrossEntropyRowsF32(
  logits: Float32Array,
  targets: ArrayLike<number>,
  rows: number,
  cols: number,
  weight: ArrayLike<number> | null,
  ignoreIndex: number,
  gradScale: number,
  grad: Float32Array | null,
): number {
  const acc = new NeumaierAccumulator();
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    const end = o + cols;
    const t = targets[r];
    if (t === ignoreIndex) {
      if (grad !== null) grad.fill(0, o, end);
      continue;
    }
    const w = weight === null ? 1 : weight[t];
    let m = -Infinity;
    for (let i = o; i < end; i++) {
      const v = logits[i];
      if (v > m) m = v;
    }
    if (m === Infinity || m === -Infinity) {
      // Rare rows (an infinite maximum, or all −Infinity) follow the exact path's tie rule.
      acc.add(softmaxCrossEntropyRowF64(logits, o, cols, t, w, gradScale, grad));
      continue;
    }
    const xt = logits[o + t] - m;
    // The exponentials of the other classes are summed apart from the target's: their sum
    // is 1 − p_t times s, the target's gradient, which would otherwise come out of the
    // cancellation p_t − 1 and lose its digits as p_t → 1 (a well-trained network).
    let others = 0;
    const tIndex = o + t;
    if (grad !== null) {
      for (let i = o; i < tIndex; i++) {
        const e = fastExpNonPositive(logits[i] - m);
        grad[i] = e;
        others += e;
      }
      for (let i = tIndex + 1; i < end; i++) {
        const e = fastExpNonPositive(logits[i] - m);
        grad[i] = e;
        others += e;
      }
    } else {
      for (let i = o; i < tIndex; i++) others += fastExpNonPositive(logits[i] - m);
      for (let i = tIndex + 1; i < end; i++) others += fastExpNonPositive(logits[i] - m);
    }
    const et = fastExpNonPositive(xt);
    const s = others + et;
    // −log p_t = log s − (x_t − m); when the target is the maximum (e_t = 1) that is
    // log1p(others), exact to the last digit for small losses. NaN anywhere in the row
    // makes s NaN (fastExp propagates it), hence the loss too.
    const rowLoss = xt === 0 ? Math.log1p(others) : Math.log(s) - xt;
    acc.add(w === 0 ? 0 : w * rowLoss);
    if (grad !== null) {
      const coef = w * gradScale;
      const c = coef / s;
      for (let i = o; i < end; i++) grad[i] *= c;
      grad[o + t] = -(coef * (others / s));
    }
  }
  return acc.value();
}
