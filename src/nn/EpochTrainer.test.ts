import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { createSgdTrainer } from './EpochTrainer.js';
import { cloneNetwork, createNetwork } from './Network.js';
import { randomDataset } from './testData.js';
import { trainEpoch } from './trainEpoch.js';

describe('createSgdTrainer', () => {
  const data = randomDataset(97, 20, 3, 1);
  for (let i = 0; i < data.inputs.length; i += 3) data.inputs[i] = 0; // some sparse rows

  it('runs the epochs of trainEpoch, bit for bit, with its buffers kept from one epoch to the next', () => {
    for (const lambda of [0, 2]) {
      const a = createNetwork({ sizes: [20, 7, 3], cost: 'log-likelihood', rng: createRng(2) });
      const b = cloneNetwork(a);
      const rngA = createRng(9);
      const rngB = createRng(9);
      const trainer = createSgdTrainer(a, data, { eta: 0.3, lambda, trainingSize: data.n, batchSize: 8 });
      for (let epoch = 0; epoch < 3; epoch++) {
        expect(trainer.runEpoch(rngA)).toBe(trainEpoch(b, data, { eta: 0.3, lambda, batchSize: 8, rng: rngB }));
      }
      trainer.close();
      expect(a.weights.map((w) => Array.from(w))).toEqual(b.weights.map((w) => Array.from(w)));
      expect(a.biases.map((w) => Array.from(w))).toEqual(b.biases.map((w) => Array.from(w)));
    }
  });

  it('keeps the first layer to itself until the network is read', () => {
    const net = createNetwork({ sizes: [20, 5, 3], cost: 'cross-entropy', rng: createRng(4) });
    const before = Array.from(net.weights[0]);
    const trainer = createSgdTrainer(net, data, { eta: 0.5, lambda: 0, trainingSize: data.n, batchSize: 10 });
    trainer.runEpoch(createRng(1));
    // The layers above the first are trained in place; the first only in the trainer.
    expect(Array.from(net.weights[0])).toEqual(before);
    const read = Array.from(trainer.readNetwork().weights[0]);
    expect(read).not.toEqual(before);
    trainer.runEpoch(createRng(2));
    expect(Array.from(net.weights[0])).toEqual(read);
    expect(Array.from(trainer.close().weights[0])).not.toEqual(read);
  });
});
