import { XentError } from '../XentError.js';
import { parseDtype } from './checkOptions.js';
import { broadcastWeight, inputAndTarget } from './elementwise.js';
import { newFloatArray } from './FloatArray.js';
import type { DtypeOption, LossDefaults, LossResult } from './LossResult.js';
import { parseReduction, reduceLoss, REDUCTIONS, type Reduction } from './reduceLoss.js';
import type { TensorInput } from './tensor.js';

/** PyTorch clamps each log in binary_cross_entropy at −100, so a probability of 0 or 1 costs at most 100 nats. */
export const BCE_LOG_CLAMP = -100;
/** PyTorch's backward divides by max(x(1 − x), EPSILON), EPSILON = 1e-12 as a C float (9.99999996e-13): the value it really uses. */
export const BCE_GRAD_EPSILON = Math.fround(1e-12);

export interface BinaryCrossEntropyOptions extends DtypeOption {
  /** Weight of each element, broadcast to the input's shape, ≥ 0. */
  readonly weight?: TensorInput;
  /** 'mean' (default), 'sum' or 'none'. */
  readonly reduction?: Reduction;
}

export const BINARY_CROSS_ENTROPY_DEFAULTS: LossDefaults<BinaryCrossEntropyOptions> = { weight: null, reduction: 'mean' };

/**
 * torch.nn.functional.binary_cross_entropy, from probabilities x ∈ [0, 1]:
 * ℓ = −w·[y·max(log x, −100) + (1 − y)·max(log(1 − x), −100)].
 *
 * The clamp at −100 (BCE_LOG_CLAMP) is PyTorch's: it makes x = 0 or 1 finite (100 nats)
 * instead of Infinity. log(1 − x) is computed as log1p(−x), exact for tiny x.
 *
 * The gradient is PyTorch's: ∂ℓ/∂x = w·(x − y)/max(x(1 − x), 1e-12) — the derivative
 * w·(x − y)/(x(1 − x)) of the unclamped loss, with the denominator floored at
 * BCE_GRAD_EPSILON, so it is finite (±w·10^12 at the ends) where the true derivative is
 * infinite. Prefer binaryCrossEntropyWithLogits: from logits the same loss has gradient
 * σ(z) − y and needs neither clamp.
 *
 * @example
 * binaryCrossEntropy([0.9, 0.2], [1, 0]).loss // 0.164…  (−(log 0.9 + log 0.8)/2)
 */
export function binaryCrossEntropy(input: TensorInput, target: TensorInput, options: BinaryCrossEntropyOptions = {}): LossResult {
  const dtype = parseDtype(options.dtype);
  const reduction = parseReduction(options.reduction ?? BINARY_CROSS_ENTROPY_DEFAULTS.reduction, REDUCTIONS);
  const { x, t } = inputAndTarget(input, target, dtype);
  const weight = broadcastWeight(options.weight, x.shape, dtype, 'weight');
  const n = x.data.length;
  for (let i = 0; i < n; i++) {
    const p = x.data[i];
    if (!(p >= 0 && p <= 1)) throw new XentError(`probability ${p} is outside [0, 1]`, { field: 'input', index: i });
  }
  const elementLoss = newFloatArray(dtype, n);
  for (let i = 0; i < n; i++) {
    const p = x.data[i];
    const y = t[i];
    const logP = Math.max(Math.log(p), BCE_LOG_CLAMP);
    const log1mP = Math.max(Math.log1p(-p), BCE_LOG_CLAMP);
    const e = -(y * logP + (1 - y) * log1mP);
    elementLoss[i] = weight === undefined ? e : weight[i] * e;
  }
  const { loss, gradScale } = reduceLoss(elementLoss, reduction, n, dtype);
  const grad = newFloatArray(dtype, n);
  for (let i = 0; i < n; i++) {
    const p = x.data[i];
    const g = (p - t[i]) / Math.max(p * (1 - p), BCE_GRAD_EPSILON);
    grad[i] = (weight === undefined ? g : weight[i] * g) * gradScale;
  }
  return { loss, lossShape: reduction === 'none' ? x.shape : [], grad, gradShape: x.shape, dtype };
}
