import { bceWithLogitsKernel } from '../kernels/bceWithLogitsKernel.js';
import { sigmoid } from '../math/sigmoid.js';
import { softplus } from '../math/softplus.js';
import { parseDtype, timesNonzero } from './checkOptions.js';
import { broadcastWeight, inputAndTarget } from './elementwise.js';
import { newFloatArray, type FloatArray } from './FloatArray.js';
import type { DtypeOption, LossDefaults, LossResult } from './LossResult.js';
import { parseReduction, reduceLoss, REDUCTIONS, type Reduction } from './reduceLoss.js';
import type { TensorInput } from './tensor.js';

export interface BinaryCrossEntropyWithLogitsOptions extends DtypeOption {
  /** Weight of each element, broadcast to the input's shape, ≥ 0. */
  readonly weight?: TensorInput;
  /** Weight of the positive term, broadcast to the input's shape (typically one per class, last axis), ≥ 0. */
  readonly posWeight?: TensorInput;
  /** 'mean' (default), 'sum' or 'none'. */
  readonly reduction?: Reduction;
}

export const BCE_WITH_LOGITS_DEFAULTS: LossDefaults<BinaryCrossEntropyWithLogitsOptions> = { weight: null, posWeight: null, reduction: 'mean' };

/**
 * torch.nn.functional.binary_cross_entropy_with_logits: the binary cross-entropy of
 * σ(x), from the logit x, with no clamp needed.
 *
 * Derivation. −log σ(x) = log(1 + e^−x) = softplus(−x) and −log(1 − σ(x)) = softplus(x),
 * so with positive weight p:
 *   ℓ = w·[p·y·softplus(−x) + (1 − y)·softplus(x)].
 * For p = 1, softplus(x) − softplus(−x) = x gives the familiar form
 *   ℓ = softplus(x) − x·y = max(x, 0) − x·y + log1p(e^−|x|),
 * whose exponent is never positive. The weighted sum above is evaluated as written: each
 * softplus is stable and both terms are ≥ 0, so nothing cancels.
 *
 * Gradient, from softplus' = σ: ∂ℓ/∂x = w·[(1 − y)·σ(x) − p·y·σ(−x)], which for p = 1
 * is σ(x) − y: the error, with no σ' (docs/design.md). Written with σ(−x) rather than
 * σ(x) − 1, it keeps full relative accuracy when x ≫ 0 and y = 1 (PyTorch computes
 * (1 + (p − 1)y)σ(x) − p·y and loses those digits).
 *
 * @example
 * binaryCrossEntropyWithLogits([0], [1]).loss // 0.6931… (log 2)
 * binaryCrossEntropyWithLogits([1e4], [0]).loss // 10000, where log(1 − σ(x)) = log 0
 */
export function binaryCrossEntropyWithLogits(
  input: TensorInput,
  target: TensorInput,
  options: BinaryCrossEntropyWithLogitsOptions = {},
): LossResult {
  const dtype = parseDtype(options.dtype);
  const reduction = parseReduction(options.reduction ?? BCE_WITH_LOGITS_DEFAULTS.reduction, REDUCTIONS);
  const { x, t } = inputAndTarget(input, target, dtype);
  const weight = broadcastWeight(options.weight, x.shape, dtype, 'weight');
  const posWeight = broadcastWeight(options.posWeight, x.shape, dtype, 'posWeight');
  const n = x.data.length;
  if (dtype === 'float32' && weight === undefined && posWeight === undefined && reduction !== 'none') {
    // The hot path: the fused float32 kernel (WebAssembly SIMD where available).
    const { loss, grad } = bceWithLogitsKernel(x.data, t, { reduction });
    return { loss, lossShape: [], grad: grad as FloatArray, gradShape: x.shape, dtype };
  }
  const elementLoss = newFloatArray(dtype, n);
  const grad = newFloatArray(dtype, n);
  for (let i = 0; i < n; i++) {
    const z = x.data[i];
    const y = t[i];
    const positive = posWeight === undefined ? y : posWeight[i] * y;
    const loss = binaryCrossEntropyOfLogit(z, y, positive);
    // σ(±z): the larger, σ(|z|), from the primitive; the smaller as e^−|z|·σ(|z|), the same
    // value (σ(−a) = e^−a·σ(a)), rounded as the fused kernel's float64 path rounds it.
    const larger = sigmoid(Math.abs(z));
    const smaller = Math.exp(-Math.abs(z)) * larger;
    const g = (1 - y) * (z >= 0 ? larger : smaller) - positive * (z >= 0 ? smaller : larger);
    elementLoss[i] = weight === undefined ? loss : timesNonzero(weight[i], loss);
    grad[i] = weight === undefined ? g : weight[i] * g;
  }
  const { loss, gradScale } = reduceLoss(elementLoss, reduction, n, dtype);
  if (gradScale !== 1) for (let i = 0; i < n; i++) grad[i] *= gradScale;
  return { loss, lossShape: reduction === 'none' ? x.shape : [], grad, gradShape: x.shape, dtype };
}

/**
 * One element of the binary cross-entropy from a logit, −[p·log σ(z) + (1 − y)·log(1 − σ(z))]
 * = p·softplus(−z) + (1 − y)·softplus(z) with p = (positive weight)·y: both terms ≥ 0, a
 * zero coefficient contributing 0 even where its softplus is infinite.
 */
export function binaryCrossEntropyOfLogit(z: number, y: number, positive = y): number {
  return timesNonzero(positive, softplus(-z)) + timesNonzero(1 - y, softplus(z));
}
