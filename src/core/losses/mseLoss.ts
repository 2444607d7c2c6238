import { parseDtype } from './checkOptions.js';
import { inputAndTarget } from './elementwise.js';
import { newFloatArray } from './FloatArray.js';
import type { DtypeOption, LossDefaults, LossResult } from './LossResult.js';
import { parseReduction, reduceLoss, REDUCTIONS, type Reduction } from './reduceLoss.js';
import type { TensorInput } from './tensor.js';

export interface MseLossOptions extends DtypeOption {
  /** 'mean' (default), 'sum' or 'none'. */
  readonly reduction?: Reduction;
}

export const MSE_LOSS_DEFAULTS: LossDefaults<MseLossOptions> = { reduction: 'mean' };

/**
 * torch.nn.functional.mse_loss: ℓ = (x − y)² per element, ∂ℓ/∂x = 2(x − y). Note the
 * missing ½ of the textbook quadratic cost (src/nn/Cost.ts): PyTorch's convention.
 *
 * @example
 * mseLoss([1, 2], [0, 0]).loss // 2.5
 */
export function mseLoss(input: TensorInput, target: TensorInput, options: MseLossOptions = {}): LossResult {
  const dtype = parseDtype(options.dtype);
  const reduction = parseReduction(options.reduction ?? MSE_LOSS_DEFAULTS.reduction, REDUCTIONS);
  const { x, t } = inputAndTarget(input, target, dtype);
  const n = x.data.length;
  const elementLoss = newFloatArray(dtype, n);
  for (let i = 0; i < n; i++) {
    const e = x.data[i] - t[i];
    elementLoss[i] = e * e;
  }
  const { loss, gradScale } = reduceLoss(elementLoss, reduction, n, dtype);
  const grad = newFloatArray(dtype, n);
  for (let i = 0; i < n; i++) grad[i] = 2 * (x.data[i] - t[i]) * gradScale;
  return { loss, lossShape: reduction === 'none' ? x.shape : [], grad, gradShape: x.shape, dtype };
}
