import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { uniformBinEdges } from './binEdges.js';
import { mergeTopLabelSums, TopLabelBins, topLabelFigures, topLabelSums } from './TopLabelBins.js';

function binsOf(edges: Float64Array, uniform: boolean, rows: [number, number, number][]) {
  const bins = new TopLabelBins(topLabelSums(edges), uniform);
  for (const [w, confidence, right] of rows) bins.add(w, confidence, right);
  return bins.sums;
}

describe('TopLabelBins', () => {
  const rng = createRng(7);
  // Confidences on a grid of 1/40, so that many fall exactly on edges m/M.
  const rows: [number, number, number][] = Array.from({ length: 2000 }, () => [rng.uniform() * 2, (10 + rng.int(31)) / 40, rng.int(2)]);
  const W = rows.reduce((a, r) => a + r[0], 0);

  it('ECE, MCE, accuracy and the bins agree with sums taken bin by bin, (m−1)/M < conf ≤ m/M', () => {
    const M = 8;
    const f = topLabelFigures(binsOf(uniformBinEdges(M), true, rows), W);
    let ece = 0;
    let mce = 0;
    for (let m = 1; m <= M; m++) {
      const inBin = rows.filter(([, c]) => (m - 1) / M < c && c <= m / M);
      const Wb = inBin.reduce((a, r) => a + r[0], 0);
      const conf = inBin.reduce((a, r) => a + r[0] * r[1], 0) / Wb;
      const acc = inBin.reduce((a, r) => a + r[0] * r[2], 0) / Wb;
      const bin = f.bins[m - 1];
      expect(bin.count).toBe(inBin.length);
      if (inBin.length === 0) {
        expect(bin.confidence).toBeNaN();
        continue;
      }
      expect(bin.confidence).toBeCloseTo(conf, 14);
      expect(bin.accuracy).toBeCloseTo(acc, 14);
      ece += (Wb / W) * Math.abs(acc - conf);
      mce = Math.max(mce, Math.abs(acc - conf));
    }
    expect(f.ece).toBeCloseTo(ece, 14);
    expect(f.mce).toBeCloseTo(mce, 14);
    expect(f.accuracy).toBeCloseTo(rows.reduce((a, r) => a + r[0] * r[2], 0) / W, 14);
  });

  it('the O(1) lookup of equal-width bins puts every row where the binary search does', () => {
    for (const M of [1, 3, 10, 40, 100]) {
      const fast = binsOf(uniformBinEdges(M), true, rows);
      const search = binsOf(uniformBinEdges(M), false, rows);
      expect(fast).toEqual(search);
    }
  });

  it('merges sums over the same edges, and refuses others', () => {
    const edges = uniformBinEdges(5);
    const merged = binsOf(edges, true, rows.slice(0, 500));
    mergeTopLabelSums(merged, binsOf(edges, true, rows.slice(500)));
    const whole = topLabelFigures(binsOf(edges, true, rows), W);
    const f = topLabelFigures(merged, W);
    expect(f.bins.map((b) => b.count)).toEqual(whole.bins.map((b) => b.count));
    expect(f.ece).toBeCloseTo(whole.ece, 15);
    expect(() => mergeTopLabelSums(merged, binsOf(uniformBinEdges(6), true, rows))).toThrow('cannot merge top-label sums binned by different edges (bins)');
  });

  describe('debiased L2 calibration error (Kumar, Liang & Ma 2019)', () => {
    /** n rows at confidence c in one bin of 1, k of them right. */
    const oneBin = (n: number, k: number, c: number, w = 1) =>
      topLabelFigures(binsOf(uniformBinEdges(1), true, Array.from({ length: n }, (_, i) => [w, c, i < k ? 1 : 0] as [number, number, number])), n * w);

    it('is √((c − a)² − a(1 − a)/(n − 1)) for one bin of accuracy a = k/n', () => {
      // (0.9 − 0.6)² − 0.24/9 = 0.09 − 0.02666… = 0.06333…
      expect(oneBin(10, 6, 0.9).debiasedL2Ce).toBeCloseTo(Math.sqrt(0.09 - 0.24 / 9), 14);
      // A uniform weight changes neither the effective count nor the means.
      expect(oneBin(10, 6, 0.9, 2.5).debiasedL2Ce).toBeCloseTo(Math.sqrt(0.09 - 0.24 / 9), 14);
    });

    it('is 0 when the correction exceeds the squared gap, and for bins of fewer than two rows', () => {
      // (0.55 − 0.5)² = 0.0025 < 0.25/3.
      expect(oneBin(4, 2, 0.55).debiasedL2Ce).toBe(0);
      expect(oneBin(1, 0, 0.9).debiasedL2Ce).toBe(0);
      // Two bins: one of a single row (ignored) and one of two rows, 0.95 vs 1 (correction 0).
      const f = topLabelFigures(binsOf(uniformBinEdges(2), true, [[1, 0.3, 1], [1, 0.95, 1], [1, 0.95, 1]]), 3);
      expect(f.debiasedL2Ce).toBeCloseTo(Math.sqrt((2 / 3) * 0.05 ** 2), 15);
    });

    it('counts rows by their effective number (Σw)²/Σw², and ignores a bin whose weight is on one row', () => {
      // Weights 3, 1, 1, 0: Σw = 5, Σw² = 11, n_eff = 25/11; accuracy 3/5, confidence 0.1.
      const f = topLabelFigures(binsOf(uniformBinEdges(1), true, [[3, 0.1, 1], [1, 0.1, 0], [1, 0.1, 0], [0, 0.1, 0]]), 5);
      expect(f.debiasedL2Ce).toBeCloseTo(Math.sqrt(0.5 ** 2 - (0.6 * 0.4) / (25 / 11 - 1)), 14);
      const g = topLabelFigures(binsOf(uniformBinEdges(1), true, [[2, 0.5, 1], [0, 0.5, 0]]), 2);
      expect(g.debiasedL2Ce).toBe(0);
    });
  });
});
