import { classLayout, classTargets, classWeight, rowOffset, targetWeightSum } from './classLayout.js';
import { ignoreIndexOption, parseDtype, timesNonzero } from './checkOptions.js';
import { newFloatArray } from './FloatArray.js';
import type { DtypeOption, LossDefaults, LossResult } from './LossResult.js';
import { parseReduction, reduceLoss, REDUCTIONS, type Reduction } from './reduceLoss.js';
import { toTensor, type TensorInput } from './tensor.js';

export interface NllLossOptions extends DtypeOption {
  /** Per-class weight, shape (C), ≥ 0. */
  readonly weight?: TensorInput;
  /** Targets equal to this are skipped (default −100). */
  readonly ignoreIndex?: number;
  /** 'mean' (default), 'sum' or 'none'. */
  readonly reduction?: Reduction;
}

export const NLL_LOSS_DEFAULTS: LossDefaults<NllLossOptions> = { weight: null, ignoreIndex: -100, reduction: 'mean' };

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
  const reduction = parseReduction(options.reduction ?? NLL_LOSS_DEFAULTS.reduction, REDUCTIONS);
  const ignoreIndex = ignoreIndexOption(options.ignoreIndex ?? NLL_LOSS_DEFAULTS.ignoreIndex);
  const x = toTensor(input, 'input', dtype);
  const layout = classLayout(x.shape);
  const weight = classWeight(options.weight, layout.classes, dtype);
  const t = classTargets(target, layout, ignoreIndex).data;
  const targetIndex = (r: number): number => rowOffset(layout, r) + t[r] * layout.inner;
  const elementLoss = newFloatArray(dtype, t.length);
  for (let r = 0; r < t.length; r++) {
    if (t[r] !== ignoreIndex) elementLoss[r] = -timesNonzero(weight === undefined ? 1 : weight[t[r]], x.data[targetIndex(r)]);
  }
  const { loss, gradScale } = reduceLoss(elementLoss, reduction, targetWeightSum(t, weight, ignoreIndex), dtype);
  const grad = newFloatArray(dtype, x.data.length);
  for (let r = 0; r < t.length; r++) {
    if (t[r] !== ignoreIndex) grad[targetIndex(r)] = -(weight === undefined ? 1 : weight[t[r]]) * gradScale;
  }
  return { loss, lossShape: reduction === 'none' ? layout.rowShape : [], grad, gradShape: x.shape, dtype };
}
