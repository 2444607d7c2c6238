import { XentError } from '../XentError.js';
import { binaryCrossEntropy } from './binaryCrossEntropy.js';
import { binaryCrossEntropyWithLogits } from './binaryCrossEntropyWithLogits.js';
import { crossEntropyLoss } from './crossEntropyLoss.js';
import { klDivLoss } from './klDivLoss.js';
import type { LossResult } from './LossResult.js';
import { mseLoss } from './mseLoss.js';
import { nllLoss } from './nllLoss.js';
import { sigmoidFocalLoss } from './sigmoidFocalLoss.js';
import { softmaxFocalLoss } from './softmaxFocalLoss.js';
import type { TensorInput } from './tensor.js';

/** The losses a request can name, with the keyword arguments each accepts (snake_case, as torch's). */
export const LOSS_KEYWORDS = {
  cross_entropy: ['weight', 'ignore_index', 'label_smoothing', 'reduction'],
  nll_loss: ['weight', 'ignore_index', 'reduction'],
  binary_cross_entropy: ['weight', 'reduction'],
  binary_cross_entropy_with_logits: ['weight', 'pos_weight', 'reduction'],
  mse_loss: ['reduction'],
  kl_div: ['reduction', 'log_target'],
  sigmoid_focal_loss: ['alpha', 'gamma', 'reduction'],
  softmax_focal_loss: ['weight', 'gamma', 'ignore_index', 'reduction'],
} as const;

export type LossName = keyof typeof LOSS_KEYWORDS;
export const LOSS_NAMES = Object.keys(LOSS_KEYWORDS) as LossName[];

/** camelCase option ↔ snake_case request key. */
const SNAKE: Readonly<Record<string, string>> = {
  ignoreIndex: 'ignore_index',
  labelSmoothing: 'label_smoothing',
  posWeight: 'pos_weight',
  logTarget: 'log_target',
};

/**
 * Evaluates a loss request in the JSON format of DESIGN.md:
 * `{ "loss": "cross_entropy", "input": [[2, -1, 0.5]], "target": [0], "weight": [1, 2, 1],
 *    "ignore_index": -100, "label_smoothing": 0.1, "reduction": "mean", "dtype": "float64" }`.
 * Keys are torch.nn.functional's keyword arguments with the same defaults; an unknown
 * loss or key is an XentError, and errors name the request's own (snake_case) keys.
 * Non-finite numbers may be written "Infinity" / "-Infinity".
 *
 * @example
 * evaluateLossRequest({ loss: 'mse_loss', input: [1, 2], target: [0, 0] }).loss // 2.5
 */
export function evaluateLossRequest(request: unknown): LossResult {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new XentError('a loss request must be a JSON object', { field: 'request' });
  }
  const r = request as Record<string, unknown>;
  const name = r.loss;
  if (typeof name !== 'string' || !Object.hasOwn(LOSS_KEYWORDS, name)) {
    const what = name === undefined ? 'missing loss' : `unknown loss ${JSON.stringify(name)}`;
    throw new XentError(`${what}: use one of ${LOSS_NAMES.join(', ')}`, { field: 'loss' });
  }
  const loss = name as LossName;
  const allowed: readonly string[] = ['loss', 'input', 'target', 'dtype', ...LOSS_KEYWORDS[loss]];
  for (const key of Object.keys(r)) {
    if (!allowed.includes(key)) {
      throw new XentError(`${loss} takes no argument '${key}' (it takes ${LOSS_KEYWORDS[loss].join(', ')}, dtype)`, { field: key });
    }
  }
  for (const key of ['input', 'target']) {
    if (r[key] === undefined) throw new XentError(`missing: ${loss} needs input and target`, { field: key });
  }
  const input = r.input as TensorInput;
  const target = r.target as TensorInput;
  // JSON null means "not given", like Python's None.
  const opt = (key: string): never => (r[key] === null ? undefined : r[key]) as never;
  try {
    switch (loss) {
      case 'cross_entropy':
        return crossEntropyLoss(input, target, {
          weight: opt('weight'),
          ignoreIndex: opt('ignore_index'),
          labelSmoothing: opt('label_smoothing'),
          reduction: opt('reduction'),
          dtype: opt('dtype'),
        });
      case 'nll_loss':
        return nllLoss(input, target, { weight: opt('weight'), ignoreIndex: opt('ignore_index'), reduction: opt('reduction'), dtype: opt('dtype') });
      case 'binary_cross_entropy':
        return binaryCrossEntropy(input, target, { weight: opt('weight'), reduction: opt('reduction'), dtype: opt('dtype') });
      case 'binary_cross_entropy_with_logits':
        return binaryCrossEntropyWithLogits(input, target, {
          weight: opt('weight'),
          posWeight: opt('pos_weight'),
          reduction: opt('reduction'),
          dtype: opt('dtype'),
        });
      case 'mse_loss':
        return mseLoss(input, target, { reduction: opt('reduction'), dtype: opt('dtype') });
      case 'kl_div':
        return klDivLoss(input, target, { reduction: opt('reduction'), logTarget: opt('log_target'), dtype: opt('dtype') });
      case 'sigmoid_focal_loss':
        return sigmoidFocalLoss(input, target, { alpha: opt('alpha'), gamma: opt('gamma'), reduction: opt('reduction'), dtype: opt('dtype') });
      case 'softmax_focal_loss':
        return softmaxFocalLoss(input, target, {
          weight: opt('weight'),
          gamma: opt('gamma'),
          ignoreIndex: opt('ignore_index'),
          reduction: opt('reduction'),
          dtype: opt('dtype'),
        });
    }
  } catch (e) {
    if (e instanceof XentError && Object.hasOwn(SNAKE, e.field)) {
      throw new XentError(e.problem, { field: SNAKE[e.field], index: e.index });
    }
    throw e;
  }
}
