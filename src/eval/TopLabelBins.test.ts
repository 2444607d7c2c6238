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
});
