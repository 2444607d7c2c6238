import { describe, expect, it } from 'vitest';
import { RowProbabilities } from './RowProbabilities.js';

const where = () => ({ field: 'pred', index: 'line 1' });

describe('RowProbabilities', () => {
  it('reads probabilities, logits and log-probabilities of the same distribution alike', () => {
    const p = [0.5, 0.3, 0.2];
    const kinds = [
      ['probs', p],
      ['logits', p.map((x) => Math.log(x) + 4)],
      ['log-probs', p.map(Math.log)],
    ] as const;
    for (const [input, row] of kinds) {
      const reader = new RowProbabilities(3, input, false);
      for (let label = 0; label < 3; label++) {
        expect(reader.read(row, 0, label, where), `${input}, label ${label}`).toBeCloseTo(Math.log(p[label]), 15);
        reader.p.forEach((x, k) => expect(x).toBeCloseTo(p[k], 15));
      }
    }
  });

  it('reads one column as class 1 of two, keeping log p where 1 − p rounds to 1', () => {
    const reader = new RowProbabilities(1, 'logits', false);
    expect(reader.classes).toBe(2);
    expect(reader.read([-800], 0, 1, where)).toBe(-800);
    expect(Array.from(reader.p)).toEqual([1, 0]);
    const logProbs = new RowProbabilities(1, 'log-probs', false);
    expect(logProbs.read([-1e-20], 0, 0, where)).toBeCloseTo(Math.log(1e-20), 12);
  });

  it('divides by the sum only when asked, and names the row otherwise', () => {
    expect(() => new RowProbabilities(2, 'probs', false).read([0.6, 0.6], 0, 0, where)).toThrow('probabilities sum to 1.2, not 1 within 0.000001, nor within the 0.1 that rounding 2 values to 1 decimals allows (give --normalize to divide by the sum) (pred, line 1)');
    const reader = new RowProbabilities(2, 'probs', true);
    expect(reader.read([0.6, 0.6], 0, 0, where)).toBe(Math.log(0.5));
    expect(() => new RowProbabilities(0, 'probs', false)).toThrow('predictions need at least one column, got 0 (pred)');
  });
});
