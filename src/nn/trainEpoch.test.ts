import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { shuffleInPlace } from '../core/random/shuffleInPlace.js';
import { createWorkspace, holdFirstLayerInputMajor, releaseFirstLayer } from './backprop.js';
import { gatherBatch } from './Batch.js';
import type { Dataset } from './Dataset.js';
import { createNetwork, type Network } from './Network.js';
import { randomDataset } from './testData.js';
import { trainEpoch } from './trainEpoch.js';
import { sgdStep } from './trainStep.js';

/** trainEpoch's loop without the input-major first layer: the unit-major kernels, which
 * denseKernels.test.ts judges against the reference loops. */
function plainEpoch(network: Network, data: Dataset, eta: number, lambda: number, batchSize: number, seed: number): number {
  const ws = createWorkspace(network.sizes, Math.min(batchSize, data.n));
  const order = Int32Array.from({ length: data.n }, (_, i) => i);
  shuffleInPlace(order, createRng(seed));
  let sum = 0;
  let batches = 0;
  for (let start = 0; start < data.n; start += batchSize) {
    const count = Math.min(batchSize, data.n - start);
    gatherBatch(data, order, start, count, ws.batch);
    sum += sgdStep(network, ws.batch, eta, lambda, data.n, ws);
    batches++;
  }
  return sum / batches;
}

/** Mostly-zero inputs like MNIST's blank pixels, so the sparse (SIMD) rows run. */
function sparseDataset(n: number, inputSize: number, classes: number, seed: number): Dataset {
  const data = randomDataset(n, inputSize, classes, seed);
  const rng = createRng(seed + 1);
  for (let i = 0; i < data.inputs.length; i++) if (rng.uniform() < 0.8) data.inputs[i] = 0;
  return data;
}

describe('trainEpoch: the input-major first layer changes no bit', () => {
  const cases: [number[], number, number, number][] = [
    [[784, 30, 10], 10, 0, 0.5],
    [[784, 100, 10], 10, 0, 0.5],
    [[50, 7, 5, 3], 7, 5, 0.3],
    [[40, 9], 4, 1, 0.8],
  ];
  for (const [sizes, batchSize, lambda, eta] of cases) {
    it(`[${sizes.join(', ')}], batch ${batchSize}, λ = ${lambda}`, () => {
      const data = sparseDataset(103, sizes[0], sizes[sizes.length - 1], sizes[1]);
      const a = createNetwork({ sizes, cost: 'cross-entropy', rng: createRng(4) });
      const b = createNetwork({ sizes, cost: 'cross-entropy', rng: createRng(4) });
      for (let epoch = 0; epoch < 2; epoch++) {
        const objA = trainEpoch(a, data, { eta, lambda, batchSize, rng: createRng(10 + epoch) });
        const objB = plainEpoch(b, data, eta, lambda, batchSize, 10 + epoch);
        expect(objA).toBe(objB);
        for (let l = 0; l < a.weights.length; l++) {
          expect(Array.from(a.weights[l])).toEqual(Array.from(b.weights[l]));
          expect(Array.from(a.biases[l])).toEqual(Array.from(b.biases[l]));
        }
      }
    });
  }

  it('batches that mix mostly-zero and dense examples (the dense rows are gathered, the others listed)', () => {
    const sizes = [60, 12, 4];
    const data = randomDataset(57, 60, 4, 8);
    const rng = createRng(9);
    // Every third example dense; the others 85% zeros.
    for (let i = 0; i < data.n; i++) {
      if (i % 3 === 0) continue;
      for (let k = 0; k < 60; k++) if (rng.uniform() < 0.85) data.inputs[i * 60 + k] = 0;
    }
    for (const lambda of [0, 2]) {
      const a = createNetwork({ sizes, cost: 'cross-entropy', rng: createRng(4) });
      const b = createNetwork({ sizes, cost: 'cross-entropy', rng: createRng(4) });
      for (let epoch = 0; epoch < 2; epoch++) {
        expect(trainEpoch(a, data, { eta: 0.4, lambda, batchSize: 5, rng: createRng(20 + epoch) })).toBe(plainEpoch(b, data, 0.4, lambda, 5, 20 + epoch));
        for (let l = 0; l < a.weights.length; l++) {
          expect(Array.from(a.weights[l])).toEqual(Array.from(b.weights[l]));
          expect(Array.from(a.biases[l])).toEqual(Array.from(b.biases[l]));
        }
      }
    }
  });

  it('writes the first layer back when a step throws', () => {
    const sizes = [20, 6, 3];
    const net = createNetwork({ sizes, cost: 'cross-entropy', rng: createRng(1) });
    const ws = createWorkspace(sizes, 4);
    holdFirstLayerInputMajor(net, ws);
    ws.firstLayer!.weightsT[1 * 6 + 2] = 42; // input 1, unit 2
    releaseFirstLayer(net, ws);
    expect(net.weights[0][2 * 20 + 1]).toBe(42);
    expect(ws.firstLayer).toBeNull();
    const data = sparseDataset(9, 20, 3, 2);
    const before = Array.from(net.weights[0]);
    let calls = 0;
    expect(() =>
      trainEpoch(net, data, {
        eta: 0.5,
        batchSize: 4,
        rng: createRng(3),
        onBatch: () => {
          if (++calls === 2) throw new Error('stop');
        },
      }),
    ).toThrow('stop');
    // Two steps were taken and are in network.weights[0].
    expect(Array.from(net.weights[0])).not.toEqual(before);
    const replay = createNetwork({ sizes, cost: 'cross-entropy', rng: createRng(1) });
    replay.weights[0][2 * 20 + 1] = 42;
    const order = Int32Array.from({ length: 9 }, (_, i) => i);
    shuffleInPlace(order, createRng(3));
    const rws = createWorkspace(sizes, 4);
    for (const start of [0, 4]) {
      gatherBatch(data, order, start, 4, rws.batch);
      sgdStep(replay, rws.batch, 0.5, 0, 9, rws);
    }
    expect(Array.from(net.weights[0])).toEqual(Array.from(replay.weights[0]));
  });
});
