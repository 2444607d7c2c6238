import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/random/createRng.js';
import { shannonCode } from './shannonCode.js';

/** Kraft's sum Σ 2^−l_k ≤ 1, decided exactly: Σ 2^(L − l_k) ≤ 2^L in integers, L the longest length. */
function kraftHolds(lengths: Float64Array): boolean {
  const finite = Array.from(lengths).filter(Number.isFinite);
  const longest = BigInt(Math.max(...finite));
  const sum = finite.reduce((s, l) => s + (1n << (longest - BigInt(l))), 0n);
  return sum <= 1n << longest;
}

const TINY = [Number.MIN_VALUE, 2 ** -1074 * 3, 2 ** -1022, 2 ** -1022 * (1 - Number.EPSILON), 1e-300, 1e-100, 1e-20, 1e-17, 1e-16, 2 ** -53, 2 ** -52, 1e-15];
const LARGE = [1, 1 - Number.EPSILON / 2, 1 + Number.EPSILON, 3, 1e16, 2 ** 53 + 2, 1e300, Number.MAX_VALUE / 4];

describe('shannonCode at the extremes of float64', () => {
  it('gives a prefix code for q = [1e-16, 1] and the like, whose normalised sum rounds above 1', () => {
    for (const q of [[1e-16, 1], [5e-324, 1], [1e-20, 1], [1, 1e-16], [1e-16, 1e-16, 1], [0.1, 0.2, 0.7]]) {
      const code = shannonCode(q);
      expect(kraftHolds(code.lengths)).toBe(true);
      expect(code.codes.every((c) => c !== null)).toBe(true);
    }
  });

  it('keeps Kraft exactly over every tiny/large pair and seeded mixtures of them', () => {
    let cases = 0;
    for (const tiny of TINY) {
      for (const large of LARGE) {
        for (const q of [[tiny, large], [large, tiny], [tiny, tiny, large], [tiny, large, large, 0]]) {
          expect(kraftHolds(shannonCode(q).lengths), JSON.stringify(q)).toBe(true);
          cases++;
        }
      }
    }
    const rng = createRng(7);
    const pool = [...TINY, ...LARGE, 0.1, 0.3, 1 / 3];
    for (let t = 0; t < 300; t++) {
      const q = Array.from({ length: 2 + rng.int(40) }, () => pool[rng.int(pool.length)] * (rng.int(4) === 0 ? 1 : rng.uniform()));
      if (!q.some((x) => x > 0)) continue;
      expect(kraftHolds(shannonCode(q).lengths), JSON.stringify(q)).toBe(true);
      cases++;
    }
    expect(cases).toBeGreaterThan(600);
  });

  it('gives each outcome ⌈log2 1/q⌉ bits, taken against the exact sum', () => {
    // The exact sum of [1e-16, 1] is above 1, so q = 1 needs one bit, not none.
    expect(Array.from(shannonCode([1e-16, 1]).lengths)).toEqual([54, 1]);
    expect(Array.from(shannonCode([5e-324, 1]).lengths)).toEqual([1075, 1]);
    expect(Array.from(shannonCode([0.5, 0.25, 0.25]).lengths)).toEqual([1, 2, 2]);
    expect(Array.from(shannonCode([0.4, 0.3, 0.3]).lengths)).toEqual([2, 2, 2]);
    expect(Array.from(shannonCode([1, 0]).lengths)).toEqual([0, Infinity]);
  });
});
