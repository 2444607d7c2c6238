import { describe, expect, it } from 'vitest';
import { formatNumber, formatTable } from './formatTable.js';

describe('formatNumber', () => {
  it.each([
    [1.75, '1.75'],
    [1 / 3, '0.333333'],
    [0, '0'],
    [Infinity, 'Infinity'],
    [NaN, 'NaN'],
    [1.234e-7, '1.234e-7'],
    [2e12, '2e+12'],
    [-0.5, '-0.5'],
  ])('%d → %s', (x, s) => expect(formatNumber(x)).toBe(s));
});

describe('formatTable', () => {
  it('aligns columns and leaves no trailing spaces on the last one', () => {
    expect(formatTable([['H(p)', 1.75], ['KL(p‖q)', 0.625]])).toBe('H(p)     1.75\nKL(p‖q)  0.625\n');
  });
});
