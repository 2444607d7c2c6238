import { describe, expect, it } from 'vitest';
import { ClasswiseBins, classwiseEce, classwiseSums, mergeClasswiseSums } from './ClasswiseBins.js';

function ece(rows: number[][], labels: number[], weights: number[], bins: number): number {
  const acc = new ClasswiseBins(classwiseSums(rows[0].length, bins));
  rows.forEach((r, i) => acc.add(weights[i], Float64Array.from(r), labels[i]));
  return classwiseEce(acc.sums, weights.reduce((a, b) => a + b, 0));
}

describe('ClasswiseBins', () => {
  it('class-wise ECE of a closed form: each class’s bins against its outcomes, averaged over classes', () => {
    // 4 bins. Class 0: p = 0.75 twice (bin 3, one outcome) and 0.25 twice (bin 1, one outcome):
    // |1 − 1.5| + |1 − 0.5| = 1. Class 1 mirrors it: 1. Mean over classes of 1/4 each: 0.25.
    const rows = [[0.75, 0.25], [0.75, 0.25], [0.25, 0.75], [0.25, 0.75]];
    expect(ece(rows, [0, 1, 1, 0], [1, 1, 1, 1], 4)).toBe(0.25);
  });

  it('sums of unit weights, kept without compensation, equal the compensated sums of the same weights', () => {
    const rows = [[0.1, 0.2, 0.7], [0.3, 0.3, 0.4], [0.6, 0.3, 0.1], [0.05, 0.9, 0.05]];
    const labels = [2, 0, 0, 1];
    const unit = ece(rows, labels, [1, 1, 1, 1], 5);
    // A first row of weight 0 turns the compensated path on from the start and adds nothing.
    const compensated = ece([[1, 0, 0], ...rows], [0, ...labels], [0, 1, 1, 1, 1], 5);
    expect(unit).toBe(compensated);
    // Bins of 0.2. Class 0: |0 − 0.15| + |1 − 0.3| + |1 − 0.6| = 1.25; class 1: 0.2 + 0.6 + 0.1 = 0.9;
    // class 2: 0.15 + 0.4 + 0.3 = 0.85. (1.25 + 0.9 + 0.85) / 4 rows / 3 classes = 0.25.
    expect(unit).toBeCloseTo(0.25, 15);
  });

  it('merges sums of the same classes and bins, and refuses others', () => {
    const a = new ClasswiseBins(classwiseSums(2, 4));
    a.add(1, Float64Array.from([0.75, 0.25]), 0);
    a.add(1, Float64Array.from([0.75, 0.25]), 1);
    const b = new ClasswiseBins(classwiseSums(2, 4));
    b.add(1, Float64Array.from([0.25, 0.75]), 1);
    b.add(1, Float64Array.from([0.25, 0.75]), 0);
    mergeClasswiseSums(a.sums, b.sums);
    expect(classwiseEce(a.sums, 4)).toBe(0.25);
    expect(() => mergeClasswiseSums(a.sums, classwiseSums(3, 4))).toThrow('cannot merge class-wise sums of 3 classes × 4 bins into 2 × 4 (bins)');
  });
});
