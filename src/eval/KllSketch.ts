import { XentError } from '../core/XentError.js';
import { counterUniform32 } from './counterRandom.js';

/**
 * A mergeable quantile sketch of numbers (Karnin, Lang & Liberty 2016, "Optimal quantile
 * approximation in streams", FOCS), for equal-mass bin edges when the rows are seen once
 * and in shards. Level h holds items that each stand for 2^h values; when a level is full it
 * is sorted and every other item (odd or even positions, by a coin) moves up a level, so
 * the total weight stays exactly n. Capacities shrink geometrically by c = 2/3 below the
 * top level, at most k, so the sketch keeps about 3k items whatever n.
 *
 * Rank error: for the k used here (256) the estimated rank of any value is within
 * εn, ε = KLL_RANK_ERROR, with probability 99% per query: the empirical bound
 * 1.854/k^0.9657 that Apache DataSketches states for its KLL sketch of the same design
 * (datasketches.apache.org, KLL sketch accuracy), checked against exact ranks in
 * KllSketch.test.ts.
 *
 * Deterministic: the coin of the i-th compaction of level h is bit 0 of a counter-based
 * hash of (seed, h, i), and compaction counts add on merge, so the same rows in the same
 * order, or the same shards merged in the same order, give the same sketch.
 */
export interface KllSketch {
  k: number;
  seed: number;
  /** levels[h]: the items of weight 2^h. */
  levels: number[][];
  /** Compactions done so far at each level (the coins' counter). */
  compactions: number[];
  /** Values added (the sum of the items' weights). */
  n: number;
}

export const KLL_K = 256;

/** The normalized rank error ε of a KLL sketch of k = KLL_K, at 99% confidence per query. */
export const KLL_RANK_ERROR = kllRankError(KLL_K);

export function kllRankError(k: number): number {
  return 1.854 / Math.pow(k, 0.9657);
}

const C = 2 / 3;

export function kllSketch(k = KLL_K, seed = 0): KllSketch {
  if (!Number.isInteger(k) || k < 8 || k > 65536) throw new XentError(`the quantile sketch's k must be a whole number from 8 to 65536, got ${k}`, { field: 'k' });
  return { k, seed, levels: [[]], compactions: [0], n: 0 };
}

function capacity(s: KllSketch, h: number): number {
  const depth = s.levels.length - h - 1;
  return Math.max(2, Math.ceil(Math.pow(C, depth) * s.k));
}

function retained(s: KllSketch): number {
  let total = 0;
  for (const level of s.levels) total += level.length;
  return total;
}

function maxRetained(s: KllSketch): number {
  let total = 0;
  for (let h = 0; h < s.levels.length; h++) total += capacity(s, h);
  return total;
}

export function kllAdd(s: KllSketch, value: number): void {
  s.levels[0].push(value);
  s.n++;
  if (s.levels[0].length >= capacity(s, 0)) compress(s);
}

/** Compacts full levels from the bottom until the sketch is under its total capacity again (lazy compaction). */
function compress(s: KllSketch): void {
  for (let h = 0; h < s.levels.length; h++) {
    if (s.levels[h].length < capacity(s, h)) continue;
    if (h + 1 >= s.levels.length) {
      s.levels.push([]);
      s.compactions.push(0);
    }
    const level = s.levels[h].sort((a, b) => a - b);
    const odd = counterUniform32(s.seed, h, s.compactions[h]++) & 1;
    const up = s.levels[h + 1];
    // Pairs from the top down; an odd item out stays at level h.
    let i = level.length - 1;
    for (; i >= 1; i -= 2) up.push(level[i - odd]);
    level.length = i + 1;
    if (retained(s) < maxRetained(s)) return;
  }
}

/** Adds `from`'s values into `into` (k and seed must agree). */
export function kllMerge(into: KllSketch, from: KllSketch): void {
  if (into.k !== from.k || into.seed !== from.seed) throw new XentError('cannot merge quantile sketches of different k or seed', { field: 'quantileSketch' });
  while (into.levels.length < from.levels.length) {
    into.levels.push([]);
    into.compactions.push(0);
  }
  from.levels.forEach((level, h) => {
    for (const x of level) into.levels[h].push(x);
    into.compactions[h] += from.compactions[h];
  });
  into.n += from.n;
  while (retained(into) >= maxRetained(into)) {
    const before = retained(into);
    compress(into);
    if (retained(into) === before) break;
  }
}

/** The items sorted with their weights' running sums. */
function sortedItems(s: KllSketch): { values: Float64Array; cumulative: Float64Array } {
  const items: [number, number][] = [];
  s.levels.forEach((level, h) => {
    for (const x of level) items.push([x, 2 ** h]);
  });
  items.sort((a, b) => a[0] - b[0]);
  const values = new Float64Array(items.length);
  const cumulative = new Float64Array(items.length);
  let total = 0;
  items.forEach(([x, w], i) => {
    values[i] = x;
    total += w;
    cumulative[i] = total;
  });
  return { values, cumulative };
}

/**
 * For each 1-based rank r in `ranks`, the smallest item whose estimated rank (the weight of
 * items ≤ it) reaches r: the sketch's estimate of the order statistic x_(r). NaN when empty.
 */
export function kllQuantiles(s: KllSketch, ranks: readonly number[]): number[] {
  const { values, cumulative } = sortedItems(s);
  return ranks.map((r) => {
    if (values.length === 0) return NaN;
    let lo = 0;
    let hi = values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] >= r) hi = mid;
      else lo = mid + 1;
    }
    return values[lo];
  });
}

/** Items the sketch keeps (its size, whatever n). */
export function kllRetained(s: KllSketch): number {
  return retained(s);
}
