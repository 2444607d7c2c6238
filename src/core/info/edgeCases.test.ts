import { describe, expect, it } from 'vitest';
import { XentError } from '../XentError.js';
import { crossEntropy } from './crossEntropy.js';
import { entropy } from './entropy.js';
import { jointMeasures } from './jointMeasures.js';
import { jsDivergence } from './jsDivergence.js';
import { klDivergence } from './klDivergence.js';

function errorOf(fn: () => unknown): XentError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(XentError);
    return e as XentError;
  }
  throw new Error('expected an XentError');
}

describe('conventions at the edges', () => {
  it('0·log 0 = 0: zero-probability outcomes cost nothing', () => {
    expect(entropy([1, 0])).toBe(0);
    expect(entropy([0.5, 0, 0.5])).toBe(1);
    expect(crossEntropy([0, 1], [0, 1])).toBe(0);
    expect(klDivergence([0.5, 0.5, 0], [0.25, 0.25, 0.5])).toBe(1);
  });

  it('p_k > 0 with q_k = 0 gives Infinity, not NaN and not an error', () => {
    expect(crossEntropy([1, 0], [0, 1])).toBe(Infinity);
    expect(klDivergence([1, 0], [0, 1])).toBe(Infinity);
    expect(klDivergence([0.5, 0.5], [1, 0])).toBe(Infinity);
  });

  it('JS stays finite and reaches exactly 1 bit on disjoint supports', () => {
    expect(jsDivergence([1, 0], [0, 1])).toBe(1);
    expect(jsDivergence([1, 0], [0, 1], { unit: 'nats' })).toBeCloseTo(Math.LN2, 15);
    expect(jsDivergence([0.3, 0.7], [0.3, 0.7])).toBe(0);
  });

  it('a single outcome has no uncertainty', () => {
    expect(entropy([1])).toBe(0);
    expect(crossEntropy([1], [1])).toBe(0);
    expect(klDivergence([1], [1])).toBe(0);
  });

  it('normalize turns counts into probabilities', () => {
    expect(entropy([3, 1], { normalize: true })).toBeCloseTo(-(0.75 * Math.log2(0.75) + 0.25 * Math.log2(0.25)), 15);
    expect(klDivergence([2, 2], [1, 3], { normalize: true })).toBeCloseTo(klDivergence([0.5, 0.5], [0.25, 0.75]), 15);
  });

  it('accepts typed arrays', () => {
    expect(entropy(new Float64Array([0.5, 0.25, 0.125, 0.125]))).toBe(1.75);
    expect(entropy(new Float32Array([0.5, 0.5]))).toBe(1);
  });

  it('entries near 1e-300 neither underflow nor overflow', () => {
    const p = [1 - 2e-300, 1e-300, 1e-300];
    const q = [0.5, 0.25, 0.25];
    // The tiny terms contribute about 1e-300·1000 bits: invisible next to 1, but finite.
    // 1 − 2e-300 rounds to 1, so H = −2·1e-300·log2(1e-300) (mpmath, 50 digits, on the doubles).
    expect(entropy(p) / 1.9931568569324174e-297 - 1).toBeLessThan(1e-14);
    expect(Number.isFinite(klDivergence(p, q))).toBe(true);
    expect(klDivergence([0.5, 0.5], [1 - 1e-300, 1e-300])).toBeCloseTo(0.5 * Math.log2(0.5) + 0.5 * (Math.log2(0.5) + 300 * Math.log2(10)), 9);
  });

  it('a KL between nearly equal distributions keeps its relative accuracy', () => {
    // KL(p‖q) = 2ε² + O(ε⁴) nats for p = (½ + ε, ½ − ε), q = (½, ½). ε = 2^-30 keeps p
    // exact, so any error left is the method's.
    const eps = 2 ** -30;
    const kl = klDivergence([0.5 + eps, 0.5 - eps], [0.5, 0.5], { unit: 'nats' });
    expect(kl / (2 * eps * eps)).toBeCloseTo(1, 12);
  });

  it('keeps it when the ratios p_k/q_k are not exact in binary', () => {
    // Reference: Σ p log(p/q) in 50-digit mpmath on these exact doubles. log(p/q) would
    // round p/q first and be off by ~1e-4 relative; log1p((p − q)/q) is not.
    const kl = klDivergence([0.1, 0.2, 0.7], [0.1000003, 0.1999999, 0.6999998], { unit: 'nats' });
    expect(Math.abs(kl / 5.035844201241036e-13 - 1)).toBeLessThan(1e-9);
  });
});

describe('compensated summation', () => {
  it('a million equal outcomes give log2(10^6) bits to full precision', () => {
    const n = 1_000_000;
    const p = new Float64Array(n).fill(1 / n);
    // A plain running sum of a million 1e-6·19.93 terms drifts by ~1e-10.
    expect(Math.abs(entropy(p) - Math.log2(n)) / Math.log2(n)).toBeLessThan(1e-14);
  });
});

describe('validation names the field and the index', () => {
  it.each([
    ['empty p', () => entropy([]), 'p', undefined, /empty/],
    ['negative entry', () => entropy([0.5, -0.5, 1]), 'p', 1, /negative/],
    ['NaN entry', () => entropy([NaN, 1]), 'p', 0, /NaN/],
    ['Infinity entry', () => entropy([0.5, Infinity]), 'p', 1, /not finite/],
    ['-Infinity entry', () => entropy([-Infinity, 1]), 'p', 0, /not finite/],
    ['not a number', () => entropy(['a' as unknown as number, 1]), 'p', 0, /not a number/],
    ['sum not 1', () => entropy([0.5, 0.6]), 'p', undefined, /sums to 1\.1/],
    ['normalize an all-zero vector', () => entropy([0, 0], { normalize: true }), 'p', undefined, /sums to 0/],
    ['bad q entry', () => klDivergence([0.5, 0.5], [0.5, NaN]), 'q', 1, /NaN/],
    ['different lengths', () => crossEntropy([0.5, 0.5], [1]), 'q', undefined, /q has 1 entries but p has 2/],
    ['empty q', () => jsDivergence([1], []), 'q', undefined, /1/],
    ['q missing (a JavaScript caller)', () => crossEntropy([1], null as unknown as number[]), 'q', undefined, /expected an array/],
    ['q not an array', () => klDivergence([1], 5 as unknown as number[]), 'q', undefined, /expected an array/],
    ['unknown unit', () => entropy([1], { unit: 'shannons' as never }), 'unit', undefined, /unknown unit/],
  ])('%s', (_name, fn, field, index, message) => {
    const e = errorOf(fn);
    expect(e.field).toBe(field);
    expect(e.index).toBe(index);
    expect(e.message).toMatch(message);
  });

  it('tolerates rounding in the sum, scaled by the length', () => {
    const tenths = new Array(10).fill(0.1); // sums to 0.9999999999999999
    expect(entropy(tenths)).toBeCloseTo(Math.log2(10), 14);
    expect(() => entropy([0.5, 0.5 + 1e-8])).toThrow(XentError);
  });

  it.each([
    ['empty table', [], undefined, /empty/],
    ['empty row', [[]], 'row 0', /no columns/],
    ['ragged rows', [[1, 2], [3]], 'row 1', /1 columns but row 0 has 2/],
    ['negative cell', [[1, 2], [3, -4]], 'row 1, column 1', /negative/],
    ['NaN cell', [[NaN, 2]], 'row 0, column 0', /NaN/],
    ['all zeros', [[0, 0], [0, 0]], undefined, /sums to 0/],
  ])('joint table: %s', (_name, table, index, message) => {
    const e = errorOf(() => jointMeasures(table as number[][]));
    expect(e.field).toBe('joint');
    expect(e.index).toBe(index);
    expect(e.message).toMatch(message);
  });
});

describe('joint tables', () => {
  it('a perfectly correlated pair shares all its information', () => {
    const m = jointMeasures([[5, 0], [0, 5]]);
    expect(m).toEqual({ unit: 'bits', hX: 1, hY: 1, hXY: 1, hXgivenY: 0, hYgivenX: 0, mutualInformation: 1 });
  });

  it('an independent table has zero mutual information and H(X,Y) = H(X) + H(Y)', () => {
    // Outer product of (1/4, 3/4) and (1/2, 1/2), as counts.
    const m = jointMeasures([[1, 1], [3, 3]]);
    expect(m.mutualInformation).toBe(0);
    expect(m.hXY).toBeCloseTo(m.hX + m.hY, 15);
    expect(m.hXgivenY).toBeCloseTo(m.hX, 15);
  });
});
