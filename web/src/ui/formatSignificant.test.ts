import { describe, expect, it } from 'vitest';
import { formatCount } from './formatCount.js';
import { formatSignificant } from './formatSignificant.js';

describe('formatSignificant', () => {
  it('writes infinities as ∞ and a missing value as —, never Infinity or NaN', () => {
    expect([Infinity, -Infinity, NaN].map((x) => formatSignificant(x))).toEqual(['∞', '−∞', '—']);
  });
  it('keeps the requested significant digits and a true minus sign', () => {
    expect(formatSignificant(56.5808, 3)).toBe('56.6');
    expect(formatSignificant(-0.0123456, 2)).toBe('−0.012');
    expect(formatSignificant(1 / 3)).toBe('0.333333');
  });
});

describe('formatCount', () => {
  it('groups thousands in English and not in Chinese', () => {
    expect(formatCount(8000, 'en')).toBe('8,000');
    expect(formatCount(8000, 'zh')).toBe('8000');
    expect(formatCount(12, 'zh')).toBe('12');
  });
});
