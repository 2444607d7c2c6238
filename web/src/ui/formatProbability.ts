/**
 * A probability for display: three decimals, but tiny non-zero values keep two
 * significant digits (2^−26 shows as 1.5e-8, not 0.000), so a typed-back value never
 * silently becomes an impossible outcome.
 */
export function formatProbability(p: number): string {
  if (p === 0) return '0';
  if (p < 0.0005) return p.toExponential(1);
  return p.toFixed(3);
}
