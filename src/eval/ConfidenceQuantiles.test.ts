import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { ConfidenceQuantiles } from './ConfidenceQuantiles.js';

/** The order statistics c_(⌈m n / M⌉) by sorting: the definition the radix selection must meet. */
function sortedEdges(values: number[], bins: number): number[] {
  const s = Float64Array.from(values).sort();
  const edges = [0];
  for (let m = 1; m < bins; m++) edges.push(s[Math.ceil((m * values.length) / bins) - 1]);
  edges.push(1);
  return edges;
}

function select(values: number[], bins: number, collectLimit?: number): { edges: number[]; passes: number } {
  const q = new ConfidenceQuantiles(bins, collectLimit);
  while (!q.done) {
    for (const v of values) q.observe(v);
    q.endPass();
  }
  return { edges: Array.from(q.edges()), passes: q.passes };
}

describe('ConfidenceQuantiles', () => {
  const rng = createRng(7);
  const spread = Array.from({ length: 5000 }, () => 0.5 + 0.5 * rng.uniform());
  const clustered = Array.from({ length: 5000 }, () => 1 - 1e-9 * rng.uniform());
  const tied = Array.from({ length: 3000 }, (_, i) => [0.5, 0.75, 1][i % 3]);

  for (const [name, values] of [['spread', spread], ['clustered within 1e-9 of 1', clustered], ['three tied values', tied]] as const) {
    it(`finds the exact order statistics of ${name}, by sorting (two passes)`, () => {
      const { edges, passes } = select([...values], 15);
      expect(edges).toEqual(sortedEdges([...values], 15));
      expect(passes).toBe(2);
    });
    it(`finds the same edges of ${name} by histogram passes alone (collect limit 4)`, () => {
      const { edges, passes } = select([...values], 10, 4);
      expect(edges).toEqual(sortedEdges([...values], 10));
      expect(passes).toBeGreaterThanOrEqual(3);
      expect(passes).toBeLessThanOrEqual(5);
    });
  }

  it('handles fewer rows than bins (repeated edges) and one row', () => {
    expect(select([0.9, 0.6], 4).edges).toEqual(sortedEdges([0.9, 0.6], 4));
    expect(select([0.7], 3).edges).toEqual([0, 0.7, 0.7, 1]);
  });

  it('rejects bin counts it cannot hold in bounded memory', () => {
    expect(() => new ConfidenceQuantiles(0)).toThrow(/1 to 256 bins/);
    expect(() => new ConfidenceQuantiles(257)).toThrow(/1 to 256 bins/);
  });
});
