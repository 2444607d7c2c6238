import { describe, expect, it } from 'vitest';
import { sigmoid } from '../core/math/sigmoid.js';
import { costs } from './Cost.js';
import { exampleCost } from './exampleCost.js';

const z = Float64Array.from([-2, 0.3, 1.5, -0.7]);
const sig = z.map(sigmoid);
const soft = (() => {
  const e = z.map(Math.exp);
  const s = e.reduce((p, x) => p + x, 0);
  return e.map((x) => x / s);
})();

describe('exampleCost', () => {
  it('equals Σ_j cost.fn(a_j, y_j) with a one-hot y where a is not rounded', () => {
    for (const [cost, a] of [[costs.quadratic, sig], [costs['cross-entropy'], sig], [costs['log-likelihood'], soft]] as const) {
      for (let label = 0; label < 4; label++) {
        let expected = 0;
        for (let j = 0; j < 4; j++) expected += cost.fn(a[j], j === label ? 1 : 0);
        expect(exampleCost(cost, z, a, 0, 4, label)).toBeCloseTo(expected, 13);
      }
    }
  });

  it('stays finite and exact for saturated outputs where cost.fn gives Infinity', () => {
    // z = 40: σ(z) rounds to 1, so fn(1, 0) = −ln 0 = Infinity; the true cost is
    // softplus(40) = 40 + log1p(e^−40) ≈ 40.
    const zs = Float64Array.from([40, -40]);
    const as = zs.map(sigmoid);
    expect(costs['cross-entropy'].fn(as[0], 0)).toBe(Infinity);
    expect(exampleCost(costs['cross-entropy'], zs, as, 0, 2, 1)).toBeCloseTo(80, 12);
    // log-likelihood: −ln softmax(z)_1 = logΣexp − z_1 = 80 + log1p(e^−80) ≈ 80.
    const soft2 = Float64Array.from([1, 0]);
    expect(exampleCost(costs['log-likelihood'], zs, soft2, 0, 2, 1)).toBeCloseTo(80, 12);
  });

  it('reads the example at the offset', () => {
    const two = Float64Array.from([9, 9, 9, 9, ...z]);
    const twoA = Float64Array.from([0, 0, 0, 0, ...soft]);
    expect(exampleCost(costs['log-likelihood'], two, twoA, 4, 4, 2)).toBeCloseTo(-Math.log(soft[2]), 13);
  });
});
