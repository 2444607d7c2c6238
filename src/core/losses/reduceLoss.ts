import { XentError } from '../XentError.js';
import { NeumaierAccumulator } from '../math/neumaierSum.js';
import { roundToDtype, type Dtype, type FloatArray } from './FloatArray.js';

/** How per-element losses become the result, as in torch.nn.functional. */
export type Reduction = 'mean' | 'sum' | 'none';
/** kl_div also divides the sum by the batch size. */
export type KlReduction = Reduction | 'batchmean';

export const REDUCTIONS: readonly Reduction[] = ['mean', 'sum', 'none'];

/** Checks a reduction name; `batchmean` only where the loss allows it (kl_div). */
export function parseReduction<R extends string>(value: unknown, allowed: readonly R[]): R {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as R;
  throw new XentError(`unknown reduction ${JSON.stringify(value)}: use ${allowed.join(', ')}`, { field: 'reduction' });
}

/** The reduced loss and the factor that turns ∂(element loss)/∂x into ∂(result)/∂x. */
export interface Reduced {
  /** A number for mean/sum/batchmean; the per-element losses themselves for none. */
  readonly loss: number | FloatArray;
  /**
   * ∂loss/∂(each element loss): 1 for sum and none (the gradient of none is that of the
   * sum, docs/design.md), 1/divisor for the means, NaN when the divisor is 0. Losses apply
   * the factor only to elements that count, so ignored ones keep a gradient of 0.
   */
  readonly gradScale: number;
}

/**
 * The one reduction every loss uses. `divisor` is what a mean divides by: the element
 * count, the summed weights of the non-ignored targets (weighted cross_entropy and
 * nll_loss), or the batch size (batchmean). The sum is compensated (Neumaier), so a mean
 * over 10^6 elements is as accurate as one over ten, and the result is rounded to the
 * dtype once, at the end.
 *
 * @example
 * reduceLoss(new Float64Array([1, 2, 3]), 'mean', 3, 'float64') // { loss: 2, gradScale: 1/3 }
 */
export function reduceLoss(elementLoss: FloatArray, reduction: KlReduction, divisor: number, dtype: Dtype): Reduced {
  if (reduction === 'none') return { loss: elementLoss, gradScale: 1 };
  const acc = new NeumaierAccumulator();
  for (let i = 0; i < elementLoss.length; i++) acc.add(elementLoss[i]);
  const sum = acc.value();
  if (reduction === 'sum') return { loss: roundToDtype(sum, dtype), gradScale: 1 };
  // A mean over nothing (an empty batch, every target ignored, or targets whose weights
  // are all 0) is undefined: NaN, as PyTorch gives, for the loss and for the gradient of
  // the elements that count. (sum/0 alone would say Infinity when the sum is positive.)
  if (divisor === 0) return { loss: NaN, gradScale: NaN };
  return { loss: roundToDtype(sum / divisor, dtype), gradScale: 1 / divisor };
}
