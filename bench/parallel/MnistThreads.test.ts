import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random/createRng.js';
import { loadMnist } from '../../src/data/loadMnist.js';
import { createDataset, subset, type Dataset } from '../../src/nn/Dataset.js';
import { cloneNetwork, createNetwork, type Network } from '../../src/nn/Network.js';
import type { CostName } from '../../src/nn/Cost.js';
import { trainEpoch } from '../../src/nn/trainEpoch.js';
import { bundleWorker } from './bundleWorker.js';
import { MnistThreads } from './MnistThreads.js';

let worker: Awaited<ReturnType<typeof bundleWorker>>;
let workerUrl: URL;
beforeAll(async () => {
  worker = await bundleWorker('mnistWorker.ts');
  workerUrl = worker.url;
});
afterAll(() => worker.remove());

/** The index of the first float64 whose bits differ between a and b, or −1. */
function firstBitDifference(a: Float64Array, b: Float64Array): number {
  const x = new BigInt64Array(a.buffer, a.byteOffset, a.length);
  const y = new BigInt64Array(b.buffer, b.byteOffset, b.length);
  if (x.length !== y.length) return 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

function expectSameBits(a: Network, b: Network): void {
  for (let l = 0; l < a.weights.length; l++) {
    expect(firstBitDifference(a.weights[l], b.weights[l]), `weights of layer ${l}`).toBe(-1);
    expect(firstBitDifference(a.biases[l], b.biases[l]), `biases of layer ${l}`).toBe(-1);
  }
}

/**
 * Two epochs on `threads` threads against src/nn's trainEpoch (the one-thread library
 * path, judged by its own tests against the textbook kernels and PyTorch fixtures), from
 * the same network and the same shuffle seed: every weight and objective must agree bit
 * for bit, and training must have moved the weights.
 */
async function compare(sizes: number[], cost: CostName, data: Dataset, batchSize: number, threads: number, callerShare?: number): Promise<void> {
  const reference = createNetwork({ sizes, cost, rng: createRng(7) });
  const initial = cloneNetwork(reference);
  const ours = cloneNetwork(reference);
  const rngA = createRng(11);
  const rngB = createRng(11);
  const trainer = await MnistThreads.start(sizes, cost, { threads, capacity: batchSize, workerUrl, callerShare });
  try {
    for (let epoch = 0; epoch < 2; epoch++) {
      const a = trainEpoch(reference, data, { eta: 0.5, batchSize, rng: rngA });
      const b = trainer.trainEpoch(ours, data, { eta: 0.5, batchSize, rng: rngB });
      expect(Number.isFinite(a)).toBe(true);
      expect(b).toBe(a);
    }
  } finally {
    await trainer.stop();
  }
  expectSameBits(ours, reference);
  expect(firstBitDifference(reference.weights[0], initial.weights[0])).not.toBe(-1);
}

describe('MnistThreads: trainEpoch on several threads, bit for bit', () => {
  const { train } = loadMnist();
  const digits = subset(train, Array.from({ length: 1003 }, (_, i) => i)); // a short last batch

  it('[784, 30, 10] on 2 threads, batches of 10 and 100', async () => {
    await compare([784, 30, 10], 'cross-entropy', digits, 10, 2);
    await compare([784, 30, 10], 'cross-entropy', digits, 100, 2);
  });

  it('[784, 100, 10] on 2 threads, batch 50', async () => {
    await compare([784, 100, 10], 'cross-entropy', digits, 50, 2);
  });

  it('odd slices (31 units on 3 threads), two hidden layers, other costs', async () => {
    await compare([784, 31, 10], 'log-likelihood', digits, 20, 3);
    await compare([784, 24, 15, 10], 'quadratic', digits, 32, 2);
  });

  it('any split of the units, the calling thread with none or all of them', async () => {
    for (const callerShare of [0, 0.2, 1]) await compare([784, 12, 10], 'cross-entropy', digits, 64, 2, callerShare);
  });

  it('dense inputs (no zeros: the kernels’ other path), one thread', async () => {
    const rng = createRng(5);
    const n = 300;
    const inputs = Float32Array.from({ length: n * 40 }, () => rng.normal());
    const labels = Uint8Array.from({ length: n }, () => rng.int(4));
    const data = createDataset(inputs, labels, 40, 4);
    await compare([40, 13, 4], 'cross-entropy', data, 25, 2);
    await compare([40, 13, 4], 'cross-entropy', data, 25, 1);
  });

  it('refuses what it does not do', async () => {
    await expect(MnistThreads.start([784, 10], 'cross-entropy', { threads: 2, capacity: 10, workerUrl })).rejects.toThrow(/hidden layer/);
    const trainer = await MnistThreads.start([4, 3, 2], 'cross-entropy', { threads: 2, capacity: 10, workerUrl });
    try {
      const net = createNetwork({ sizes: [4, 3, 2], cost: 'cross-entropy', rng: createRng(1) });
      const data = createDataset(new Float32Array(8), new Uint8Array([0, 1]), 4, 2);
      expect(() => trainer.trainEpoch(net, data, { eta: 0.5, batchSize: 11, rng: createRng(1) })).toThrow(/batch size/);
      expect(() => trainer.trainEpoch(net, data, { eta: 0.5, batchSize: 2, rng: createRng(1), lambda: 1 })).toThrow(/L2/);
    } finally {
      await trainer.stop();
    }
  });
});
