import { XentError } from '../XentError.js';
import { finiteOption, parseDtype, timesNonzero } from './checkOptions.js';
import { binaryCrossEntropyOfLogit } from './binaryCrossEntropyWithLogits.js';
import { inputAndTarget } from './elementwise.js';
import { newFloatArray } from './FloatArray.js';
import type { DtypeOption, LossDefaults, LossResult } from './LossResult.js';
import { parseReduction, reduceLoss, REDUCTIONS, type Reduction } from './reduceLoss.js';
import { sigmoid } from '../math/sigmoid.js';
import type { TensorInput } from './tensor.js';

export interface SigmoidFocalLossOptions extends DtypeOption {
  /** Weight of the positives, α ∈ [0, 1]; the negatives get 1 − α. A negative α disables it (torchvision). Default 0.25. */
  readonly alpha?: number;
  /** Focusing exponent γ ≥ 0 (default 2). */
  readonly gamma?: number;
  /** 'none' (default, torchvision's), 'mean' or 'sum'. */
  readonly reduction?: Reduction;
}

export const SIGMOID_FOCAL_DEFAULTS: LossDefaults<SigmoidFocalLossOptions> = { alpha: 0.25, gamma: 2, reduction: 'none' };

/**
 * torchvision.ops.sigmoid_focal_loss (Lin et al. 2017): the binary cross-entropy from
 * logits, down-weighted where the prediction is already right:
 *   ℓ = α_t·(1 − p_t)^γ·ce,  ce = BCE-with-logits(x, y), p = σ(x),
 *   p_t = p·y + (1 − p)(1 − y),  α_t = α·y + (1 − α)(1 − y).
 * Note torchvision's default reduction is 'none', unlike torch.nn.functional.
 *
 * 1 − p_t = (1 − y)·σ(x) + y·σ(−x) is formed from the two sigmoids, so it keeps its
 * digits where p_t is near 1 (torchvision's 1 − p_t cancels there).
 *
 * Gradient, with m = 1 − p_t, ∂m/∂x = σ'(x)(1 − 2y) and ∂ce/∂x = (1 − y)σ(x) − yσ(−x):
 *   ∂ℓ/∂x = α_t·[m^γ·∂ce/∂x + γ·m^(γ−1)·ce·σ(x)σ(−x)(1 − 2y)].
 * The second term is evaluated as γ·m^γ·(ce/m)·…, and taken as its limit 0 at m = 0
 * (for y ∈ {0, 1}, ce = −log(1 − m) ≈ m there, so ce·m^(γ−1) ≈ m^γ → 0).
 *
 * @example
 * sigmoidFocalLoss([0], [1]).loss // Float64Array [0.0433…] = 0.25·0.5²·log 2
 */
export function sigmoidFocalLoss(input: TensorInput, target: TensorInput, options: SigmoidFocalLossOptions = {}): LossResult {
  const dtype = parseDtype(options.dtype);
  const reduction = parseReduction(options.reduction ?? SIGMOID_FOCAL_DEFAULTS.reduction, REDUCTIONS);
  const alpha = finiteOption(options.alpha ?? SIGMOID_FOCAL_DEFAULTS.alpha, 'alpha');
  if (alpha > 1) throw new XentError(`alpha ${alpha} is above 1 (use a negative alpha to disable it)`, { field: 'alpha' });
  const gamma = finiteOption(options.gamma ?? SIGMOID_FOCAL_DEFAULTS.gamma, 'gamma');
  if (gamma < 0) throw new XentError(`gamma ${gamma} is negative`, { field: 'gamma' });
  const { x, t } = inputAndTarget(input, target, dtype);
  const n = x.data.length;
  const elementLoss = newFloatArray(dtype, n);
  for (let i = 0; i < n; i++) {
    const z = x.data[i];
    const y = t[i];
    const ce = binaryCrossEntropyOfLogit(z, y);
    const m = (1 - y) * sigmoid(z) + y * sigmoid(-z);
    const alphaT = alpha < 0 ? 1 : alpha * y + (1 - alpha) * (1 - y);
    elementLoss[i] = timesNonzero(alphaT * (gamma === 0 ? 1 : Math.pow(m, gamma)), ce);
  }
  const { loss, gradScale } = reduceLoss(elementLoss, reduction, n, dtype);
  const grad = newFloatArray(dtype, n);
  for (let i = 0; i < n; i++) {
    const z = x.data[i];
    const y = t[i];
    const sp = sigmoid(z);
    const sn = sigmoid(-z);
    const m = (1 - y) * sp + y * sn;
    const alphaT = alpha < 0 ? 1 : alpha * y + (1 - alpha) * (1 - y);
    const dce = (1 - y) * sp - y * sn;
    const focal = gamma === 0 ? 1 : Math.pow(m, gamma);
    let g = focal * dce;
    const sigmoidPrime = sp * sn;
    if (gamma !== 0 && m !== 0 && sigmoidPrime !== 0) {
      // m^(γ−1)·ce written as m^γ·(ce/m): no overflow of m^(γ−1) for γ < 1 and tiny m.
      // σ'(x) = 0 (|x| > 745) makes the term 0 even where ce is huge (it decays as |x|e^−|x|).
      const ce = binaryCrossEntropyOfLogit(z, y);
      g += gamma * focal * (sigmoidPrime * (ce / m)) * (1 - 2 * y);
    }
    grad[i] = alphaT * g * gradScale;
  }
  return { loss, lossShape: reduction === 'none' ? x.shape : [], grad, gradShape: x.shape, dtype };
}
