import { describe, expect, it } from 'vitest';
import { partRange, unitSplit } from './trainingLayout.js';

describe('unitSplit', () => {
  it('covers the units once, in order, the calling thread first with its share', () => {
    expect(unitSplit(2, 100, 0.35)).toEqual([[0, 35], [35, 100]]);
    expect(unitSplit(3, 31, 0.2)).toEqual([[0, 6], [6, 18], [18, 31]]);
    expect(unitSplit(1, 30, 0.2)).toEqual([[0, 30]]);
    expect(unitSplit(2, 10, 0)).toEqual([[0, 0], [0, 10]]);
  });
});

describe('partRange', () => {
  it('cuts n into consecutive parts whose sizes differ by at most one', () => {
    for (const [threads, n] of [[2, 10], [3, 31], [4, 3], [3, 0]]) {
      const parts = Array.from({ length: threads }, (_, t) => partRange(t, threads, n));
      expect(parts[0][0]).toBe(0);
      expect(parts[threads - 1][1]).toBe(n);
      for (let t = 1; t < threads; t++) expect(parts[t][0]).toBe(parts[t - 1][1]);
      const sizes = parts.map(([a, b]) => b - a);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });
});
