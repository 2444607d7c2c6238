import { describe, expect, it } from 'vitest';
import { makeScale } from './scale.js';

describe('makeScale: linear', () => {
  it('makes round ticks over the epochs', () => {
    const s = makeScale('linear', [0, 300], [40, 640]);
    expect(s.domain).toEqual([0, 300]);
    expect(s.ticks).toEqual([0, 50, 100, 150, 200, 250, 300]);
    expect(s.map(0)).toBe(40);
    expect(s.map(300)).toBe(640);
    expect(s.map(150)).toBe(340);
    expect(s.format(50)).toBe('50');
  });

  it('widens to a domain that ends on ticks (4.018 → 5 with step 1)', () => {
    const s = makeScale('linear', [0.012, 4.018], [300, 0]);
    expect(s.domain).toEqual([0, 5]);
    expect(s.ticks).toEqual([0, 1, 2, 3, 4, 5]);
    // A y axis: the range runs from the bottom pixel to the top one.
    expect(s.map(0)).toBe(300);
    expect(s.map(5)).toBe(0);
  });

  it('formats decimals from the step, with a typographic minus and no "-0"', () => {
    const s = makeScale('linear', [-0.21, 0.32], [0, 100]);
    expect(s.ticks).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4]);
    expect(s.ticks.map((t) => s.format(t))).toEqual(['\u22120.3', '\u22120.2', '\u22120.1', '0.0', '0.1', '0.2', '0.3', '0.4']);
    expect(s.format(-0.00001)).toBe('0.0');
  });

  it('keeps a fixed domain as given', () => {
    const s = makeScale('linear', [0.2, 0.98], [0, 100], [0, 1]);
    expect(s.domain).toEqual([0, 1]);
    expect(s.ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('gives degenerate data an axis', () => {
    expect(makeScale('linear', [NaN, NaN], [0, 1]).domain).toEqual([0, 1]);
    const one = makeScale('linear', [3, 3], [0, 1]);
    expect(one.domain).toEqual([1.5, 4.5]);
    expect(makeScale('linear', [0, 0], [0, 1]).domain).toEqual([-1, 1]);
    expect(one.accepts(Infinity)).toBe(false);
    expect(one.accepts(-2)).toBe(true);
  });
});

describe('makeScale: log', () => {
  it('spans whole decades, with 1-2-5 ticks when there are few', () => {
    const s = makeScale('log', [0.0173, 0.982], [300, 0]);
    expect(s.domain).toEqual([0.01, 1]);
    expect(s.ticks).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]);
    expect(s.map(0.1)).toBeCloseTo(150, 10);
    expect(s.format(0.05)).toBe('0.05');
    expect(s.accepts(0)).toBe(false);
    expect(s.accepts(-1)).toBe(false);
  });

  it('labels powers of ten as 10ⁿ over many decades, thinned to at most 8 labels', () => {
    const s = makeScale('log', [3e-12, 0.5], [0, 100]);
    expect(s.domain).toEqual([1e-12, 1]);
    expect(s.ticks).toEqual([1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1]);
    expect(s.format(1e-12)).toBe('10⁻¹²');
    expect(s.format(1)).toBe('10⁰');
  });

  it('widens a single value to a decade each side', () => {
    expect(makeScale('log', [1, 1], [0, 1]).domain).toEqual([0.1, 10]);
    expect(makeScale('log', [NaN, NaN], [0, 1]).domain).toEqual([1, 10]);
  });
});
