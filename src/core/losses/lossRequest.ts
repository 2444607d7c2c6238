import { XentError } from '../XentError.js';
import { binaryCrossEntropy, BINARY_CROSS_ENTROPY_DEFAULTS } from './binaryCrossEntropy.js';
import { binaryCrossEntropyWithLogits, BCE_WITH_LOGITS_DEFAULTS } from './binaryCrossEntropyWithLogits.js';
import { crossEntropyLoss, CROSS_ENTROPY_DEFAULTS } from './crossEntropyLoss.js';
import { klDivLoss, KL_DIV_DEFAULTS } from './klDivLoss.js';
import type { LossDefaults, LossResult } from './LossResult.js';
import { mseLoss, MSE_LOSS_DEFAULTS } from './mseLoss.js';
import { nllLoss, NLL_LOSS_DEFAULTS } from './nllLoss.js';
import { sigmoidFocalLoss, SIGMOID_FOCAL_DEFAULTS } from './sigmoidFocalLoss.js';
import { softmaxFocalLoss, SOFTMAX_FOCAL_DEFAULTS } from './softmaxFocalLoss.js';
import type { TensorInput } from './tensor.js';

/** A loss as a request names it: the function, and its keyword arguments with their defaults (camelCase, the function's own). */
interface LossDeclaration {
  readonly fn: (input: TensorInput, target: TensorInput, options: Record<string, unknown>) => LossResult;
  readonly defaults: Readonly<Record<string, unknown>>;
}

/** Ties a loss's defaults to its options type, so the compiler checks that the declaration lists exactly the options the function takes. */
function declare<Options>(fn: (input: TensorInput, target: TensorInput, options: Options) => LossResult, defaults: LossDefaults<Options>): LossDeclaration {
  return { fn: fn as LossDeclaration['fn'], defaults };
}

/** Every loss a request can name, each declared once; its keyword arguments are the request's keys in snake_case, as torch's. */
const LOSSES = {
  cross_entropy: declare(crossEntropyLoss, CROSS_ENTROPY_DEFAULTS),
  nll_loss: declare(nllLoss, NLL_LOSS_DEFAULTS),
  binary_cross_entropy: declare(binaryCrossEntropy, BINARY_CROSS_ENTROPY_DEFAULTS),
  binary_cross_entropy_with_logits: declare(binaryCrossEntropyWithLogits, BCE_WITH_LOGITS_DEFAULTS),
  mse_loss: declare(mseLoss, MSE_LOSS_DEFAULTS),
  kl_div: declare(klDivLoss, KL_DIV_DEFAULTS),
  sigmoid_focal_loss: declare(sigmoidFocalLoss, SIGMOID_FOCAL_DEFAULTS),
  softmax_focal_loss: declare(softmaxFocalLoss, SOFTMAX_FOCAL_DEFAULTS),
} as const;

export type LossName = keyof typeof LOSSES;
export const LOSS_NAMES = Object.keys(LOSSES) as LossName[];

/** `labelSmoothing` → `label_smoothing`: a request key from the function's option name. */
export function snakeCase(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Each loss's keyword arguments, snake_case as a request spells them: derived from the declarations. */
export const LOSS_KEYWORDS: Readonly<Record<LossName, readonly string[]>> = Object.fromEntries(
  LOSS_NAMES.map((name): [LossName, string[]] => [name, Object.keys(LOSSES[name].defaults).map(snakeCase)]),
) as Record<LossName, string[]>;

/** The keys of a request, already decoded from its wire format (numbers, nested arrays or typed arrays; see src/cli/decodeLossRequest.ts). */
export interface LossRequest {
  readonly loss: string;
  readonly input: TensorInput;
  readonly target: TensorInput;
  /** 'float64' (default) or 'float32'. */
  readonly dtype?: unknown;
  /** The loss's keyword arguments, snake_case. */
  readonly [keyword: string]: unknown;
}

/**
 * Evaluates a loss request in the format of docs/design.md:
 * `{ loss: 'cross_entropy', input: [[2, -1, 0.5]], target: [0], weight: [1, 2, 1],
 *    ignore_index: -100, label_smoothing: 0.1, reduction: 'mean', dtype: 'float64' }`.
 * Keys are torch.nn.functional's keyword arguments with the same defaults; an unknown
 * loss or key is an XentError, and errors name the request's own (snake_case) keys.
 * Values are plain numbers; decoding JSON's spellings is the edge's job.
 *
 * @example
 * evaluateLossRequest({ loss: 'mse_loss', input: [1, 2], target: [0, 0] }).loss // 2.5
 */
export function evaluateLossRequest(request: LossRequest | unknown): LossResult {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new XentError('a loss request must be a JSON object', { field: 'request' });
  }
  const r = request as Record<string, unknown>;
  const name = r.loss;
  if (typeof name !== 'string' || !Object.hasOwn(LOSSES, name)) {
    const what = name === undefined ? 'missing loss' : `unknown loss ${JSON.stringify(name)}`;
    throw new XentError(`${what}: use one of ${LOSS_NAMES.join(', ')}`, { field: 'loss' });
  }
  const loss = name as LossName;
  const { fn, defaults } = LOSSES[loss];
  const camelOf = new Map(Object.keys(defaults).map((camel) => [snakeCase(camel), camel]));
  const options: Record<string, unknown> = { dtype: r.dtype };
  for (const key of Object.keys(r)) {
    if (key === 'loss' || key === 'input' || key === 'target' || key === 'dtype') continue;
    const camel = camelOf.get(key);
    if (camel === undefined) {
      throw new XentError(`${loss} takes no argument '${key}' (it takes ${LOSS_KEYWORDS[loss].join(', ')}, dtype)`, { field: key });
    }
    options[camel] = r[key];
  }
  for (const key of ['input', 'target']) {
    if (r[key] === undefined) throw new XentError(`missing: ${loss} needs input and target`, { field: key });
  }
  try {
    return fn(r.input as TensorInput, r.target as TensorInput, options);
  } catch (e) {
    // The functions name their camelCase options; the request's reader knows the snake_case keys.
    if (e instanceof XentError && Object.hasOwn(defaults, e.field)) {
      throw new XentError(e.problem, { field: snakeCase(e.field), index: e.index });
    }
    throw e;
  }
}
