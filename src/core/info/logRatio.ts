import { logIn, natsTo, type InfoUnit } from './unit.js';

/**
 * log(a / b) in `unit`, for a, b > 0, accurate where the naive forms are not.
 *
 * - When a and b are within 25% of each other, a − b is exact (Sterbenz's lemma holds
 *   within a factor of 2), so log1p((a − b)/b) keeps full relative accuracy as a/b → 1,
 *   where log(a/b) would round the ratio first and lose the small difference. That is
 *   the regime of a KL divergence between close distributions.
 * - Otherwise log(a/b), whose result is no longer small, so the ratio's rounding costs
 *   at most an ulp; it falls back to log a − log b when the ratio overflows or
 *   underflows (a = 1, b = 1e-310, say).
 */
export function logRatio(a: number, b: number, unit: InfoUnit): number {
  const d = a - b;
  if (Math.abs(d) <= 0.25 * b) return Math.log1p(d / b) * natsTo(unit);
  const log = logIn(unit);
  const r = a / b;
  if (r > 0 && r < Infinity) return log(r);
  return log(a) - log(b);
}
