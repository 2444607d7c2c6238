/**
 * Edges 0, 1/M, 2/M, …, 1 of M equal-width bins. Each edge is m/M rounded once (not m·(1/M),
 * which can differ in the last bit), so a confidence written as 0.3 falls in the bin
 * (0.2, 0.3] exactly as Guo et al.'s rule (m−1)/M < conf ≤ m/M says.
 */
export function uniformBinEdges(bins: number): Float64Array {
  const edges = new Float64Array(bins + 1);
  for (let m = 0; m <= bins; m++) edges[m] = m / bins;
  return edges;
}

/**
 * The bin b (0-based) with edges[b] < x ≤ edges[b+1]; values at or below edges[0] go to the
 * first bin and values above the last edge to the last, so that a probability of 0, or one
 * a rounding above 1, is still counted. Binary search over the inner edges: with repeated
 * edges (equal-mass bins over tied confidences) the lowest bin whose upper edge is ≥ x.
 */
export function binOf(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  // Invariant: the answer lies in [lo, hi]; bin b's upper edge is edges[b + 1].
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x <= edges[mid + 1]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * binOf for equal-width edges m/M in O(1): ceil(x·M) − 1 is right up to one rounding of the
 * product, so it is corrected by comparing with the stored edges themselves. The rare
 * comparison with an edge is tested first: `b > 0` first would be a branch taken at random
 * (most probabilities of a row fall in bin 0, the rest anywhere), which the processor
 * mispredicts; tested second it is almost never reached.
 */
export function uniformBinOf(edges: Float64Array, bins: number, x: number): number {
  let b = Math.ceil(x * bins) - 1;
  if (!(b >= 0)) return 0;
  if (b > bins - 1) return bins - 1;
  if (x <= edges[b] && b > 0) b--;
  else if (x > edges[b + 1] && b < bins - 1) b++;
  return b;
}
