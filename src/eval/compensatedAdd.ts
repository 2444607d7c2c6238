/**
 * Neumaier's compensated addition on slot `i` of a pair of arrays: `sums[i]` holds the
 * running total and `compensations[i]` the low-order bits it lost (see
 * src/core/math/neumaierSum.ts for the algorithm and its reference). Arrays of slots
 * rather than one NeumaierAccumulator object per bin keep the per-row loop free of
 * allocations and pointer chasing.
 */
export function compensatedAdd(sums: Float64Array, compensations: Float64Array, i: number, x: number): void {
  const s = sums[i];
  const t = s + x;
  if (Math.abs(s) >= Math.abs(x)) compensations[i] += s - t + x;
  else compensations[i] += x - t + s;
  sums[i] = t;
}

/** The compensated total of slot `i`; a non-finite running total is returned as it is. */
export function compensatedValue(sums: Float64Array, compensations: Float64Array, i: number): number {
  const s = sums[i];
  return Number.isFinite(s) ? s + compensations[i] : s;
}
