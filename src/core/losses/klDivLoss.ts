import { XentError } from '../XentError.js';
import { parseDtype, timesNonzero } from './checkOptions.js';
import { inputAndTarget } from './elementwise.js';
import { newFloatArray } from './FloatArray.js';
import type { DtypeOption, LossDefaults, LossResult } from './LossResult.js';
import { parseReduction, reduceLoss, type KlReduction } from './reduceLoss.js';
import type { TensorInput } from './tensor.js';

export interface KlDivLossOptions extends DtypeOption {
  /** 'mean' (default, PyTorch's, which divides by the element count), 'batchmean' (the KL per sample), 'sum' or 'none'. */
  readonly reduction?: KlReduction;
  /** The target is given as log-probabilities (default false). */
  readonly logTarget?: boolean;
}

const KL_REDUCTIONS: readonly KlReduction[] = ['mean', 'batchmean', 'sum', 'none'];

export const KL_DIV_DEFAULTS: LossDefaults<KlDivLossOptions> = { reduction: 'mean', logTarget: false };

/**
 * torch.nn.functional.kl_div: the input is log q (log-probabilities of the model), the
 * target is p (or log p with logTarget), and per element
 *   ℓ = p·(log p − log q) = xlogy(p, p) − p·input,    ∂ℓ/∂input = −p
 *   ℓ = e^t·(t − input) with t = log p (logTarget),   ∂ℓ/∂input = −e^t.
 * Summed over a distribution this is KL(p‖q) in nats; 'batchmean' divides the sum by the
 * batch size (input.shape[0]) and is the mathematically meaningful mean, 'mean' divides
 * by the element count as PyTorch does. A target of 0 (or log-target −Infinity)
 * contributes 0 even where the input is −Infinity (PyTorch: NaN). Targets must be ≥ 0
 * (PyTorch returns NaN for negative ones).
 *
 * @example
 * klDivLoss([Math.log(0.5), Math.log(0.5)], [0.9, 0.1], { reduction: 'sum' }).loss // 0.368… = KL(p‖q)
 */
export function klDivLoss(input: TensorInput, target: TensorInput, options: KlDivLossOptions = {}): LossResult {
  const dtype = parseDtype(options.dtype);
  const reduction = parseReduction(options.reduction ?? KL_DIV_DEFAULTS.reduction, KL_REDUCTIONS);
  const logTarget = options.logTarget ?? KL_DIV_DEFAULTS.logTarget;
  if (typeof logTarget !== 'boolean') throw new XentError('must be true or false', { field: 'logTarget' });
  const { x, t } = inputAndTarget(input, target, dtype);
  const n = x.data.length;
  if (!logTarget) {
    for (let i = 0; i < n; i++) if (t[i] < 0) throw new XentError(`probability ${t[i]} is negative`, { field: 'target', index: i });
  }
  const elementLoss = newFloatArray(dtype, n);
  const grad = newFloatArray(dtype, n);
  for (let i = 0; i < n; i++) {
    // p and log p, however the target is given; the gradient is −p either way.
    const p = logTarget ? Math.exp(t[i]) : t[i];
    const logP = logTarget ? t[i] : Math.log(t[i]);
    elementLoss[i] = timesNonzero(p, logP - x.data[i]);
    grad[i] = -p;
  }
  const divisor = reduction === 'batchmean' ? (x.shape.length === 0 ? 1 : x.shape[0]) : n;
  const { loss, gradScale } = reduceLoss(elementLoss, reduction, divisor, dtype);
  if (gradScale !== 1) for (let i = 0; i < n; i++) grad[i] *= gradScale;
  return { loss, lossShape: reduction === 'none' ? x.shape : [], grad, gradShape: x.shape, dtype };
}
