import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { XentError } from '../core/XentError.js';
import { createWorkspace } from './backprop.js';
import { costs, type CostName } from './Cost.js';
import { createDataset } from './Dataset.js';
import { objectiveGradient } from './gradient.js';
import type { Network } from './Network.js';
import { trainStep } from './trainStep.js';

interface MlpCase {
  cost: CostName;
  inputs: number[];
  labels: number[];
  weights: number[][];
  biases: number[][];
  objective: number;
  gradWeights: number[][];
  gradBiases: number[][];
  weightsAfter: number[][];
  biasesAfter: number[][];
}
const fixture = JSON.parse(readFileSync(new URL('../../test/fixtures/mlp.json', import.meta.url), 'utf8')) as {
  sizes: number[];
  batch: number;
  trainingSize: number;
  lambda: number;
  eta: number;
  cases: MlpCase[];
};

function networkOf(c: MlpCase): Network {
  return {
    sizes: fixture.sizes,
    cost: costs[c.cost],
    weights: c.weights.map((w) => Float64Array.from(w)),
    biases: c.biases.map((b) => Float64Array.from(b)),
  };
}

function expectClose(actual: ArrayLike<number>, expected: number[], tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i])));
  }
}

describe('one SGD step with L2 against PyTorch autograd (test/fixtures/mlp.json)', () => {
  for (const c of fixture.cases) {
    it(`${c.cost}: objective, gradients and updated parameters`, () => {
      const data = createDataset(Float32Array.from(c.inputs), Uint8Array.from(c.labels), fixture.sizes[0], fixture.sizes[fixture.sizes.length - 1]);
      const indices = c.labels.map((_, i) => i);
      const options = { lambda: fixture.lambda, trainingSize: fixture.trainingSize };
      const net = networkOf(c);
      const ws = createWorkspace(net.sizes, indices.length);
      expect(objectiveGradient(net, data, indices, options, ws)).toBeCloseTo(c.objective, 13);
      ws.gradWeights.forEach((g, l) => expectClose(g, c.gradWeights[l], 1e-13));
      ws.gradBiases.forEach((g, l) => expectClose(g, c.gradBiases[l], 1e-13));

      const before = trainStep(net, data, indices, { ...options, eta: fixture.eta });
      expect(before).toBeCloseTo(c.objective, 13);
      net.weights.forEach((w, l) => expectClose(w, c.weightsAfter[l], 1e-13));
      net.biases.forEach((b, l) => expectClose(b, c.biasesAfter[l], 1e-13));
    });
  }

  it('rejects a non-positive learning rate and a negative lambda, naming the field', () => {
    const c = fixture.cases[0];
    const data = createDataset(Float32Array.from(c.inputs), Uint8Array.from(c.labels), fixture.sizes[0], 3);
    expect(() => trainStep(networkOf(c), data, [0], { eta: 0 })).toThrow(/\(eta\)/);
    expect(() => trainStep(networkOf(c), data, [0], { eta: 1, lambda: -1 })).toThrow(XentError);
    expect(() => trainStep(networkOf(c), data, [0], { eta: 1, lambda: -1 })).toThrow(/\(lambda\)/);
  });
});
