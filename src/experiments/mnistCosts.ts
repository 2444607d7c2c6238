import { XentError } from '../core/XentError.js';
import type { CostName } from '../nn/Cost.js';
import type { Dataset } from '../nn/Dataset.js';
import type { WeightInit } from '../nn/Network.js';
import { trainNetwork, type TrainConfig } from '../nn/trainNetwork.js';

/** One cost with the learning rate it is run at. */
export interface CostArm {
  cost: CostName;
  eta: number;
}

/**
 * The comparison: quadratic at Nielsen's η = 3.0 (ch. 1), cross-entropy at
 * his η = 0.5 (ch. 3), and softmax/log-likelihood at η = 0.5 too, because its output
 * error δ = a − y has the same form and scale as cross-entropy's (Cost.ts), so the same
 * step size is the like-for-like choice rather than a tuned one.
 */
export const DEFAULT_ARMS: readonly CostArm[] = [
  { cost: 'quadratic', eta: 3.0 },
  { cost: 'cross-entropy', eta: 0.5 },
  { cost: 'log-likelihood', eta: 0.5 },
];

export interface MnistCostsOptions {
  arms?: readonly CostArm[];
  /** One network [inputs, h, classes] per value; default [30]. */
  hiddenSizes?: readonly number[];
  /** Training seeds; each seeds both the initial weights and the shuffles. */
  seeds: readonly number[];
  epochs: number;
  batchSize?: number;
  lambda?: number;
  init?: WeightInit;
  /** Before each training run (for progress reports). */
  onRun?: (run: { index: number; total: number; config: TrainConfig }) => void;
  /** After each mini-batch of the current run. */
  onBatch?: (epoch: number, done: number, total: number) => void;
  clock?: () => number;
}

export interface MeanSd {
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); NaN for a single value. */
  sd: number;
}

export interface MnistCostsRow {
  cost: CostName;
  eta: number;
  sizes: number[];
  /** Test accuracy after the last epoch, mean and sd over the seeds. */
  meanAccuracy: number;
  sdAccuracy: number;
  /** Best test accuracy over the epochs of each run (what Nielsen quotes as "peak"), mean and sd. */
  meanBestAccuracy: number;
  sdBestAccuracy: number;
  /** Per seed, in the order of `seeds`. */
  finalAccuracies: number[];
  bestAccuracies: number[];
  /** Test accuracy per epoch (1 … epochs), mean and sd over the seeds. */
  curve: { epoch: number; meanAccuracy: number; sdAccuracy: number; meanTestCost: number }[];
  meanSecondsPerEpoch: number;
}

export interface MnistCostsResult {
  seeds: number[];
  epochs: number;
  batchSize: number;
  lambda: number;
  init: WeightInit;
  rows: MnistCostsRow[];
}

/**
 * Trains every (network size, cost) pair once per seed on `train` and summarises the
 * test accuracy over the seeds. The same seed gives every arm the same data order and,
 * within a network size, the same initial weights, so the costs are compared on equal
 * terms (a paired design).
 *
 * @example
 * const { rows } = runMnistCosts(train, test, { seeds: [1, 2, 3], epochs: 30 });
 * rows.map((r) => [r.cost, r.meanAccuracy, r.sdAccuracy]);
 */
export function runMnistCosts(train: Dataset, test: Dataset, options: MnistCostsOptions): MnistCostsResult {
  const arms = options.arms ?? DEFAULT_ARMS;
  const hiddenSizes = options.hiddenSizes ?? [30];
  const { seeds, epochs } = options;
  const batchSize = options.batchSize ?? 10;
  const lambda = options.lambda ?? 0;
  const init = options.init ?? 'default';
  if (seeds.length < 1) throw new XentError('give at least one seed', { field: 'seeds' });
  if (!(Number.isInteger(epochs) && epochs >= 1)) throw new XentError(`epochs ${epochs} must be a positive integer`, { field: 'epochs' });
  if (arms.length < 1) throw new XentError('give at least one cost', { field: 'costs' });
  const total = hiddenSizes.length * arms.length * seeds.length;
  let index = 0;
  const rows: MnistCostsRow[] = [];
  for (const hidden of hiddenSizes) {
    const sizes = [train.inputSize, hidden, train.classes];
    for (const arm of arms) {
      const curves: number[][] = [];
      const testCosts: number[][] = [];
      let seconds = 0;
      for (const seed of seeds) {
        const config: TrainConfig = { sizes, cost: arm.cost, epochs, batchSize, eta: arm.eta, lambda, init, seed };
        options.onRun?.({ index: index++, total, config });
        const run = trainNetwork(config, train, test, { onBatch: options.onBatch, clock: options.clock });
        curves.push(run.epochs.map((e) => e.testAccuracy));
        testCosts.push(run.epochs.map((e) => e.testCost));
        seconds += run.epochs.reduce((s, e) => s + e.seconds, 0);
      }
      const finalAccuracies = curves.map((c) => c[c.length - 1]);
      const bestAccuracies = curves.map((c) => Math.max(...c));
      const final = meanSd(finalAccuracies);
      const best = meanSd(bestAccuracies);
      rows.push({
        cost: arm.cost,
        eta: arm.eta,
        sizes,
        meanAccuracy: final.mean,
        sdAccuracy: final.sd,
        meanBestAccuracy: best.mean,
        sdBestAccuracy: best.sd,
        finalAccuracies,
        bestAccuracies,
        curve: Array.from({ length: epochs }, (_, e) => {
          const s = meanSd(curves.map((c) => c[e]));
          return { epoch: e + 1, meanAccuracy: s.mean, sdAccuracy: s.sd, meanTestCost: meanSd(testCosts.map((c) => c[e])).mean };
        }),
        meanSecondsPerEpoch: seconds / (seeds.length * epochs),
      });
    }
  }
  return { seeds: [...seeds], epochs, batchSize, lambda, init, rows };
}

/**
 * Mean and sample standard deviation (Bessel's n − 1, the usual "± sd" over seeds).
 *
 * @example
 * meanSd([1, 2, 3]) // { mean: 2, sd: 1 }
 */
export function meanSd(values: readonly number[]): MeanSd {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1) return { mean, sd: NaN };
  const ss = values.reduce((s, v) => s + (v - mean) * (v - mean), 0);
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}
