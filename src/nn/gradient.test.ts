import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { createWorkspace } from './backprop.js';
import type { CostName } from './Cost.js';
import { objectiveGradient } from './gradient.js';
import { createNetwork, type Network } from './Network.js';
import { randomDataset } from './testData.js';

const COSTS: CostName[] = ['quadratic', 'cross-entropy', 'log-likelihood'];

/**
 * Central differences of J(θ) for every weight and bias of the network: the whole-network
 * check that backpropagation (with the cost's delta and the L2 term) is the exact gradient.
 * The error of (J(θ+h) − J(θ−h))/2h is O(h²·J''') ≈ 1e-10 for h = 1e-5, and rounding adds
 * about ε·J/h ≈ 1e-11; gradients here are ≳ 1e-4, so a relative error of 1e-6 is ample.
 */
function checkGradient(network: Network, lambda: number): number {
  const data = randomDataset(7, network.sizes[0], network.sizes[network.sizes.length - 1], 3);
  const indices = [0, 1, 2, 3, 4, 5, 6];
  const options = { lambda, trainingSize: 20 };
  const ws = createWorkspace(network.sizes, indices.length);
  objectiveGradient(network, data, indices, options, ws);
  const scratch = createWorkspace(network.sizes, indices.length);
  const J = () => objectiveGradient(network, data, indices, options, scratch);
  const h = 1e-5;
  let worst = 0;
  const params = [
    ...network.weights.map((p, l) => ({ p, g: ws.gradWeights[l] })),
    ...network.biases.map((p, l) => ({ p, g: ws.gradBiases[l] })),
  ];
  for (const { p, g } of params) {
    for (let i = 0; i < p.length; i++) {
      const saved = p[i];
      p[i] = saved + h;
      const plus = J();
      p[i] = saved - h;
      const minus = J();
      p[i] = saved;
      const numeric = (plus - minus) / (2 * h);
      worst = Math.max(worst, Math.abs(numeric - g[i]) / Math.max(1e-4, Math.abs(numeric) + Math.abs(g[i])));
    }
  }
  return worst;
}

describe('backpropagation matches finite differences over the whole network', () => {
  for (const cost of COSTS) {
    it(`${cost}: every weight and bias of [5, 4, 3, 4], with L2`, () => {
      const network = createNetwork({ sizes: [5, 4, 3, 4], cost, init: 'large', rng: createRng(17) });
      expect(checkGradient(network, 0.9)).toBeLessThan(1e-6);
    });
  }

  it('a wrong delta would be caught: quadratic gradients differ from cross-entropy ones', () => {
    // Guards the check itself: the two costs' gradients must not coincide.
    const q = createNetwork({ sizes: [5, 4, 3], cost: 'quadratic', rng: createRng(4) });
    const c = createNetwork({ sizes: [5, 4, 3], cost: 'cross-entropy', rng: createRng(4) });
    const data = randomDataset(3, 5, 3, 1);
    const wq = createWorkspace(q.sizes, 3);
    const wc = createWorkspace(c.sizes, 3);
    objectiveGradient(q, data, [0, 1, 2], {}, wq);
    objectiveGradient(c, data, [0, 1, 2], {}, wc);
    expect(Array.from(wq.gradBiases[1])).not.toEqual(Array.from(wc.gradBiases[1]));
  });
});
