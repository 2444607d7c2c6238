import { classLayout, classTargets, classWeight, logSoftmaxClassAxis, rowOffset, targetWeightSum } from './classLayout.js';
import { finiteOption, ignoreIndexOption, parseDtype, timesNonzero } from './checkOptions.js';
import { XentError } from '../XentError.js';
import { newFloatArray } from './FloatArray.js';
import type { DtypeOption, LossDefaults, LossResult } from './LossResult.js';
import { parseReduction, reduceLoss, REDUCTIONS, type Reduction } from './reduceLoss.js';
import { toTensor, type TensorInput } from './tensor.js';

export interface SoftmaxFocalLossOptions extends DtypeOption {
  /** Focusing exponent γ ≥ 0 (default 2); γ = 0 is cross_entropy. */
  readonly gamma?: number;
  /** Per-class weight α_c, shape (C), ≥ 0 (default all ones). */
  readonly weight?: TensorInput;
  /** Targets equal to this are skipped (default −100). */
  readonly ignoreIndex?: number;
  /** 'mean' (default, divides by Σ w_y of the non-ignored targets, like cross_entropy), 'sum' or 'none'. */
  readonly reduction?: Reduction;
}

export const SOFTMAX_FOCAL_DEFAULTS: LossDefaults<SoftmaxFocalLossOptions> = { weight: null, gamma: 2, ignoreIndex: -100, reduction: 'mean' };

/**
 * Multiclass focal loss from logits (Lin et al., "Focal Loss for Dense Object
 * Detection", 2017, eq. 5, with the softmax of the multiclass case):
 * ℓ = −w_y·(1 − p_y)^γ·log p_y. PyTorch has no such function; this one follows
 * cross_entropy's shapes, weight, ignoreIndex and reductions, and equals it at γ = 0.
 *
 * Everything is computed in log space: log p = logSoftmax(z) along the class axis, and
 * q = 1 − p_y = −expm1(log p_y), which keeps its digits when p_y is near 1 (where 1 − p_y
 * would cancel) — exactly where the focal factor q^γ matters.
 *
 * Gradient: with ∂log p_y/∂z_j = [j = y] − p_j and ∂q/∂z_j = −p_y([j = y] − p_j),
 * ∂ℓ/∂z_j = w_y·(p_j − [j = y])·F,  F = q^γ − γ·p_y·log p_y·q^(γ−1)
 *                                     = q^γ·(1 − γ·p_y·(log p_y)/q).
 * (log p_y)/q → −1 as q → 0, so F → 0 there for γ > 0 (and F = 1 at γ = 0).
 *
 * @example
 * softmaxFocalLoss([[2, -1, 0.5]], [0], { gamma: 2 }).loss // 0.011093… (CE 0.241311 × (1 − p_0)², p_0 = 0.785597)
 */
export function softmaxFocalLoss(input: TensorInput, target: TensorInput, options: SoftmaxFocalLossOptions = {}): LossResult {
  const dtype = parseDtype(options.dtype);
  const reduction = parseReduction(options.reduction ?? SOFTMAX_FOCAL_DEFAULTS.reduction, REDUCTIONS);
  const gamma = finiteOption(options.gamma ?? SOFTMAX_FOCAL_DEFAULTS.gamma, 'gamma');
  if (gamma < 0) throw new XentError(`gamma ${gamma} is negative`, { field: 'gamma' });
  const ignoreIndex = ignoreIndexOption(options.ignoreIndex ?? SOFTMAX_FOCAL_DEFAULTS.ignoreIndex);
  const x = toTensor(input, 'input', dtype);
  const layout = classLayout(x.shape);
  const weight = classWeight(options.weight, layout.classes, dtype);
  const t = classTargets(target, layout, ignoreIndex).data;
  const { classes: c, inner } = layout;
  const logP = logSoftmaxClassAxis(x.data, layout);
  const elementLoss = newFloatArray(dtype, t.length);
  const rowFactor = new Float64Array(t.length); // w_y·F
  for (let r = 0; r < t.length; r++) {
    const y = t[r];
    if (y === ignoreIndex) continue;
    const logPy = logP[rowOffset(layout, r) + y * inner];
    const q = -Math.expm1(logPy);
    const p = Math.exp(logPy);
    const focal = gamma === 0 ? 1 : Math.pow(q, gamma);
    const wy = weight === undefined ? 1 : weight[y];
    elementLoss[r] = -timesNonzero(wy * focal, logPy);
    // (log p)/q, with its limit −1 at q = 0; p·(log p)/q → 0 as p → 0 (log p = −Infinity).
    const logPOverQ = q === 0 ? -1 : logPy / q;
    const pLogPOverQ = p === 0 ? 0 : p * logPOverQ;
    rowFactor[r] = gamma === 0 ? wy : wy * focal * (1 - gamma * pLogPOverQ);
  }
  const reduced = reduceLoss(elementLoss, reduction, targetWeightSum(t, weight, ignoreIndex), dtype);
  const grad = newFloatArray(dtype, x.data.length);
  for (let r = 0; r < t.length; r++) {
    const y = t[r];
    if (y === ignoreIndex) continue;
    const factor = rowFactor[r] * reduced.gradScale;
    for (let k = 0, o = rowOffset(layout, r); k < c; k++, o += inner) {
      grad[o] = factor * (k === y ? Math.expm1(logP[o]) : Math.exp(logP[o])); // p_y − 1 without cancellation
    }
  }
  return { loss: reduced.loss, lossShape: reduction === 'none' ? layout.rowShape : [], grad, gradShape: x.shape, dtype };
}
