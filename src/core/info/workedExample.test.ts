import { describe, expect, it } from 'vitest';
import { crossEntropy } from './crossEntropy.js';
import { entropy } from './entropy.js';
import { jsDivergence } from './jsDivergence.js';
import { klDivergence } from './klDivergence.js';

// The classic example: four outcomes, p the truth, q a wrong model. Every probability
// is a power of two, so each value is a short sum of integers over 8 and must be exact.
const p = [1 / 2, 1 / 4, 1 / 8, 1 / 8];
const q = [1 / 8, 1 / 2, 1 / 4, 1 / 8];

describe('the worked example', () => {
  it('H(p) = H(q) = 1.75 bits', () => {
    // ½·1 + ¼·2 + ⅛·3 + ⅛·3
    expect(entropy(p)).toBe(1.75);
    expect(entropy(q)).toBe(1.75);
  });

  it('H(p,q) = Σ p log2(1/q) = 2.375 bits and H(q,p) = 2.25 bits', () => {
    // ½·3 + ¼·1 + ⅛·2 + ⅛·3 = 19/8, and ⅛·1 + ½·2 + ¼·3 + ⅛·3 = 18/8.
    expect(crossEntropy(p, q)).toBe(2.375);
    expect(crossEntropy(q, p)).toBe(2.25);
  });

  it('KL is the waste: KL(p‖q) = 0.625, KL(q‖p) = 0.5 bits', () => {
    expect(klDivergence(p, q)).toBe(0.625);
    expect(klDivergence(q, p)).toBe(0.5);
  });

  it('converts units: nats = bits·ln 2, bans = bits·log10 2', () => {
    expect(entropy(p, { unit: 'nats' })).toBeCloseTo(1.75 * Math.LN2, 15);
    expect(entropy(p, { unit: 'bans' })).toBeCloseTo(1.75 * Math.log10(2), 15);
    expect(crossEntropy(p, q, { unit: 'nats' })).toBeCloseTo(2.375 * Math.LN2, 15);
  });

  it('JS is symmetric and agrees with its definition through KL', () => {
    const m = p.map((pk, k) => (pk + q[k]) / 2);
    const expected = 0.5 * klDivergence(p, m) + 0.5 * klDivergence(q, m);
    expect(jsDivergence(p, q)).toBeCloseTo(expected, 15);
    expect(jsDivergence(q, p)).toBe(jsDivergence(p, q));
  });
});
