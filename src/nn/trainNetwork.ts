import { XentError } from '../core/XentError.js';
import { createRng } from '../core/random/createRng.js';
import type { CostName } from './Cost.js';
import type { Dataset } from './Dataset.js';
import { evaluate } from './evaluate.js';
import { createNetwork, type Network, type WeightInit } from './Network.js';
import { trainEpoch } from './trainEpoch.js';

/** Everything that determines a training run; the same config gives the same network bit for bit. */
export interface TrainConfig {
  /** Layer sizes, input first, e.g. [784, 30, 10]. */
  sizes: number[];
  cost: CostName;
  epochs: number;
  batchSize: number;
  eta: number;
  lambda: number;
  init: WeightInit;
  /** Seeds the weights and the per-epoch shuffles (one generator, in that order). */
  seed: number;
}

/** One epoch's results. Costs are mean per example without the L2 term. */
export interface EpochRecord {
  epoch: number;
  trainCost: number;
  trainAccuracy: number;
  testCost: number;
  testAccuracy: number;
  /** Wall-clock seconds of the epoch's training (evaluation excluded), by `clock`. */
  seconds: number;
}

export interface TrainCallbacks {
  /** After each mini-batch: for progress bars. */
  onBatch?: (epoch: number, examplesDone: number, examplesTotal: number) => void;
  /** After each epoch's evaluation: for live curves (the web lab) or logs. */
  onEpoch?: (record: EpochRecord, network: Network) => void;
  /** Milliseconds from an arbitrary origin; defaults to performance.now. */
  clock?: () => number;
}

/**
 * Trains a new network on `train` by mini-batch SGD for `config.epochs` epochs and
 * evaluates it on both sets after every epoch.
 *
 * @example
 * const { network, epochs } = trainNetwork(
 *   { sizes: [784, 30, 10], cost: 'cross-entropy', epochs: 30, batchSize: 10, eta: 0.5, lambda: 0, init: 'default', seed: 1 },
 *   train, test);
 * epochs.at(-1).testAccuracy // ≈ 0.94 on the 8,000/2,000 split
 */
export function trainNetwork(
  config: TrainConfig,
  train: Dataset,
  test: Dataset,
  callbacks: TrainCallbacks = {},
): { network: Network; epochs: EpochRecord[] } {
  if (!(Number.isInteger(config.epochs) && config.epochs >= 0)) {
    throw new XentError(`epochs ${config.epochs} must be an integer ≥ 0`, { field: 'epochs' });
  }
  const clock = callbacks.clock ?? (() => globalThis.performance.now());
  const rng = createRng(config.seed);
  const network = createNetwork({ sizes: config.sizes, cost: config.cost, init: config.init, rng });
  const epochs: EpochRecord[] = [];
  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const t0 = clock();
    trainEpoch(network, train, {
      eta: config.eta,
      lambda: config.lambda,
      batchSize: config.batchSize,
      rng,
      onBatch: callbacks.onBatch && ((done, total) => callbacks.onBatch?.(epoch, done, total)),
    });
    const seconds = (clock() - t0) / 1000;
    const onTrain = evaluate(network, train);
    const onTest = evaluate(network, test);
    const record: EpochRecord = {
      epoch,
      trainCost: onTrain.cost,
      trainAccuracy: onTrain.accuracy,
      testCost: onTest.cost,
      testAccuracy: onTest.accuracy,
      seconds,
    };
    epochs.push(record);
    callbacks.onEpoch?.(record, network);
  }
  return { network, epochs };
}
