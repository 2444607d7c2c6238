import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { uniformBinEdges, binOf } from './binEdges.js';
import { addBrier, brierFigures, brierSums } from './BrierScore.js';
import { ClasswiseBins, classwiseSums } from './ClasswiseBins.js';

/** n rows of K probabilities (normalised exponentials), labels, and weights, from a seeded generator. */
function generate(seed: number, n: number, K: number) {
  const rng = createRng(seed);
  const rows = Array.from({ length: n }, () => {
    const e = Array.from({ length: K }, () => Math.exp(2 * rng.normal()));
    const total = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / total);
  });
  return { rows, labels: rows.map(() => rng.int(K)), weights: rows.map(() => 0.1 + rng.uniform()) };
}

function figures(rows: number[][], labels: number[], weights: number[], bins: number) {
  const K = rows[0].length;
  const brier = brierSums();
  const classwise = new ClasswiseBins(classwiseSums(K, bins));
  rows.forEach((r, i) => {
    const p = Float64Array.from(r);
    addBrier(brier, weights[i], p, K, labels[i]);
    classwise.add(weights[i], p, labels[i]);
  });
  return brierFigures(brier, classwise.sums, weights.reduce((a, b) => a + b, 0));
}

/**
 * The decomposition written out row by row for each scored class: Murphy's three terms, and
 * the within-bin variance of the forecast and its covariance with the outcome, which close
 * the identity when forecasts vary within bins (Stephenson, Coelho and Jolliffe 2008).
 */
function direct(rows: number[][], labels: number[], weights: number[], bins: number) {
  const K = rows[0].length;
  const edges = uniformBinEdges(bins);
  const W = weights.reduce((a, b) => a + b, 0);
  let brier = 0;
  let reliability = 0;
  let resolution = 0;
  let uncertainty = 0;
  let withinVariance = 0;
  let withinCovariance = 0;
  for (let k = K === 2 ? 1 : 0; k < K; k++) {
    const y = labels.map((l): number => (l === k ? 1 : 0));
    const p = rows.map((r) => r[k]);
    const bin = p.map((x) => binOf(edges, x));
    const base = y.reduce((a, v, i) => a + weights[i] * v, 0) / W;
    uncertainty += base * (1 - base);
    for (let b = 0; b < bins; b++) {
      const members = bin.flatMap((c, i) => (c === b ? [i] : []));
      const Wb = members.reduce((a, i) => a + weights[i], 0);
      if (Wb === 0) continue;
      const pBar = members.reduce((a, i) => a + weights[i] * p[i], 0) / Wb;
      const oBar = members.reduce((a, i) => a + weights[i] * y[i], 0) / Wb;
      reliability += (Wb * (pBar - oBar) ** 2) / W;
      resolution += (Wb * (oBar - base) ** 2) / W;
      for (const i of members) {
        withinVariance += (weights[i] * (p[i] - pBar) ** 2) / W;
        withinCovariance += (weights[i] * (p[i] - pBar) * (y[i] - oBar)) / W;
      }
    }
    brier += p.reduce((a, x, i) => a + weights[i] * (x - y[i]) ** 2, 0) / W;
  }
  return { brier, reliability, resolution, uncertainty, withinVariance, withinCovariance };
}

describe('BrierScore', () => {
  for (const [K, bins] of [[2, 10], [3, 15], [7, 4]]) {
    it(`${K} classes, ${bins} bins: Murphy's terms as written out row by row, and the identity closed by the within-bin terms`, () => {
      const { rows, labels, weights } = generate(K * 100 + bins, 1500, K);
      const f = figures(rows, labels, weights, bins);
      const d = direct(rows, labels, weights, bins);
      const { reliability, resolution, uncertainty } = f.brierDecomposition;
      expect(f.brier).toBeCloseTo(d.brier, 13);
      expect(reliability).toBeCloseTo(d.reliability, 13);
      expect(resolution).toBeCloseTo(d.resolution, 13);
      expect(uncertainty).toBeCloseTo(d.uncertainty, 13);
      expect(reliability - resolution + uncertainty + d.withinVariance - 2 * d.withinCovariance).toBeCloseTo(f.brier, 13);
      // The within-bin terms are what is left: without them the identity does not hold here.
      expect(Math.abs(reliability - resolution + uncertainty - f.brier)).toBeGreaterThan(1e-6);
    });
  }

  it('is exact when every forecast is constant within its bin', () => {
    // Class 1 forecast 0.2 on four rows (one positive), 0.9 on four (three positive): ō = 1/2.
    const rows = [0.2, 0.2, 0.2, 0.2, 0.9, 0.9, 0.9, 0.9].map((p1) => [1 - p1, p1]);
    const f = figures(rows, [1, 0, 0, 0, 1, 1, 1, 0], Array(8).fill(1), 10);
    const { reliability, resolution, uncertainty } = f.brierDecomposition;
    expect(reliability).toBeCloseTo((4 * 0.05 ** 2 + 4 * 0.15 ** 2) / 8, 15);
    expect(resolution).toBe((4 * 0.25 ** 2 + 4 * 0.25 ** 2) / 8);
    expect(uncertainty).toBe(0.25);
    expect(reliability - resolution + uncertainty).toBeCloseTo(f.brier, 15);
  });
});
