import { describe, expect, it } from 'vitest';
import { costs, type Cost } from './Cost.js';
import { unitCost } from './unitCost.js';

// Independent of the library: the activations and the textbook costs in terms of a.
const logistic = (z: number) => 1 / (1 + Math.exp(-z));
const softmaxOf = (z: number[]) => {
  const e = z.map(Math.exp);
  const s = e.reduce((p, x) => p + x, 0);
  return e.map((x) => x / s);
};
const xLnY = (x: number, y: number) => (x === 0 ? 0 : x * Math.log(y));
const textbook = {
  quadratic: (a: number[], y: number[]) => a.reduce((c, aj, j) => c + 0.5 * (aj - y[j]) ** 2, 0),
  'cross-entropy': (a: number[], y: number[]) => a.reduce((c, aj, j) => c - xLnY(y[j], aj) - xLnY(1 - y[j], 1 - aj), 0),
  'log-likelihood': (a: number[], y: number[]) => a.reduce((c, aj, j) => c - xLnY(y[j], aj), 0),
} as const;
const activate = (cost: Cost, z: number[]) => (cost.activation.name === 'softmax' ? softmaxOf(z) : z.map(logistic));

/** fromLogits and delta of one row, placed at an offset inside longer buffers. */
function row(cost: Cost, z: number[], y: number[], offset = 3) {
  const pad = (v: number[]) => Float64Array.from([...new Array<number>(offset).fill(7), ...v, 7, 7]);
  const zs = pad(z);
  const ys = pad(y);
  const as = pad(new Array<number>(z.length).fill(0));
  cost.activation.apply(zs, offset, z.length, as);
  const out = pad(new Array<number>(z.length).fill(99));
  cost.delta(zs, as, ys, offset, z.length, out);
  return { a: Array.from(as.subarray(offset, offset + z.length)), cost: cost.fromLogits(zs, as, ys, offset, z.length), delta: Array.from(out), out };
}

const z = [-2, 0.3, 1.5, -0.7];
const names = ['quadratic', 'cross-entropy', 'log-likelihood'] as const;

describe('costs from logits against the textbook costs of the activations', () => {
  for (const name of names) {
    it(`${name}: activation, C and nothing written outside the row`, () => {
      for (let label = 0; label < 4; label++) {
        const y = [0, 1, 2, 3].map((j) => (j === label ? 1 : 0));
        const r = row(costs[name], z, y);
        const a = activate(costs[name], z);
        r.a.forEach((aj, j) => expect(aj).toBeCloseTo(a[j], 15));
        expect(r.cost).toBeCloseTo(textbook[name](a, y), 13);
        expect(r.delta.slice(0, 3)).toEqual([7, 7, 7]);
        expect(r.delta.slice(-2)).toEqual([7, 7]);
      }
    });

    it(`${name}: delta is ∂C/∂z by central finite differences, also for soft targets`, () => {
      for (const y of [[0, 1, 0, 0], [0.1, 0.2, 0.3, 0.4], [1, 0, 1, 0]]) {
        if (name === 'log-likelihood' && Math.abs(y.reduce((s, v) => s + v, 0) - 1) > 1e-12) continue; // a − y needs Σy = 1
        const { delta } = row(costs[name], z, y, 0);
        const h = 1e-6;
        z.forEach((_, j) => {
          const plus = z.map((v, k) => (k === j ? v + h : v));
          const minus = z.map((v, k) => (k === j ? v - h : v));
          const numeric = (row(costs[name], plus, y).cost - row(costs[name], minus, y).cost) / (2 * h);
          expect(delta[j]).toBeCloseTo(numeric, 8);
        });
      }
    });
  }

  it("σ' cancels: the quadratic δ is the cross-entropy's δ = a − y times σ'(z)", () => {
    for (const zj of [-8, -1, 0, 0.5, 3, 12]) {
      for (const y of [0, 0.4, 1]) {
        const q = unitCost(costs.quadratic, zj, y);
        const c = unitCost(costs['cross-entropy'], zj, y);
        const a = logistic(zj);
        expect(c.dCdz).toBeCloseTo(a - y, 15);
        expect(q.dCdz).toBeCloseTo((a - y) * a * (1 - a), 15);
      }
    }
    // Saturated and wrong (z = 10, y = 0): cross-entropy still pushes with ≈ 1, quadratic with ≈ 4.5e-5.
    expect(unitCost(costs['cross-entropy'], 10, 0).dCdz).toBeGreaterThan(0.9999);
    expect(unitCost(costs.quadratic, 10, 0).dCdz).toBeLessThan(5e-5);
  });
});

describe('costs from logits stay finite where a has rounded', () => {
  it('cross-entropy: σ(40) rounds to 1, where −ln(1 − a) is Infinity; C = softplus(40) + softplus(40) − 40 ≈ 80', () => {
    const r = row(costs['cross-entropy'], [40, -40], [0, 1]);
    expect(r.a[0]).toBe(1);
    expect(textbook['cross-entropy'](r.a, [0, 1])).toBe(Infinity);
    expect(r.cost).toBeCloseTo(80, 12);
  });

  it('log-likelihood: softmax(400, −400)₁ underflows to 0, where −ln a₁ is Infinity; C = logΣexp − z₁ = 800', () => {
    const r = row(costs['log-likelihood'], [400, -400], [0, 1]);
    expect(r.a).toEqual([1, 0]);
    expect(textbook['log-likelihood'](r.a, [0, 1])).toBe(Infinity);
    expect(r.cost).toBe(800);
    expect(row(costs['log-likelihood'], [1e300, -1e300], [0, 1]).cost).toBe(2e300);
  });

  it('quadratic: bounded by ½ per unit whatever z', () => {
    expect(row(costs.quadratic, [1e300, -1e300], [0, 0]).cost).toBe(0.5);
  });

  it('infinite logits give the limits: 0 when certain and right, Infinity when certain and wrong', () => {
    const ce = (zj: number, y: number) => unitCost(costs['cross-entropy'], zj, y);
    expect(ce(Infinity, 1)).toEqual({ a: 1, cost: 0, dCdz: 0 });
    expect(ce(-Infinity, 0)).toEqual({ a: 0, cost: 0, dCdz: 0 });
    expect(ce(Infinity, 0).cost).toBe(Infinity);
    expect(ce(-Infinity, 1).cost).toBe(Infinity);
    expect(ce(Infinity, 0.5).cost).toBe(Infinity);
    expect(unitCost(costs.quadratic, Infinity, 0)).toEqual({ a: 1, cost: 0.5, dCdz: 0 });
    const ll = costs['log-likelihood'];
    expect(row(ll, [Infinity, 0, 0], [1, 0, 0]).cost).toBe(0);
    expect(row(ll, [Infinity, 0, 0], [0, 1, 0]).cost).toBe(Infinity);
    // Tied infinite logits share the mass: −ln ½.
    const tied = row(ll, [Infinity, Infinity, 0], [1, 0, 0]);
    expect(tied.cost).toBeCloseTo(Math.LN2, 15);
    expect(tied.a).toEqual([0.5, 0.5, 0]);
    expect(row(ll, [-Infinity, -Infinity], [0, 1]).cost).toBeCloseTo(Math.LN2, 15);
    // A class ruled out by −Infinity costs nothing when it is not the target (0·ln 0 = 0).
    expect(row(ll, [0, -Infinity], [1, 0]).cost).toBe(0);
  });

  it('NaN in, NaN out', () => {
    for (const name of names) expect(row(costs[name], [NaN, 0], [1, 0]).cost).toBeNaN();
  });
});
