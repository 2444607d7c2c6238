import type { Rng } from '../core/random/createRng.js';
import type { Dataset } from './Dataset.js';
import { createSgdTrainer } from './EpochTrainer.js';
import { checkRegularization } from './gradient.js';
import type { Network } from './Network.js';
import { checkBatchSize, checkEta } from './trainingSettings.js';
import type { SgdOptions } from './trainStep.js';

export interface EpochOptions extends SgdOptions {
  /** Examples per mini-batch (the last batch holds the remainder). */
  batchSize: number;
  /** Shuffles the examples at the start of the epoch. */
  rng: Rng;
  /** Called after each mini-batch with the examples done so far (for progress bars). The
   * network's first-layer weights are brought up to date when the epoch ends, not here. */
  onBatch?: (examplesDone: number, examplesTotal: number) => void;
}

/**
 * One pass of stochastic gradient descent over all of `data`, in place: shuffle the
 * examples with `rng`, then one SGD step (see trainStep) per mini-batch. Returns the mean
 * of the batch objectives (each measured just before its step), a cheap running training
 * cost. For many epochs, createSgdTrainer (EpochTrainer.ts) keeps its buffers from one
 * epoch to the next; this makes them for the one.
 *
 * @example
 * const rng = createRng(1);
 * const net = createNetwork({ sizes: [784, 30, 10], cost: 'cross-entropy', rng });
 * for (let epoch = 0; epoch < 30; epoch++) trainEpoch(net, train, { eta: 0.5, batchSize: 10, rng });
 */
export function trainEpoch(network: Network, data: Dataset, options: EpochOptions): number {
  const batchSize = checkBatchSize(options.batchSize);
  const eta = checkEta(options.eta);
  const { lambda, n: trainingSize } = checkRegularization(options, data);
  const trainer = createSgdTrainer(network, data, { eta, lambda, trainingSize, batchSize });
  // The held first layer goes back into network.weights[0] also on a throw, so that the
  // network holds the steps that were taken.
  try {
    return trainer.runEpoch(options.rng, options.onBatch);
  } finally {
    trainer.close();
  }
}
