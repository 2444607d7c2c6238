import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { XentError } from '../XentError.js';
import { createRng } from './createRng.js';
import { shuffleInPlace } from './shuffleInPlace.js';

interface RngCase {
  seed: number;
  uint32: number[];
  uniform: number[];
  normal: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/rng.json', import.meta.url), 'utf8')) as {
  cases: RngCase[];
};

describe('createRng against the Python transcription of the reference C code', () => {
  for (const c of fixture.cases) {
    it(`seed ${c.seed}: uint32, uniform and normal streams`, () => {
      let rng = createRng(c.seed);
      expect(c.uint32.map(() => rng.nextUint32())).toEqual(c.uint32);
      rng = createRng(c.seed);
      expect(c.uniform.map(() => rng.uniform())).toEqual(c.uniform);
      rng = createRng(c.seed);
      const normal = c.normal.map(() => rng.normal());
      // Math.log may differ from C's log in the last bit; everything before it is exact.
      normal.forEach((z, i) => expect(z).toBeCloseTo(c.normal[i], 14));
    });
  }
});

describe('createRng properties', () => {
  it('is reproducible and seeds give different streams', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const xa = Array.from({ length: 100 }, () => a.normal());
    expect(Array.from({ length: 100 }, () => b.normal())).toEqual(xa);
    expect(Array.from({ length: 100 }, () => c.normal())).not.toEqual(xa);
  });

  it('uniform lies in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = createRng(3);
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sumSq += u * u;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    // Standard errors: sqrt(1/12/n) ≈ 0.0009 for the mean; 5 of them as tolerance.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0046);
    expect(Math.abs(sumSq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('normal has mean 0, variance 1 and the Gaussian tail mass', () => {
    const rng = createRng(5);
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    let beyond196 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
      if (Math.abs(z) > 1.959964) beyond196++;
    }
    expect(Math.abs(sum / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    // P(|Z| > 1.96) = 0.05; binomial sd sqrt(0.05·0.95/n) ≈ 0.0007.
    expect(Math.abs(beyond196 / n - 0.05)).toBeLessThan(0.0035);
  });

  it('int(n) is uniform over 0..n−1 (chi-square)', () => {
    const rng = createRng(11);
    const k = 7;
    const n = 70_000;
    const counts = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) counts[rng.int(k)]++;
    const expected = n / k;
    const chi2 = counts.reduce((s, c) => s + ((c - expected) * (c - expected)) / expected, 0);
    // 6 degrees of freedom: P(χ² > 22.46) = 0.001.
    expect(chi2).toBeLessThan(22.46);
    expect(createRng(1).int(1)).toBe(0);
  });

  it('rejects invalid seeds and ranges with a XentError naming the field', () => {
    expect(() => createRng(-1)).toThrow(XentError);
    expect(() => createRng(1.5)).toThrow(/seed 1.5 must be an integer.*\(seed\)/);
    expect(() => createRng(2 ** 53)).toThrow(XentError);
    expect(() => createRng(1).int(0)).toThrow(/\(n\)/);
  });
});

describe('shuffleInPlace', () => {
  it('permutes, is seeded, and puts each element in each place equally often', () => {
    const rng = createRng(9);
    const trials = 30_000;
    const counts = [0, 0, 0, 0];
    for (let t = 0; t < trials; t++) {
      const a = shuffleInPlace([0, 1, 2, 3], rng);
      if (t < 100) expect([...a].sort()).toEqual([0, 1, 2, 3]);
      counts[a.indexOf(0)]++;
    }
    for (const c of counts) expect(Math.abs(c / trials - 0.25)).toBeLessThan(0.015);
    expect(shuffleInPlace(Int32Array.from([0, 1, 2, 3, 4, 5]), createRng(2))).toEqual(
      shuffleInPlace(Int32Array.from([0, 1, 2, 3, 4, 5]), createRng(2)),
    );
  });
});
