import { describe, expect, it } from 'vitest';
import { minusMax } from './minusMax.js';
import { logSigmoid } from './logSigmoid.js';
import { logSoftmax, logSoftmaxStrided } from './logSoftmax.js';
import { logSumExp } from './logSumExp.js';
import { sigmoid, sigmoidPrime } from './sigmoid.js';
import { softmax } from './softmax.js';
import { softplus } from './softplus.js';

const LN2 = Math.LN2;

describe('logSumExp', () => {
  it('matches the naive formula where that does not overflow', () => {
    const xs = [0.3, -1.2, 2.5, 0];
    const naive = Math.log(xs.reduce((s, x) => s + Math.exp(x), 0));
    expect(Math.abs(logSumExp(xs) - naive)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(naive));
  });

  it('is exact for equal entries at any scale, up to |x| = 1e300', () => {
    for (const a of [0, 1000, -1000, 1e300, -1e300]) {
      expect(logSumExp([a, a])).toBe(a + LN2);
      expect(logSumExp([a, a, a, a])).toBe(a + 2 * LN2);
    }
  });

  it('ignores terms that underflow next to the maximum', () => {
    expect(logSumExp([1e300, -1e300])).toBe(1e300);
    expect(logSumExp([1e4, -1e4, 0])).toBe(1e4);
  });

  it('defines the infinite and empty cases', () => {
    expect(logSumExp([Infinity, 0])).toBe(Infinity);
    expect(logSumExp([Infinity, Infinity])).toBe(Infinity);
    expect(logSumExp([-Infinity, 0])).toBe(0);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([1, NaN])).toBeNaN();
    expect(logSumExp([NaN, 1])).toBeNaN();
  });
});

describe('softmax and logSoftmax', () => {
  it('sum to 1, agree with each other, and are shift invariant', () => {
    const xs = [2, -1, 0.5, 3.25];
    const p = softmax(xs);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 15);
    const lp = logSoftmax(xs);
    lp.forEach((l, i) => expect(Math.exp(l)).toBeCloseTo(p[i], 15));
    const shifted = logSoftmax(xs.map((x) => x + 1e6));
    // A shift of 1e6 costs the last bits of x itself (ulp(1e6) ≈ 1.2e-10), nothing more.
    shifted.forEach((l, i) => expect(Math.abs(l - lp[i])).toBeLessThan(1e-9));
  });

  it('matches the closed form for two classes: log σ(a − b)', () => {
    for (const [a, b] of [[0, 0], [3, -2], [-40, 40], [1e4, -1e4], [1e300, -1e300]]) {
      const lp = logSoftmax([a, b]);
      for (const [got, want] of [[lp[0], logSigmoid(a - b)], [lp[1], logSigmoid(b - a)]]) {
        expect(Math.abs(got - want)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(want));
      }
    }
  });

  it('keeps the log-probability of a dominant entry exact (no m + log Σ − m round trip)', () => {
    // log p_0 = −log(1 + e^−40) = −softplus(−40) ≈ −4.25e-18, far below ulp(40).
    const lp = logSoftmax([40, 0]);
    expect(lp[0]).toBe(-softplus(-40));
    expect(lp[0]).toBeLessThan(0);
  });

  it('shares mass among entries tied at an infinite maximum', () => {
    expect([...softmax([Infinity, 0, Infinity])]).toEqual([0.5, 0, 0.5]);
    expect([...logSoftmax([Infinity, 0])]).toEqual([0, -Infinity]);
    expect([...softmax([-Infinity, -Infinity])]).toEqual([0.5, 0.5]);
    expect([...softmax([-Infinity, 0])]).toEqual([0, 1]);
    expect([...softmax([1000, 1000, -Infinity])]).toEqual([0.5, 0.5, 0]);
    expect([...softmax([NaN, 0])].every(Number.isNaN)).toBe(true);
    expect(softmax([]).length).toBe(0);
  });

  it('works along a strided axis (the class axis of (N, C, d))', () => {
    // Shape (1, 2, 3): class axis stride 3. Column d = 1 holds logits (5, 7).
    const x = [0, 5, 0, 0, 7, 0];
    const out = new Float64Array(6).fill(42);
    logSoftmaxStrided(x, 1, 2, 3, out);
    expect(out[1]).toBeCloseTo(logSigmoid(-2), 15);
    expect(out[4]).toBeCloseTo(logSigmoid(2), 15);
    expect([out[0], out[2], out[3], out[5]]).toEqual([42, 42, 42, 42]);
  });
});

describe('softplus, logSigmoid, sigmoid', () => {
  it('match their closed forms and identities', () => {
    for (const x of [-30, -2.5, -1e-9, 0, 1e-9, 0.75, 3, 30]) {
      expect(softplus(x)).toBeCloseTo(Math.log1p(Math.exp(x)), 14);
      // softplus(x) − softplus(−x) = x
      expect(softplus(x) - softplus(-x)).toBeCloseTo(x, 14);
      expect(logSigmoid(x)).toBeCloseTo(Math.log(sigmoid(x)), 14);
      expect(sigmoid(x) + sigmoid(-x)).toBeCloseTo(1, 15);
      expect(sigmoidPrime(x)).toBeCloseTo(sigmoid(x) * (1 - sigmoid(x)), 15);
    }
    expect(softplus(0)).toBe(LN2);
  });

  it('keep relative accuracy in the tails', () => {
    // log(1 + e^−40) ≈ e^−40 to 1e-17 relative; the naive log(1 + e^−40) rounds to 0.
    expect(softplus(-40) / Math.exp(-40)).toBeCloseTo(1, 15);
    expect(logSigmoid(40) / -Math.exp(-40)).toBeCloseTo(1, 15);
    expect(sigmoid(-700) / Math.exp(-700)).toBeCloseTo(1, 12);
  });

  it('are finite at |x| = 1e300 and defined at ±Infinity', () => {
    expect(softplus(1e300)).toBe(1e300);
    expect(softplus(-1e300)).toBe(0);
    expect(logSigmoid(-1e300)).toBe(-1e300);
    expect(logSigmoid(1e300)).toBe(-0);
    expect(sigmoid(1e300)).toBe(1);
    expect(sigmoid(-1e300)).toBe(0);
    expect(softplus(Infinity)).toBe(Infinity);
    expect(softplus(-Infinity)).toBe(0);
    expect(logSigmoid(Infinity)).toBe(-0);
    expect(logSigmoid(-Infinity)).toBe(-Infinity);
    expect(sigmoid(Infinity)).toBe(1);
    expect(sigmoid(-Infinity)).toBe(0);
    expect(softplus(NaN)).toBeNaN();
    expect(logSigmoid(NaN)).toBeNaN();
  });
});

describe('minusMax', () => {
  it('subtracts a finite maximum and gives 0 for an entry tied at an infinite one', () => {
    expect(minusMax(3, 5)).toBe(-2);
    expect(minusMax(Infinity, Infinity)).toBe(0);
    expect(minusMax(-Infinity, -Infinity)).toBe(0);
    expect(minusMax(0, Infinity)).toBe(-Infinity);
    expect(minusMax(NaN, 1)).toBeNaN();
  });
});
