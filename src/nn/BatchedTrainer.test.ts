import { describe, expect, it } from 'vitest';
import { relaxedSimdAvailable } from '../core/kernels/denseBatchedWasm.js';
import { createRng } from '../core/random/createRng.js';
import { createBatchedSgdTrainer, SPARSE_MAX_FILL } from './BatchedTrainer.js';
import type { CostName } from './Cost.js';
import type { Dataset } from './Dataset.js';
import { createSgdTrainer } from './EpochTrainer.js';
import { cloneNetwork, createNetwork, type Network } from './Network.js';
import { randomDataset } from './testData.js';

/** Inputs rounded to float32 already (Dataset holds float32), with a share of zeros. */
function data(fill: number, seed: number): Dataset {
  const d = randomDataset(53, 24, 4, seed);
  const rng = createRng(seed + 100);
  for (let i = 0; i < d.inputs.length; i++) if (rng.uniform() >= fill) d.inputs[i] = 0;
  return d;
}

/** The network's weights and biases, rounded to float32: where the batched trainer starts. */
function roundedToFloat32(network: Network): Network {
  const copy = cloneNetwork(network);
  for (const a of [...copy.weights, ...copy.biases]) for (let i = 0; i < a.length; i++) a[i] = Math.fround(a[i]);
  return copy;
}

function maxAbsDifference(a: Network, b: Network): number {
  let m = 0;
  a.weights.forEach((w, l) => w.forEach((v, i) => (m = Math.max(m, Math.abs(v - b.weights[l][i])))));
  a.biases.forEach((w, l) => w.forEach((v, i) => (m = Math.max(m, Math.abs(v - b.biases[l][i])))));
  return m;
}

const builds = relaxedSimdAvailable() ? [false, true] : [false];

describe('createBatchedSgdTrainer (float32, whole batches)', () => {
  // Each cost, one and two hidden layers, λ = 0 and λ > 0, batches that do and do not divide
  // the 53 examples, first-layer fills on both sides of SPARSE_MAX_FILL.
  const cases: [number[], CostName, number, number, number][] = [
    [[24, 7, 4], 'cross-entropy', 8, 0, 0.2],
    [[24, 9, 4], 'quadratic', 5, 0, 0.9],
    [[24, 33, 6, 4], 'log-likelihood', 16, 2, 0.3],
    [[24, 12, 4], 'cross-entropy', 53, 0.5, 1],
    [[24, 4], 'log-likelihood', 3, 0, 0.1],
  ];
  for (const fma of builds) {
    for (const [sizes, cost, batchSize, lambda, fill] of cases) {
      it(`takes the steps of the float64 trainer to float32 accuracy: [${sizes.join(', ')}], ${cost}, batch ${batchSize}, λ = ${lambda}, fill ${fill}${fma ? ', FMA' : ''}`, () => {
        const train = data(fill, sizes.length + batchSize);
        const start = roundedToFloat32(createNetwork({ sizes, cost, rng: createRng(batchSize) }));
        const exact = cloneNetwork(start);
        const ours = cloneNetwork(start);
        const settings = { eta: 0.5, lambda, trainingSize: train.n, batchSize };
        const reference = createSgdTrainer(exact, train, settings);
        const trainer = createBatchedSgdTrainer(ours, train, settings, { fma });
        expect(trainer).not.toBeNull();
        const rngA = createRng(7);
        const rngB = createRng(7);
        for (let epoch = 0; epoch < 3; epoch++) {
          const want = reference.runEpoch(rngA);
          const got = trainer!.runEpoch(rngB);
          // The objective is a mean of float64 costs of float32 outputs.
          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(want)));
        }
        reference.close();
        trainer!.close();
        // 3 epochs of ≤ 18 steps, each weight moved by sums of ≤ 33 float32 terms of size
        // ≲ η·|δ|·|x| ≤ 1: a few hundred roundings of 2^−24 relative, ~1e-5 at most; a
        // wrong term, index or order of update moves weights by 1e-2 or more.
        expect(maxAbsDifference(ours, exact)).toBeLessThanOrEqual(1e-4);
        expect(maxAbsDifference(ours, start)).toBeGreaterThan(1e-2);
      });
    }
  }

  it('covers both first-layer kernels: fills at and below SPARSE_MAX_FILL, and above', () => {
    expect(cases.some(([, , , , fill]) => fill <= SPARSE_MAX_FILL * 0.9)).toBe(true);
    expect(cases.some(([, , , , fill]) => fill >= SPARSE_MAX_FILL * 1.5)).toBe(true);
  });

  it('repeats a seeded run bit for bit, and leaves the network alone until it is read', () => {
    const train = data(0.25, 3);
    const runs = [0, 1].map(() => {
      const net = createNetwork({ sizes: [24, 10, 4], cost: 'cross-entropy', rng: createRng(5) });
      const before = Array.from(net.weights[1]);
      const trainer = createBatchedSgdTrainer(net, train, { eta: 0.5, lambda: 0.1, trainingSize: train.n, batchSize: 7 })!;
      const rng = createRng(9);
      const objectives = [trainer.runEpoch(rng), trainer.runEpoch(rng)];
      expect(Array.from(net.weights[1])).toEqual(before);
      const read = Array.from(trainer.readNetwork().weights[1]);
      expect(read).not.toEqual(before);
      objectives.push(trainer.runEpoch(rng));
      const closed = trainer.close();
      expect(() => trainer.runEpoch(rng)).toThrow(/closed/);
      return { objectives, weights: closed.weights.map((w) => Array.from(w)), biases: closed.biases.map((b) => Array.from(b)) };
    });
    expect(runs[1]).toEqual(runs[0]);
  });
});
