import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../random/createRng.js';
import { crossEntropy } from './crossEntropy.js';
import { entropy } from './entropy.js';
import { jointMeasures } from './jointMeasures.js';
import { jsDivergence } from './jsDivergence.js';
import { klDivergence } from './klDivergence.js';

/** A random distribution over n outcomes, with some exact zeros when `sparse`. */
function randomDistribution(rng: Rng, n: number, sparse: boolean): number[] {
  const v = Array.from({ length: n }, () => (sparse && rng.uniform() < 0.3 ? 0 : Math.exp(3 * rng.normal())));
  if (!v.some((x) => x > 0)) v[rng.int(n)] = 1;
  const s = v.reduce((a, b) => a + b, 0);
  return v.map((x) => x / s);
}

const rng = createRng(2026);
const pairs = Array.from({ length: 300 }, (_, i) => {
  const n = 2 + rng.int(40);
  return { i, p: randomDistribution(rng, n, i % 3 === 0), q: randomDistribution(rng, n, i % 5 === 0) };
});

// Identities hold to rounding; 1e-12 relative to the size of the terms involved.
const tol = (scale: number) => 1e-12 * Math.max(1, scale);

describe('identities over 300 seeded random distributions', () => {
  it('0 ≤ H(p) ≤ log2 n', () => {
    for (const { p } of pairs) {
      const h = entropy(p);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThanOrEqual(Math.log2(p.length) + tol(h));
    }
  });

  it('H(p,q) ≥ H(p) and H(p,q) = H(p) + KL(p‖q)', () => {
    for (const { p, q } of pairs) {
      const hpq = crossEntropy(p, q);
      const hp = entropy(p);
      const kl = klDivergence(p, q);
      expect(hpq).toBeGreaterThanOrEqual(hp - tol(hp));
      if (Number.isFinite(hpq)) expect(Math.abs(hpq - (hp + kl))).toBeLessThanOrEqual(tol(hpq));
      else expect(kl).toBe(Infinity);
    }
  });

  it('KL(p‖p) = 0 and KL(p‖q) ≥ 0', () => {
    for (const { p, q } of pairs) {
      expect(klDivergence(p, p)).toBe(0);
      expect(klDivergence(p, q)).toBeGreaterThanOrEqual(0);
    }
  });

  it('0 ≤ JS(p,q) = JS(q,p) ≤ 1 bit', () => {
    for (const { p, q } of pairs) {
      const js = jsDivergence(p, q);
      expect(js).toBeGreaterThanOrEqual(0);
      expect(js).toBeLessThanOrEqual(1 + 1e-15);
      expect(Math.abs(js - jsDivergence(q, p))).toBeLessThanOrEqual(1e-15);
    }
  });

  it('I(X;Y) = H(X) + H(Y) − H(X,Y) ≥ 0 and conditioning never adds uncertainty', () => {
    for (let t = 0; t < 200; t++) {
      const rows = 1 + rng.int(8);
      const cols = 1 + rng.int(8);
      const flat = randomDistribution(rng, rows * cols, t % 2 === 0);
      const table = Array.from({ length: rows }, (_, r) => flat.slice(r * cols, (r + 1) * cols));
      const m = jointMeasures(table);
      expect(m.mutualInformation).toBeGreaterThanOrEqual(-1e-15);
      expect(Math.abs(m.mutualInformation - (m.hX + m.hY - m.hXY))).toBeLessThanOrEqual(tol(m.hXY));
      expect(Math.abs(m.hXgivenY - (m.hXY - m.hY))).toBeLessThanOrEqual(tol(m.hXY));
      expect(m.hXgivenY).toBeLessThanOrEqual(m.hX + tol(m.hX));
      expect(m.hYgivenX).toBeLessThanOrEqual(m.hY + tol(m.hY));
    }
  });
});
