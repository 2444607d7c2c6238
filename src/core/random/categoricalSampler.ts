import { XentError } from '../XentError.js';
import type { Rng } from './createRng.js';

/**
 * A sampler of indices k with probability weights[k] / Σ weights: the cumulative sums are
 * built once, and each draw is the inverse CDF of one `rng.uniform()`, by binary search
 * (O(log n) a draw). An index of weight 0 is never drawn, since a draw takes the first
 * cumulative sum strictly above u·Σ.
 *
 * @param weights finite and ≥ 0, not all 0 (a distribution, or counts)
 * @example
 * const draw = categoricalSampler([0.5, 0.25, 0.25]);
 * const rng = createRng(1);
 * draw(rng); // 0 half of the time, 1 or 2 a quarter each
 */
export function categoricalSampler(weights: ArrayLike<number>): (rng: Rng) => number {
  if (weights.length === 0) throw new XentError('weights must not be empty', { field: 'weights' });
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  // The search ends at the last positive weight: u·Σ can round up to Σ itself, and must
  // not then land on a trailing weight of 0.
  let last = 0;
  for (let k = 0; k < weights.length; k++) {
    const w = weights[k];
    if (!(w >= 0 && Number.isFinite(w))) throw new XentError(`weight ${w} must be finite and >= 0`, { field: 'weights', index: k });
    cumulative[k] = sum += w;
    if (w > 0) last = k;
  }
  if (!(sum > 0)) throw new XentError('weights must not all be 0', { field: 'weights' });
  return (rng) => {
    const u = rng.uniform() * sum;
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/**
 * One index drawn with probability weights[k] / Σ weights (see `categoricalSampler`,
 * which is the faster choice for many draws from the same weights).
 *
 * @example
 * sampleIndex(createRng(7), [0, 1, 0]) // 1
 */
export function sampleIndex(rng: Rng, weights: ArrayLike<number>): number {
  return categoricalSampler(weights)(rng);
}
