import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker } from '../../../test/bundleWorker.js';
import { relaxedSimdAvailable } from '../../core/kernels/denseBatchedWasm.js';
import { createRng } from '../../core/random/createRng.js';
import { loadMnist } from '../../data/loadMnist.js';
import { nodeTrainingWorkers } from '../../threads/startNodeTrainingWorker.js';
import { createBatchedSgdTrainer } from '../BatchedTrainer.js';
import type { CostName } from '../Cost.js';
import { createDataset, subset, type Dataset } from '../Dataset.js';
import { cloneNetwork, createNetwork, type Network } from '../Network.js';
import { randomDataset } from '../testData.js';
import type { SgdSettings } from '../trainingSettings.js';
import { trainNetwork, type TrainConfig } from '../trainNetwork.js';
import { batchedUnitSplit } from './batchedLayout.js';
import { BatchedThreadsTrainer, startBatchedThreads } from './BatchedThreads.js';
import type { StartTrainingWorker } from './TrainingThreads.js';

let worker: Awaited<ReturnType<typeof bundleWorker>>;
let startWorker: StartTrainingWorker;
beforeAll(async () => {
  worker = await bundleWorker(new URL('../../threads/trainingWorker.ts', import.meta.url));
  startWorker = nodeTrainingWorkers(worker.url);
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

const settings = (data: Dataset, batchSize: number): SgdSettings => ({ eta: 0.5, lambda: 0, trainingSize: data.n, batchSize });
const builds = relaxedSimdAvailable() ? [false, true] : [false];

/**
 * Two epochs on `threads` threads against the one-thread batched trainer (which
 * BatchedTrainer.test.ts holds to the float64 trainer, itself judged against the textbook
 * kernels and PyTorch fixtures), from the same network and shuffle seed: every weight and
 * objective must agree bit for bit, and training must have moved the weights.
 */
function compare(sizes: number[], cost: CostName, data: Dataset, batchSize: number, threads: number, fma: boolean, callerShare?: number): void {
  const reference = createNetwork({ sizes, cost, rng: createRng(7) });
  const initial = cloneNetwork(reference);
  const ours = cloneNetwork(reference);
  const rngA = createRng(11);
  const rngB = createRng(11);
  const one = createBatchedSgdTrainer(reference, data, settings(data, batchSize), { fma })!;
  const many = BatchedThreadsTrainer.start(ours, data, settings(data, batchSize), threads, startWorker, { callerShare, fma });
  try {
    expect(many.threads).toBe(threads);
    for (let epoch = 0; epoch < 2; epoch++) {
      const a = one.runEpoch(rngA);
      const b = many.runEpoch(rngB);
      expect(Number.isFinite(a)).toBe(true);
      expect(b).toBe(a);
      expectSameBits(many.readNetwork(), one.readNetwork());
    }
  } finally {
    one.close();
    many.close();
  }
  expectSameBits(ours, reference);
  expect(firstBitDifference(reference.weights[0], initial.weights[0])).not.toBe(-1);
}

describe('BatchedThreadsTrainer: the one-thread float32 epochs on several threads, bit for bit', () => {
  const { train } = loadMnist();
  const digits = subset(train, Array.from({ length: 1003 }, (_, i) => i)); // a short last batch

  for (const fma of builds) {
    it(`[784, 30, 10] on 2 threads, batches of 10 and 100${fma ? ', FMA' : ''}`, () => {
      compare([784, 30, 10], 'cross-entropy', digits, 10, 2, fma);
      compare([784, 30, 10], 'cross-entropy', digits, 100, 2, fma);
    });
  }

  it('odd parts (31 units on 3 threads), two hidden layers, other costs', () => {
    compare([784, 31, 10], 'log-likelihood', digits, 20, 3, true);
    compare([784, 24, 15, 10], 'quadratic', digits, 32, 2, true);
  });

  it('any split of the units, the calling thread with none or all of them', () => {
    for (const callerShare of [0, 0.2, 1]) compare([784, 12, 10], 'cross-entropy', digits, 64, 2, true, callerShare);
  });

  it('dense inputs (no zeros: the dense first-layer kernels), and a mix of dense and sparse batches', () => {
    const rng = createRng(5);
    const n = 300;
    const inputs = Float32Array.from({ length: n * 40 }, () => rng.normal());
    const labels = Uint8Array.from({ length: n }, () => rng.int(4));
    compare([40, 13, 4], 'cross-entropy', createDataset(inputs, labels, 40, 4), 25, 2, true);
    // Rows alternately full and nearly empty: batches of 2 fall on both sides of SPARSE_MAX_FILL.
    const mixed = Float32Array.from({ length: n * 40 }, (_, i) => (Math.floor(i / 40) % 3 === 0 || i % 9 === 0 ? rng.normal() : 0));
    compare([40, 13, 4], 'cross-entropy', createDataset(mixed, labels, 40, 4), 2, 2, true);
  });
});

describe('batchedUnitSplit', () => {
  it('covers the units in order, cutting only at multiples of four', () => {
    for (const [threads, units, share] of [[2, 300, 0.5], [2, 100, 0.45], [3, 31, 0.3], [4, 7, 0.25], [2, 3, 0.5], [2, 12, 0], [2, 12, 1]] as const) {
      const parts = batchedUnitSplit(threads, units, share);
      expect(parts.length).toBe(threads);
      expect(parts[0][0]).toBe(0);
      expect(parts.at(-1)![1]).toBe(units);
      for (let t = 1; t < threads; t++) expect(parts[t][0]).toBe(parts[t - 1][1]);
      for (const [a, b] of parts.slice(0, -1)) {
        expect(a % 4).toBe(0);
        expect(b % 4 === 0 || b === units).toBe(true);
      }
    }
    expect(batchedUnitSplit(2, 300, 0.5)).toEqual([[0, 152], [152, 300]]);
  });
});

describe('trainNetwork in float32 with threads', () => {
  const figures = (r: ReturnType<typeof trainNetwork>) => r.epochs.map(({ seconds: _, ...rest }) => rest);

  it('gives the same weights and epoch figures on 1, 2 and 3 threads', () => {
    const train = randomDataset(203, 30, 4, 1);
    const test = randomDataset(50, 30, 4, 2);
    for (const sizes of [[30, 9, 4], [30, 7, 5, 4]]) {
      const config: TrainConfig = { sizes, cost: 'cross-entropy', epochs: 3, batchSize: 16, eta: 0.5, lambda: 0, init: 'default', seed: 3, precision: 'float32' };
      const one = trainNetwork(config, train, test);
      expect(one.threads).toEqual({ requested: 1, used: 1 });
      expect(one.precision).toBe('float32');
      for (const threads of [2, 3]) {
        const many = trainNetwork({ ...config, threads }, train, test, { startWorker });
        expect(many.threads).toEqual({ requested: threads, used: threads });
        expect(many.precision).toBe('float32');
        expectSameBits(many.network, one.network);
        expect(figures(many)).toEqual(figures(one));
      }
    }
  });

  it('falls back to one thread, with the reason, where threads cannot run or do not apply', () => {
    const train = randomDataset(60, 12, 3, 4);
    const config: TrainConfig = { sizes: [12, 5, 3], cost: 'cross-entropy', epochs: 2, batchSize: 8, eta: 0.5, lambda: 0, init: 'default', seed: 2, precision: 'float32' };
    const failing: StartTrainingWorker = () => {
      throw new Error('no workers here');
    };
    const cases: [TrainConfig, StartTrainingWorker | undefined, RegExp][] = [
      [{ ...config, threads: 2 }, undefined, /no way to start/],
      [{ ...config, threads: 2 }, failing, /could not start: no workers here/],
      [{ ...config, threads: 2, lambda: 1 }, startWorker, /L2 decay/],
      [{ ...config, threads: 2, sizes: [12, 3] }, startWorker, /no hidden layer/],
    ];
    for (const [threaded, start, reason] of cases) {
      const ran = trainNetwork(threaded, train, train, { startWorker: start });
      expect(ran.threads.used).toBe(1);
      expect(ran.threads.fallback).toMatch(reason);
      expectSameBits(ran.network, trainNetwork({ ...threaded, threads: 1 }, train, train).network);
    }
  });

  it('gives up on a worker that does not start within the deadline', () => {
    const train = randomDataset(20, 6, 2, 5);
    const network = createNetwork({ sizes: [6, 4, 2], cost: 'cross-entropy', rng: createRng(1) });
    let terminated = 0;
    const silent: StartTrainingWorker = () => ({ terminate: () => void terminated++ });
    expect(startBatchedThreads(network, train, settings(train, 5), 3, silent, { startTimeoutMs: 20 })).toMatch(/did not start within/);
    expect(terminated).toBe(2);
  });
});
