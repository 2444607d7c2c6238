import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import type { CostName } from './Cost.js';
import { createDataset, type Dataset } from './Dataset.js';
import { evaluate } from './evaluate.js';
import { createNetwork, type Network } from './Network.js';
import { randomDataset } from './testData.js';
import { trainEpoch } from './trainEpoch.js';
import { trainNetwork, type TrainConfig } from './trainNetwork.js';

/** Points in the unit square labelled by quadrant: learnable, not linearly separable into 4 by one threshold. */
function quadrants(n: number, seed: number): Dataset {
  const rng = createRng(seed);
  const inputs = new Float32Array(2 * n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = rng.uniform();
    const y = rng.uniform();
    inputs[2 * i] = x;
    inputs[2 * i + 1] = y;
    labels[i] = (x > 0.5 ? 1 : 0) + (y > 0.5 ? 2 : 0);
  }
  return createDataset(inputs, labels, 2, 4);
}

const bytes = (net: Network) => [...net.weights, ...net.biases].map((a) => Buffer.from(a.buffer).toString('hex')).join('|');

describe('trainNetwork', () => {
  it('learns a 4-class problem with each cost', () => {
    const train = quadrants(400, 1);
    const test = quadrants(200, 2);
    for (const [cost, eta] of [['quadratic', 6], ['cross-entropy', 2], ['log-likelihood', 1]] as [CostName, number][]) {
      const config: TrainConfig = { sizes: [2, 16, 4], cost, epochs: 60, batchSize: 10, eta, lambda: 0, init: 'default', seed: 3 };
      const { epochs } = trainNetwork(config, train, test);
      expect(epochs[0].testAccuracy).toBeLessThan(0.9);
      expect(epochs.at(-1)!.testAccuracy, cost).toBeGreaterThan(0.9);
      expect(epochs.at(-1)!.trainCost).toBeLessThan(epochs[0].trainCost);
    }
  });

  it('is reproducible bit for bit from its seed, and the seed matters', () => {
    const train = randomDataset(120, 12, 3, 5);
    const test = randomDataset(40, 12, 3, 6);
    const config: TrainConfig = { sizes: [12, 6, 3], cost: 'cross-entropy', epochs: 3, batchSize: 7, eta: 0.5, lambda: 2, init: 'default', seed: 11 };
    const a = trainNetwork(config, train, test);
    const b = trainNetwork(config, train, test);
    const c = trainNetwork({ ...config, seed: 12 }, train, test);
    expect(bytes(b.network)).toBe(bytes(a.network));
    const strip = (r: typeof a) => r.epochs.map(({ seconds: _s, ...rest }) => rest);
    expect(strip(b)).toEqual(strip(a));
    expect(bytes(c.network)).not.toBe(bytes(a.network));
  });

  it('is the documented loop: createNetwork then trainEpoch with one generator, evaluate after each epoch', () => {
    const train = randomDataset(50, 4, 2, 1);
    const test = randomDataset(20, 4, 2, 2);
    const config: TrainConfig = { sizes: [4, 3, 2], cost: 'log-likelihood', epochs: 2, batchSize: 8, eta: 0.3, lambda: 0.5, init: 'large', seed: 4 };
    const seen: number[] = [];
    const { network, epochs } = trainNetwork(config, train, test, { onEpoch: (r) => seen.push(r.epoch), onBatch: () => {} });
    const rng = createRng(4);
    const manual = createNetwork({ sizes: [4, 3, 2], cost: 'log-likelihood', init: 'large', rng });
    const done: number[] = [];
    for (let e = 0; e < 2; e++) {
      trainEpoch(manual, train, { eta: 0.3, lambda: 0.5, batchSize: 8, rng, onBatch: (d) => done.push(d) });
    }
    expect(bytes(network)).toBe(bytes(manual));
    expect(epochs.at(-1)!.testAccuracy).toBe(evaluate(manual, test).accuracy);
    expect(seen).toEqual([1, 2]);
    // 50 examples in batches of 8: six full batches and a last one of 2.
    expect(done.slice(0, 7)).toEqual([8, 16, 24, 32, 40, 48, 50]);
  });

  it("hands onBatch a reader of the first layer's weights that, after an epoch's last batch, reads what onEpoch's network holds", () => {
    const train = randomDataset(60, 5, 3, 2);
    const config: TrainConfig = { sizes: [5, 4, 3], cost: 'cross-entropy', epochs: 2, batchSize: 7, eta: 0.5, lambda: 0, init: 'default', seed: 2 };
    const atEnd: number[][] = [];
    const atEpoch: number[][] = [];
    const out = new Float32Array(2 * 5);
    trainNetwork(config, train, train, {
      onBatch(_epoch, done, total, read) {
        if (done < total) return;
        read?.(2, out);
        atEnd.push(Array.from(out));
      },
      onEpoch: (_r, network) => atEpoch.push(Array.from(Float32Array.from(network.weights[0].subarray(0, 10)))),
    });
    expect(atEnd).toHaveLength(2);
    expect(atEnd).toEqual(atEpoch);
  });

  it('L2 weight decay shrinks the weights', () => {
    const train = randomDataset(100, 6, 2, 8);
    const base: TrainConfig = { sizes: [6, 5, 2], cost: 'cross-entropy', epochs: 5, batchSize: 10, eta: 0.5, lambda: 0, init: 'large', seed: 1 };
    const norm = (net: Network) => net.weights.reduce((s, w) => s + w.reduce((t, x) => t + x * x, 0), 0);
    const plain = trainNetwork(base, train, train).network;
    const decayed = trainNetwork({ ...base, lambda: 20 }, train, train).network;
    expect(norm(decayed)).toBeLessThan(0.5 * norm(plain));
  });

  it('trains in float32 when asked: the float64 run to float32 accuracy, on one thread without a way to start workers, and says so', () => {
    const train = randomDataset(120, 6, 3, 4);
    const base: TrainConfig = { sizes: [6, 8, 3], cost: 'log-likelihood', epochs: 3, batchSize: 16, eta: 0.5, lambda: 0.1, init: 'default', seed: 2 };
    const exact = trainNetwork(base, train, train);
    const fast = trainNetwork({ ...base, precision: 'float32', threads: 2 }, train, train);
    expect(exact.precision).toBe('float64');
    expect(fast.precision).toBe('float32');
    // No way to start a worker was given (BatchedThreads.test.ts trains with one).
    expect(fast.threads).toEqual({ requested: 2, used: 1, fallback: 'no way to start worker threads was given' });
    // Weights start rounded to float32, then steps of float32 sums (BatchedTrainer.test.ts).
    fast.epochs.forEach((e, i) => expect(Math.abs(e.trainCost - exact.epochs[i].trainCost)).toBeLessThan(1e-4));
    fast.network.weights.forEach((w, l) => w.forEach((v, i) => expect(Math.abs(v - exact.network.weights[l][i])).toBeLessThan(1e-4)));
    expect(() => trainNetwork({ ...base, precision: 'float16' as 'float32' }, train, train)).toThrow(/\(precision\)/);
  });

  it('rejects bad epochs and batch sizes', () => {
    const d = randomDataset(10, 2, 2, 1);
    const config: TrainConfig = { sizes: [2, 2], cost: 'quadratic', epochs: -1, batchSize: 1, eta: 1, lambda: 0, init: 'default', seed: 1 };
    expect(() => trainNetwork(config, d, d)).toThrow(/\(epochs\)/);
    expect(() => trainNetwork({ ...config, epochs: 1, batchSize: 0 }, d, d)).toThrow(/\(batchSize\)/);
    expect(() => trainNetwork({ ...config, epochs: 1, sizes: [3, 2] }, d, d)).toThrow(/2 inputs but the network expects 3/);
  });
});

describe('evaluate', () => {
  it('counts argmax hits and averages the cost over more than one internal batch', () => {
    // A [1, 2] softmax network with w = (+1, −1), b = 0 predicts class 0 for x > 0.
    const net: Network = { ...createNetwork({ sizes: [1, 2], cost: 'log-likelihood', rng: createRng(1) }) };
    net.weights[0].set([1, -1]);
    net.biases[0].set([0, 0]);
    const n = 250;
    const inputs = Float32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const labels = Uint8Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const result = evaluate(net, createDataset(inputs, labels, 1, 2));
    let correct = 0;
    let cost = 0;
    for (let i = 0; i < n; i++) {
      const predicted = inputs[i] > 0 ? 0 : 1;
      if (predicted === labels[i]) correct++;
      // −ln softmax: z = (x, −x), so −ln p(label) = ln(1 + e^{∓2x}).
      cost += Math.log1p(Math.exp(labels[i] === 0 ? -2 * inputs[i] : 2 * inputs[i]));
    }
    expect(result.correct).toBe(correct);
    expect(result.accuracy).toBe(correct / n);
    expect(result.cost).toBeCloseTo(cost / n, 13);
  });
});
