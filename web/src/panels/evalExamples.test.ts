import { describe, expect, it } from 'vitest';
import { digitFiles, EXAMPLE_CLASSES, exampleFiles } from './evalExamples.js';

const rowsOf = (text: string) => text.trim().split('\n');

describe('exampleFiles', () => {
  it('draws the same files from the seed every time', () => {
    expect(exampleFiles('calibrated', 50)).toEqual(exampleFiles('calibrated', 50));
  });

  it('gives both models the same rows and labels, the over-confident one sharper with the same top class', () => {
    const calibrated = exampleFiles('calibrated', 300);
    const sharp = exampleFiles('overconfident', 300);
    expect(sharp.labels).toBe(calibrated.labels);
    const a = rowsOf(calibrated.pred).map((r) => r.split(',').map(Number));
    const b = rowsOf(sharp.pred).map((r) => r.split(',').map(Number));
    expect(a).toHaveLength(300);
    for (let i = 0; i < a.length; i++) {
      expect(a[i]).toHaveLength(EXAMPLE_CLASSES);
      expect(Math.abs(a[i].reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-8);
      expect(b[i].indexOf(Math.max(...b[i]))).toBe(a[i].indexOf(Math.max(...a[i])));
      expect(Math.max(...b[i])).toBeGreaterThanOrEqual(Math.max(...a[i]));
    }
  });

  it('draws labels from the calibrated probabilities: mean confidence and accuracy agree', () => {
    const { pred, labels } = exampleFiles('calibrated', 4000);
    const rows = rowsOf(pred).map((r) => r.split(',').map(Number));
    const y = rowsOf(labels).map(Number);
    const confidence = rows.reduce((s, r) => s + Math.max(...r), 0) / rows.length;
    const accuracy = rows.filter((r, i) => r.indexOf(Math.max(...r)) === y[i]).length / rows.length;
    expect(Math.abs(confidence - accuracy)).toBeLessThan(0.03);
  });
});

describe('digitFiles', () => {
  it('writes one row of probabilities per test digit and one label per row', () => {
    const files = digitFiles(new Float64Array([0.25, 0.75, 1, 0]), new Uint8Array([1, 0]));
    expect(files).toEqual({ pred: '0.250000000,0.750000000\n1.00000000,0.00000000\n', labels: '1\n0\n' });
  });
});
