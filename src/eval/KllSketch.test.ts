import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { KLL_RANK_ERROR, kllAdd, kllMerge, kllQuantiles, kllRetained, kllSketch } from './KllSketch.js';

/** Exact rank of x: how many values are ≤ x. */
function rankOf(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sample(n: number, seed: number, skewed: boolean): Float64Array {
  const rng = createRng(seed);
  const rand = () => rng.uniform();
  const xs = new Float64Array(n);
  // Skewed: confidences piled up near 1, as a good classifier's are.
  for (let i = 0; i < n; i++) xs[i] = skewed ? 1 - rand() ** 8 * 0.5 : rand();
  return xs;
}

const ranksOf = (n: number, M: number) => Array.from({ length: M - 1 }, (_, m) => Math.ceil(((m + 1) * n) / M));

describe('KllSketch', () => {
  it('keeps the total weight n exactly and about 3k items whatever n', () => {
    const s = kllSketch(256, 1);
    for (const x of sample(200000, 2, false)) kllAdd(s, x);
    const weight = s.levels.reduce((t, level, h) => t + level.length * 2 ** h, 0);
    expect(weight).toBe(200000);
    expect(s.n).toBe(200000);
    expect(kllRetained(s)).toBeLessThan(3 * 256 + 64);
  });

  it('is exact while nothing has been compacted', () => {
    const s = kllSketch(256, 1);
    const xs = sample(100, 3, false);
    for (const x of xs) kllAdd(s, x);
    const sorted = Float64Array.from(xs).sort();
    expect(kllQuantiles(s, [1, 50, 100])).toEqual([sorted[0], sorted[49], sorted[99]]);
  });

  it('stays within its stated rank error over 16 seeds, in one stream and merged from shards', () => {
    // 16 seeds × 2 data sets × 2 ways × 99 quantiles: the bound holds per query with 99%
    // probability, so a handful of misses would be expected; the test allows 1% of them.
    const n = 30000;
    let queries = 0;
    let misses = 0;
    let largest = 0;
    for (let seed = 1; seed <= 16; seed++) {
      for (const skewed of [false, true]) {
        const xs = sample(n, 1000 + seed, skewed);
        const sorted = Float64Array.from(xs).sort();
        const whole = kllSketch(256, seed);
        for (const x of xs) kllAdd(whole, x);
        const merged = kllSketch(256, seed);
        for (let shard = 0; shard < 3; shard++) {
          const part = kllSketch(256, seed);
          for (let i = shard * 10000; i < (shard + 1) * 10000; i++) kllAdd(part, xs[i]);
          kllMerge(merged, part);
        }
        expect(merged.n).toBe(n);
        const ranks = ranksOf(n, 100);
        for (const sketch of [whole, merged]) {
          kllQuantiles(sketch, ranks).forEach((q, i) => {
            const error = Math.abs(rankOf(sorted, q) - ranks[i]) / n;
            largest = Math.max(largest, error);
            queries++;
            if (error > KLL_RANK_ERROR) misses++;
          });
        }
      }
    }
    expect(misses / queries).toBeLessThanOrEqual(0.01);
    // Not vacuous: the sketch does lose rank information at this n.
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThan(2 * KLL_RANK_ERROR);
  });

  it('is deterministic by seed', () => {
    const xs = sample(50000, 9, false);
    const a = kllSketch(256, 7);
    const b = kllSketch(256, 7);
    const c = kllSketch(256, 8);
    for (const x of xs) {
      kllAdd(a, x);
      kllAdd(b, x);
      kllAdd(c, x);
    }
    expect(a.levels).toEqual(b.levels);
    expect(a.levels).not.toEqual(c.levels);
  });

  it('refuses to merge sketches of another k', () => {
    expect(() => kllMerge(kllSketch(256, 1), kllSketch(128, 1))).toThrow(/different k/);
  });
});
