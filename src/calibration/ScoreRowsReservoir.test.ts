import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { ScoreRowsCollector } from './ScoreRowsCollector.js';
import { ScoreRowsReservoir } from './ScoreRowsReservoir.js';

const where = () => ({ field: 'pred', index: 'row' });

/** Offers `rows` rows of K probabilities; row i's first probability encodes i, so a kept row says which it was. */
function offer(tap: ScoreRowsReservoir['add'], rows: number, K: number, weight = (_i: number) => 1): void {
  const values = new Float64Array(K);
  for (let i = 0; i < rows; i++) {
    values[0] = (i + 1) / (rows + 2);
    for (let k = 1; k < K; k++) values[k] = (1 - values[0]) / (K - 1);
    tap(values, 0, K, i % K, weight(i), where);
  }
}

/** The row numbers a sample holds, read back from the first score. */
function heldRows(reservoir: ScoreRowsReservoir, rows: number, K: number): number[] {
  const { scores, rows: n } = reservoir.finish();
  return Array.from({ length: n }, (_, j) => Math.round(Math.exp(scores[j * K]) * (rows + 2)) - 1);
}

describe('ScoreRowsReservoir', () => {
  it('holds every row, in order, as ScoreRowsCollector does, below its capacity', () => {
    const reservoir = new ScoreRowsReservoir('probs', false, { rows: 50 });
    const collector = new ScoreRowsCollector('probs', false, 'pred');
    offer(reservoir.add, 40, 3, (i) => (i % 5 === 0 ? 2 : 1));
    offer(collector.add, 40, 3, (i) => (i % 5 === 0 ? 2 : 1));
    expect(reservoir.finish()).toEqual(collector.finish());
    expect(reservoir.seen).toBe(40);
  });

  it('keeps at most min(rows, ⌊scores / classes⌋) rows, each an offered row once, the same ones on every run', () => {
    const reservoir = new ScoreRowsReservoir('probs', false, { rows: 1000, scores: 70 });
    offer(reservoir.add, 500, 10);
    expect(reservoir.capacityRows).toBe(7);
    const held = heldRows(reservoir, 500, 10);
    expect(held).toHaveLength(7);
    expect(new Set(held).size).toBe(7);
    for (const i of held) expect(i >= 0 && i < 500).toBe(true);
    const again = new ScoreRowsReservoir('probs', false, { rows: 1000, scores: 70 });
    offer(again.add, 500, 10);
    expect(heldRows(again, 500, 10)).toEqual(held);
    // The labels and weights travel with their rows.
    const data = reservoir.finish();
    held.forEach((i, j) => expect(data.labels[j]).toBe(i % 10));
    expect(data.weights).toBeNull();
  });

  it('samples uniformly: each of n rows is kept with probability capacity / n (chi-square over seeds)', () => {
    const n = 20;
    const capacity = 5;
    const runs = 4000;
    const counts = new Array<number>(n).fill(0);
    const seeds = createRng(7);
    for (let r = 0; r < runs; r++) {
      const reservoir = new ScoreRowsReservoir('probs', false, { rows: capacity, seed: seeds.nextUint32() });
      offer(reservoir.add, n, 2);
      for (const i of heldRows(reservoir, n, 2)) counts[i]++;
    }
    const expected = (runs * capacity) / n;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 19 degrees of freedom: P(χ² > 43.8) = 0.001.
    expect(chi2).toBeLessThan(43.8);
  });

  it('reads logits into log-probabilities from the log domain, as the collector does', () => {
    const reservoir = new ScoreRowsReservoir('logits', false);
    const collector = new ScoreRowsCollector('logits', false, 'pred');
    for (const tap of [reservoir.add, collector.add]) {
      tap(Float64Array.of(-800, 0, 3), 0, 3, 1, 1, where);
      tap(Float64Array.of(1, 2, -5), 0, 3, 0, 0.5, where);
    }
    expect(reservoir.finish()).toEqual(collector.finish());
    expect(reservoir.finish().scores[0]).toBeCloseTo(-803.048587, 6);
  });

  it('holds no rows before the first', () => {
    expect(new ScoreRowsReservoir('probs', false).finish()).toEqual({ rows: 0, classes: 0, scores: new Float64Array(0), labels: new Int32Array(0), weights: null });
  });
});
