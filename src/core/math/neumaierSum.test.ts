import { describe, expect, it } from 'vitest';
import { NeumaierAccumulator, neumaierSum } from './neumaierSum.js';

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
