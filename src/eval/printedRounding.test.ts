import { describe, expect, it } from 'vitest';
import { printedDecimals, RowProbabilities } from './RowProbabilities.js';

const where = () => ({ field: 'pred.csv', index: 'line 2' });

describe('rows of probabilities printed with few decimals', () => {
  it('reads the decimals a row was printed with from its finest value', () => {
    expect(printedDecimals([0.333333, 0.333333, 0.333333], 0, 3)).toBe(6);
    expect(printedDecimals([0.3333, 0.3, 0.3667], 0, 3)).toBe(4);
    expect(printedDecimals([0.25, 0.75], 0, 2)).toBe(2);
    expect(printedDecimals([1, 0], 0, 2)).toBe(0);
    // Values written to 17 significant digits are no rounding.
    expect(printedDecimals([1 / 3, 2 / 3], 0, 2)).toBeNull();
  });

  it("accepts numpy savetxt's %.6f and %.4f rows of a distribution, as given, and reports how far off they were", () => {
    const row = new RowProbabilities(3, 'probs', false);
    row.read([0.333333, 0.333333, 0.333333], 0, 0, where);
    expect(row.largestSumError).toBeCloseTo(1e-6, 12);
    expect(Array.from(row.p)).toEqual([0.333333, 0.333333, 0.333333]);
    // 1/7 to four decimals, seven times: 0.1429 × 7 = 1.0003, within 7 × 0.00005.
    const four = new RowProbabilities(7, 'probs', false);
    four.read(Array(7).fill(0.1429), 0, 0, where);
    expect(four.largestSumError).toBeCloseTo(3e-4, 12);
  });

  it('still refuses rows no rounding explains, naming the line', () => {
    // 0.5 and 0.4 are each less than 0.05 from what they round, so the sum of a distribution so rounded exceeds 0.9.
    expect(() => new RowProbabilities(2, 'probs', false).read([0.5, 0.4], 0, 0, where)).toThrow(
      'probabilities sum to 0.9, not 1 within 0.000001, nor within the 0.1 that rounding 2 values to 1 decimals allows (give --normalize to divide by the sum) (pred.csv, line 2)',
    );
    // "0.300000" reads as 0.3, but its row shows six decimals.
    expect(() => new RowProbabilities(3, 'probs', false).read([0.333333, 0.333333, 0.3], 0, 0, where)).toThrow(/probabilities sum to 0\.966666/);
    expect(() => new RowProbabilities(2, 'log-probs', false).read([Math.log(0.5), Math.log(0.4999)], 0, 0, where)).toThrow(/probabilities sum to/);
  });
});
