import { describe, expect, it } from 'vitest';
import { XentError } from '../XentError.js';
import { categoricalSampler, sampleIndex } from './categoricalSampler.js';
import { createRng, type Rng } from './createRng.js';

/** An Rng whose uniform() returns the given values in turn (only uniform is used by the sampler). */
function fixedUniforms(values: number[]): Rng {
  let i = 0;
  const fail = () => {
    throw new Error('not used');
  };
  return { uniform: () => values[i++], nextUint32: fail, int: fail, normal: fail };
}

describe('categoricalSampler', () => {
  it('is the inverse CDF: u in [F(k−1), F(k)) gives k, boundaries included exactly', () => {
    // Dyadic weights: every cumulative sum is exact in binary.
    const draw = categoricalSampler([0.5, 0.25, 0, 0.125, 0.125]);
    const us = [0, 0.4999999, 0.5, 0.7499999, 0.75, 0.8749999, 0.875, 1 - 2 ** -53];
    const rng = fixedUniforms(us);
    expect(us.map(() => draw(rng))).toEqual([0, 0, 1, 1, 3, 3, 4, 4]);
    // Unnormalised weights (counts) give the same draws.
    const counts = categoricalSampler([4, 2, 0, 1, 1]);
    const again = fixedUniforms(us);
    expect(us.map(() => counts(again))).toEqual([0, 0, 1, 1, 3, 3, 4, 4]);
  });

  it('never draws a weight of 0, even where u·Σ rounds up to Σ', () => {
    const draw = categoricalSampler([0.1, 0.2, 0]);
    expect(draw(fixedUniforms([1 - 2 ** -53]))).toBe(1);
    const rng = createRng(3);
    for (let i = 0; i < 10_000; i++) expect(draw(rng)).not.toBe(2);
    expect(sampleIndex(createRng(7), [0, 1, 0])).toBe(1);
  });

  it('draws with the right frequencies (chi-square, seeded)', () => {
    const p = [0.5, 0.25, 0.125, 0.0625, 0.0625];
    const n = 100_000;
    const counts = new Array<number>(p.length).fill(0);
    const draw = categoricalSampler(p);
    const rng = createRng(2026);
    for (let i = 0; i < n; i++) counts[draw(rng)]++;
    const chiSquare = p.reduce((s, pk, k) => s + (counts[k] - n * pk) ** 2 / (n * pk), 0);
    // 4 degrees of freedom: P(χ² > 18.47) = 0.001.
    expect(chiSquare).toBeLessThan(18.47);
    // And a wrong p is rejected by the same test, so the test can fail.
    const wrong = [0.45, 0.3, 0.125, 0.0625, 0.0625];
    expect(wrong.reduce((s, pk, k) => s + (counts[k] - n * pk) ** 2 / (n * pk), 0)).toBeGreaterThan(18.47);
  });

  it('is reproducible per seed', () => {
    const draws = (seed: number) => {
      const rng = createRng(seed);
      const draw = categoricalSampler([1, 2, 3]);
      return Array.from({ length: 50 }, () => draw(rng));
    };
    expect(draws(5)).toEqual(draws(5));
    expect(draws(5)).not.toEqual(draws(6));
  });

  it.each([
    [[], /must not be empty \(weights\)/],
    [[1, -0.5], /weight -0.5 must be finite and >= 0 \(weights, index 1\)/],
    [[1, NaN], /weight NaN .*index 1/],
    [[Infinity, 1], /weight Infinity .*index 0/],
    [[0, 0], /must not all be 0/],
  ])('rejects %j', (weights, message) => {
    expect(() => categoricalSampler(weights)).toThrow(XentError);
    expect(() => categoricalSampler(weights)).toThrow(message);
  });
});
