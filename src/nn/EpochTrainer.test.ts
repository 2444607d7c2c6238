import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { shuffleInPlace } from '../core/random/shuffleInPlace.js';
import { createWorkspace } from './backprop.js';
import { gatherBatch } from './Batch.js';
import { createSgdTrainer } from './EpochTrainer.js';
import { cloneNetwork, createNetwork } from './Network.js';
import { sgdStep } from './trainStep.js';
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

  it('reads the first layer between mini-batches as the plain unit-major steps have it, and changes nothing', () => {
    const sizes = [20, 7, 3];
    const batchSize = 8;
    const units = 4;
    const held = createNetwork({ sizes, cost: 'cross-entropy', rng: createRng(5) });
    const plain = cloneNetwork(held);
    const untouched = cloneNetwork(held);
    const trainer = createSgdTrainer(held, data, { eta: 0.4, lambda: 0, trainingSize: data.n, batchSize });
    const out = new Float32Array(units * 20);
    const first = new Float32Array(units * 20);
    trainer.readFirstLayerUnits?.(units, first);
    expect(Array.from(first)).toEqual(Array.from(Float32Array.from(plain.weights[0].subarray(0, units * 20))));
    // The reference: the same shuffle, then sgdStep batch by batch on the network's own
    // unit-major weights (trainEpoch.test.ts holds the two paths equal at epoch ends).
    const ws = createWorkspace(sizes, batchSize);
    const order = Int32Array.from({ length: data.n }, (_, i) => i);
    shuffleInPlace(order, createRng(3));
    let start = 0;
    let reads = 0;
    trainer.runEpoch(createRng(3), (done) => {
      gatherBatch(data, order, start, done - start, ws.batch);
      sgdStep(plain, ws.batch, 0.4, 0, data.n, ws);
      start = done;
      trainer.readFirstLayerUnits?.(units, out);
      expect(Array.from(out)).toEqual(Array.from(Float32Array.from(plain.weights[0].subarray(0, units * 20))));
      reads++;
    });
    expect(reads).toBe(Math.ceil(data.n / batchSize));
    expect(Array.from(out)).not.toEqual(Array.from(first));
    // Reading changed nothing: the epoch ends where one without reads ends.
    const other = createSgdTrainer(untouched, data, { eta: 0.4, lambda: 0, trainingSize: data.n, batchSize });
    other.runEpoch(createRng(3));
    expect(Array.from(trainer.close().weights[0])).toEqual(Array.from(other.close().weights[0]));
    expect(() => trainer.readFirstLayerUnits?.(8, out)).toThrow(/units 8/);
  });
});
