import { describe, expect, it } from 'vitest';
import { XentError } from '../core/XentError.js';
import { adaptiveSimpson } from './deriveAdaptiveSimpson.js';
import { DERIVATION_GRID, averageSigmoidSlope, deriveCrossEntropy } from './deriveCrossEntropy.js';

describe('adaptiveSimpson', () => {
  it('integrates against closed forms', () => {
    expect(adaptiveSimpson((t) => 1 / t, 1, Math.E, 1e-13)).toBeCloseTo(1, 11);
    expect(adaptiveSimpson(Math.sin, 0, Math.PI, 1e-13)).toBeCloseTo(2, 11);
    expect(adaptiveSimpson((t) => Math.exp(-t * t), -6, 6, 1e-13)).toBeCloseTo(Math.sqrt(Math.PI), 11);
    // Reversed bounds negate; equal bounds give 0.
    expect(adaptiveSimpson(Math.cos, Math.PI / 2, 0)).toBeCloseTo(-1, 11);
    expect(adaptiveSimpson(Math.cos, 1, 1)).toBe(0);
  });

  it('applies the Richardson correction, so one accepted step is exact for quintics', () => {
    // With a loose tolerance [0, 1] is accepted at once. Plain Simpson on the halves gives
    // 0.2005208… for ∫ t⁴ and 0.1692708… for ∫ t⁵; S₂ + (S₂ − S)/15 (Boole's rule) gives
    // 1/5 and 1/6, up to rounding.
    expect(adaptiveSimpson((t) => t ** 4, 0, 1, 1)).toBeCloseTo(0.2, 15);
    expect(adaptiveSimpson((t) => t ** 5, 0, 1, 1)).toBeCloseTo(1 / 6, 15);
  });

  it('refuses an integrand that is not finite on the interval', () => {
    expect(() => adaptiveSimpson((t) => 1 / t, 0, 1)).toThrow(XentError);
    expect(() => adaptiveSimpson((t) => t, 0, Infinity)).toThrow('integration bounds [0, Infinity] must be finite (bounds)');
  });
});

describe('deriveCrossEntropy: integrating ∂C/∂a = (a − y)/(a(1 − a)) gives the binary cross-entropy', () => {
  it.each([0, 0.1, 0.25, 0.5, 0.8, 1])('y = %s: largest error below 1e-8 on the grid', (y) => {
    const d = deriveCrossEntropy(y);
    expect(d.y).toBe(y);
    expect(d.grid.map((r) => r.a)).toEqual(DERIVATION_GRID);
    expect(d.maxAbsError).toBeLessThan(1e-8);
    expect(d.maxAbsError).toBe(Math.max(...d.grid.map((r) => Math.abs(r.integral - r.closedForm))));
    // The closed form written out independently.
    for (const r of d.grid) expect(r.closedForm).toBeCloseTo(-(y * Math.log(r.a) + (1 - y) * Math.log(1 - r.a)), 12);
  });

  it('puts the minimum at a = y and reproduces known values', () => {
    const d = deriveCrossEntropy(0.25);
    const best = d.grid.reduce((m, r) => (r.integral < m.integral ? r : m));
    expect(best.a).toBe(0.25);
    // At a = y the cost is the entropy of y: H(1/4) = 0.562335... nats.
    expect(best.integral).toBeCloseTo(-(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)), 10);
    // y = 0: C = −ln(1 − a), so a = 0.5 costs ln 2 and a = 0.999 costs ln 1000.
    const zero = deriveCrossEntropy(0, [0.5, 0.999]);
    expect(zero.grid[0].integral).toBeCloseTo(Math.LN2, 12);
    expect(zero.grid[1].integral).toBeCloseTo(Math.log(1000), 9);
  });

  it('accepts any grid inside (0, 1), in any order, and rejects the rest', () => {
    const d = deriveCrossEntropy(0.6, [0.9, 0.2, 0.5, 0.0001]);
    expect(d.grid.map((r) => r.a)).toEqual([0.9, 0.2, 0.5, 0.0001]);
    expect(d.maxAbsError).toBeLessThan(1e-8);
    expect(() => deriveCrossEntropy(1.2)).toThrow('target 1.2 must lie in [0, 1] (y)');
    expect(() => deriveCrossEntropy(NaN)).toThrow('target NaN must lie in [0, 1] (y)');
    expect(() => deriveCrossEntropy(0.5, [0.5, 1])).toThrow('a = 1 must lie strictly inside (0, 1) (grid, index 1)');
    expect(() => deriveCrossEntropy(0.5, [])).toThrow('grid is empty (grid)');
  });
});

describe("Nielsen's heuristic", () => {
  it('the average slope ∫₀¹ a(1 − a) da is 1/6', () => {
    expect(averageSigmoidSlope()).toBeCloseTo(1 / 6, 14);
  });
});
