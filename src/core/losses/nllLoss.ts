import { checkClassTargets, classLayout, classWeight } from './classLayout.js';
import { ignoreIndexOption, parseDtype, timesNonzero } from './checkOptions.js';
import { newFloatArray } from './FloatArray.js';
import type { DtypeOption, LossResult } from './LossResult.js';
import { parseReduction, reduceLoss, REDUCTIONS, type Reduction } from './reduceLoss.js';
import { toIndexTensor, toTensor, type TensorInput } from './tensor.js';

export interface NllLossOptions extends DtypeOption {
  /** Per-class weight, shape (C), ≥ 0. */
  readonly weight?: TensorInput;
  /** Targets equal to this are skipped (default −100). */
  readonly ignoreIndex?: number;
  /** 'mean' (default), 'sum' or 'none'. */
  readonly reduction?: Reduction;
}

/**
 * torch.nn.functional.nll_loss: the negative log-likelihood of class-index targets given
 * log-probabilities (for instance logSoftmax of logits). ℓ = −w_y·input[y] per element,
 * 0 for y = ignoreIndex; 'mean' divides by Σ w_y over the non-ignored elements, so an
 * all-ignored batch gives NaN (PyTorch too) with a zero gradient. Shapes as in
 * crossEntropyLoss. ∂ℓ/∂input[c] = −w_y·[c = y]. The input is not checked to be
 * log-probabilities, as in PyTorch.
 *
 * @example
 * nllLoss([[-0.1, -2.4]], [0]).loss // 0.1
 */
export function nllLoss(input: TensorInput, target: TensorInput, options: NllLossOptions = {}): LossResult {
  const dtype = parseDtype(options.dtype);
  const reduction = parseReduction(options.reduction ?? 'mean', REDUCTIONS);
  const ignoreIndex = ignoreIndexOption(options.ignoreIndex);
  const x = toTensor(input, 'input', dtype);
  const layout = classLayout(x.shape);
  const weight = classWeight(options.weight, layout.classes, dtype);
  const t = toIndexTensor(target, 'target');
  checkClassTargets(t, layout, ignoreIndex);
  const { batch, classes: c, inner } = layout;
  const rows = batch * inner;
  const elementLoss = newFloatArray(dtype, rows);
  let divisor = 0;
  for (let b = 0; b < batch; b++) {
    for (let d = 0; d < inner; d++) {
      const r = b * inner + d;
      const y = t.data[r];
      if (y === ignoreIndex) continue;
      const wy = weight === undefined ? 1 : weight[y];
      divisor += wy;
      elementLoss[r] = -timesNonzero(wy, x.data[b * c * inner + d + y * inner]);
    }
  }
  const { loss, gradScale } = reduceLoss(elementLoss, reduction, divisor, dtype);
  const grad = newFloatArray(dtype, x.data.length);
  for (let b = 0; b < batch; b++) {
    for (let d = 0; d < inner; d++) {
      const y = t.data[b * inner + d];
      if (y === ignoreIndex) continue;
      grad[b * c * inner + d + y * inner] = -(weight === undefined ? 1 : weight[y]) * gradScale;
    }
  }
  return { loss, lossShape: reduction === 'none' ? layout.rowShape : [], grad, gradShape: x.shape, dtype };
}
