import { XentError } from '../XentError.js';
import { neumaierSum } from '../math/neumaierSum.js';

/** How a measure reads its probability vectors. */
export interface DistributionOptions {
  /** Divide by the sum instead of requiring it to be 1 (accepts counts). Default false. */
  normalize?: boolean;
}

/**
 * Checks that `values` is a probability vector and returns it as a Float64Array.
 *
 * Rules (each violation is an XentError naming `field` and the index):
 * - at least one entry;
 * - every entry finite and ≥ 0 (NaN and ±Infinity are refused, never masked);
 * - the sum is 1 within 1e-9 × length, unless `normalize` is set, in which case the
 *   entries are divided by their (positive) sum.
 *
 * The tolerance grows with the length because n correctly rounded decimals each carry
 * up to half an ulp of error, and typed-in vectors like 0.1 × 10 rarely sum to exactly 1.
 * The values are probabilities, so they have no unit.
 *
 * @example
 * toDistribution([1, 3], 'p', { normalize: true }) // Float64Array [0.25, 0.75]
 */
export function toDistribution(
  values: ArrayLike<number>,
  field: string,
  options: DistributionOptions = {},
): Float64Array {
  if (values == null || typeof values.length !== 'number') {
    throw new XentError('expected an array of numbers', { field });
  }
  const n = values.length;
  if (n === 0) throw new XentError('distribution is empty: it needs at least one outcome', { field });
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number') throw new XentError(`value ${JSON.stringify(v)} is not a number`, { field, index: i });
    if (Number.isNaN(v)) throw new XentError('value is NaN', { field, index: i });
    if (!Number.isFinite(v)) throw new XentError(`value ${v} is not finite: probabilities must be finite`, { field, index: i });
    if (v < 0) throw new XentError(`value ${v} is negative`, { field, index: i });
    out[i] = v;
  }
  const sum = neumaierSum(out);
  if (options.normalize) {
    if (!(sum > 0)) throw new XentError('distribution sums to 0, so it cannot be normalized', { field });
    if (!Number.isFinite(sum)) throw new XentError('sum overflows', { field });
    for (let i = 0; i < n; i++) out[i] /= sum;
    return out;
  }
  if (Math.abs(sum - 1) > 1e-9 * n) {
    throw new XentError(`distribution sums to ${sum}, not 1 (normalize rescales counts)`, { field });
  }
  return out;
}

/**
 * Checks that p and q describe the same outcomes. It runs before q's own checks, so that
 * a q of the wrong length is reported as such rather than as "sums to 0.75"; it therefore
 * first makes sure q is an array at all (JavaScript callers may pass null).
 */
export function assertSameLength(p: ArrayLike<number>, q: ArrayLike<number>): void {
  if (q == null || typeof q.length !== 'number') throw new XentError('expected an array of numbers', { field: 'q' });
  if (p.length !== q.length) {
    throw new XentError(`q has ${q.length} entries but p has ${p.length}`, { field: 'q' });
  }
}
