import { describe, expect, it } from 'vitest';
import { NeumaierAccumulator, neumaierAdd, neumaierMerge, neumaierSum, neumaierSums, neumaierValue } from './neumaierSum.js';

describe('neumaierSum', () => {
  it('recovers terms a plain sum loses', () => {
    expect(neumaierSum([1e16, 1, -1e16])).toBe(1);
    expect([1e16, 1, -1e16].reduce((a, b) => a + b, 0)).toBe(0); // the failure it fixes
    expect(neumaierSum([1, 1e100, 1, -1e100])).toBe(2);
  });

  it('sums a million copies of 0.1 to the correctly rounded 100000', () => {
    const xs = new Float64Array(1_000_000).fill(0.1);
    // The double nearest 0.1 is 0.1000000000000000055511…; 10^6 of them sum exactly to
    // 100000.0000000000055…, which rounds to 100000. A plain loop drifts by ~1e-6.
    expect(neumaierSum(xs)).toBe(100000);
    let plain = 0;
    for (const x of xs) plain += x;
    expect(Math.abs(plain - 100000)).toBeGreaterThan(1e-7);
  });

  it('is 0 for no terms and propagates non-finite terms', () => {
    expect(neumaierSum([])).toBe(0);
    expect(neumaierSum([1, Infinity])).toBe(Infinity);
    expect(neumaierSum([-Infinity, 1])).toBe(-Infinity);
    expect(neumaierSum([Infinity, -Infinity])).toBeNaN();
    expect(neumaierSum([1, NaN])).toBeNaN();
    const acc = new NeumaierAccumulator();
    acc.add(Infinity);
    acc.add(1);
    expect(acc.value()).toBe(Infinity);
  });
});

describe('NeumaierSums', () => {
  it('keeps each slot as exact as neumaierSum over that slot’s terms', () => {
    const terms = [
      [1e16, 1, -1e16],
      [0.1, 0.2, 0.3, -0.6],
      [1, 1e100, 1, -1e100],
    ];
    const sums = neumaierSums(terms.length);
    const longest = Math.max(...terms.map((t) => t.length));
    for (let j = 0; j < longest; j++) terms.forEach((t, i) => j < t.length && neumaierAdd(sums, i, t[j]));
    terms.forEach((t, i) => expect(neumaierValue(sums, i)).toBe(neumaierSum(t)));
  });

  it('merging the sums of the parts of a sequence gives the sum of the whole', () => {
    // Terms spanning 30 orders of magnitude with both signs, so a plain sum loses digits.
    const xs = Array.from({ length: 3000 }, (_, i) => Math.sin(i * 12.9898) * 10 ** ((i * 7) % 30) * (i % 2 === 0 ? 1 : -1));
    const whole = neumaierSum(xs);
    const into = neumaierSums(1);
    for (const [start, end] of [[0, 1], [1, 1000], [1000, 1000], [1000, 3000]]) {
      const part = neumaierSums(1);
      for (let i = start; i < end; i++) neumaierAdd(part, 0, xs[i]);
      neumaierMerge(into, part);
    }
    expect(Math.abs(neumaierValue(into, 0) - whole)).toBeLessThanOrEqual(2 * Number.EPSILON * Math.abs(whole));
  });

  it('starts at 0, propagates non-finite terms and refuses sums of another length', () => {
    const sums = neumaierSums(3);
    expect([0, 1, 2].map((i) => neumaierValue(sums, i))).toEqual([0, 0, 0]);
    neumaierAdd(sums, 0, Infinity);
    neumaierAdd(sums, 0, 1);
    neumaierAdd(sums, 1, NaN);
    expect(neumaierValue(sums, 0)).toBe(Infinity);
    expect(neumaierValue(sums, 1)).toBeNaN();
    const other = neumaierSums(3);
    neumaierAdd(other, 0, -Infinity);
    neumaierMerge(sums, other);
    expect(neumaierValue(sums, 0)).toBeNaN();
    expect(() => neumaierMerge(sums, neumaierSums(2))).toThrow(RangeError);
  });
});
