import type { Cost } from './Cost.js';

/**
 * The cost of one example, Σ_j C(a_j, y_j) with y one-hot at `label`, computed from the
 * output layer's weighted inputs z (and activations a) at `offset`.
 *
 * It equals summing `cost.fn(a_j, y_j)`, but works from z where a is rounded: once
 * a = σ(z) rounds to exactly 1 (z ≳ 37), cost.fn gives ln 0 = −Infinity inside, while
 * the true cost is finite. The identities used:
 *   cross-entropy:  −ln σ(z) = softplus(−z) = softplus(z) − z,  −ln(1 − σ(z)) = softplus(z)
 *   log-likelihood: −ln softmax(z)_y = logΣexp(z) − z_y
 * with softplus(z) = max(z, 0) + log1p(e^−|z|) and logΣexp shifted by max z, neither of
 * which overflows.
 */
export function exampleCost(cost: Cost, z: Float64Array, a: Float64Array, offset: number, nOut: number, label: number): number {
  let c = 0;
  switch (cost.name) {
    case 'quadratic':
      for (let j = 0; j < nOut; j++) {
        const e = a[offset + j] - (j === label ? 1 : 0);
        c += 0.5 * e * e;
      }
      return c;
    case 'cross-entropy':
      for (let j = 0; j < nOut; j++) {
        const zj = z[offset + j];
        c += softplus(zj) - (j === label ? zj : 0);
      }
      return c;
    case 'log-likelihood': {
      let max = -Infinity;
      for (let j = 0; j < nOut; j++) max = Math.max(max, z[offset + j]);
      let sum = 0;
      for (let j = 0; j < nOut; j++) sum += Math.exp(z[offset + j] - max);
      return max + Math.log(sum) - z[offset + label];
    }
  }
}

function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}
