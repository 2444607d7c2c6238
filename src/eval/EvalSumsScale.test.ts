import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { binOf } from './binEdges.js';
import { EvalAccumulator } from './EvalAccumulator.js';
import { resolveEvalOptions } from './EvalOptions.js';
import { EQUAL_MASS_GRID, equalMassEdges, equalMassGridEdges } from './EvalSumsScale.js';
import { KLL_RANK_ERROR } from './KllSketch.js';

const where = () => ({ field: 'pred', index: 'row' });

/** Binary rows whose top-label confidences crowd near 1, as a good model's do: 1 − c = 10^−U·7 / 2. */
function crowded(n: number, seed: number) {
  const rng = createRng(seed);
  const rows: { p1: number; y: number }[] = [];
  for (let i = 0; i < n; i++) {
    const c = 1 - 0.5 * 10 ** (-7 * rng.uniform());
    rows.push({ p1: rng.uniform() < 0.5 ? c : 1 - c, y: rng.uniform() < c ? 1 : 0 });
  }
  return rows;
}

describe('equal-mass bins from stats', () => {
  it('has grid edges rising from 0 to 1, a logit step of 1/128 apart', () => {
    const e = equalMassGridEdges();
    expect(e.length).toBe(EQUAL_MASS_GRID + 1);
    expect([e[0], e[EQUAL_MASS_GRID]]).toEqual([0, 1]);
    expect(e[EQUAL_MASS_GRID / 2]).toBe(0.5);
    for (let i = 2; i < EQUAL_MASS_GRID; i++) {
      const logit = (c: number) => Math.log(c / (1 - c));
      expect(Math.abs(logit(e[i]) - logit(e[i - 1]) - 1 / 128)).toBeLessThan(1e-6);
    }
  });

  it('reports the edges’ true rank error, small even when confidences crowd near 1', () => {
    const n = 20000;
    const M = 10;
    const rows = crowded(n, 4);
    const acc = new EvalAccumulator({ width: 1, options: resolveEvalOptions({ bins: M, binning: 'quantile' }), scale: { equalMassFromStats: true } });
    const confidences: number[] = [];
    for (const { p1, y } of rows) {
      acc.addRow([p1], 0, y, 1, where);
      confidences.push(Math.max(p1, 1 - p1));
    }
    const report = acc.report();
    const sorted = Float64Array.from(confidences).sort();
    let largest = 0;
    for (let m = 1; m < M; m++) {
      const edge = report.bins[m].lower;
      // Rows at or below the edge, counted from the confidences themselves.
      let rank = 0;
      while (rank < n && sorted[rank] <= edge) rank++;
      largest = Math.max(largest, Math.abs(rank - Math.ceil((m * n) / M)) / n);
      expect(report.bins[m - 1].count).toBeGreaterThan(0);
    }
    expect(report.equalMass!.method).toBe('kll');
    expect(report.equalMass!.largestRankError).toBeCloseTo(largest, 12);
    expect(largest).toBeLessThan(KLL_RANK_ERROR + 0.005);
  });

  it('finds grid edges from the exact counts when there is no sketch', () => {
    const acc = new EvalAccumulator({ width: 1, options: resolveEvalOptions({ bins: 4, binning: 'quantile' }), scale: { equalMassFromStats: true } });
    for (const { p1, y } of crowded(4000, 5)) acc.addRow([p1], 0, y, 1, where);
    const { edges, info } = equalMassEdges(acc.sums.topLabel, 4, undefined);
    expect(info.method).toBe('grid');
    const cumulative = (edge: number) => {
      let total = 0;
      for (let c = 0; c <= binOf(acc.sums.topLabel.edges, edge); c++) total += acc.sums.topLabel.rows[c];
      return total;
    };
    // Each edge is the lowest grid point whose count reaches ⌈m·n/4⌉: the point below it does not.
    for (let m = 1; m < 4; m++) {
      const r = Math.ceil((m * 4000) / 4);
      expect(cumulative(edges[m])).toBeGreaterThanOrEqual(r);
      const below = acc.sums.topLabel.edges[binOf(acc.sums.topLabel.edges, edges[m])];
      expect(below).toBeLessThan(edges[m]);
      expect(cumulative(below)).toBeLessThan(r);
    }
  });
});
