import { XentError } from '../core/XentError.js';
import type { Rng } from '../core/random/createRng.js';
import { shuffleInPlace } from '../core/random/shuffleInPlace.js';
import { createWorkspace, holdFirstLayerInputMajor, releaseFirstLayer } from './backprop.js';
import { gatherBatchListed } from './Batch.js';
import type { Dataset } from './Dataset.js';
import type { Network } from './Network.js';
import { checkBatch, checkRegularization } from './gradient.js';
import { checkEta, sgdStep, type SgdOptions } from './trainStep.js';

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
 * cost. Nothing is allocated per step.
 *
 * @example
 * const rng = createRng(1);
 * const net = createNetwork({ sizes: [784, 30, 10], cost: 'cross-entropy', rng });
 * for (let epoch = 0; epoch < 30; epoch++) trainEpoch(net, train, { eta: 0.5, batchSize: 10, rng });
 */
export function trainEpoch(network: Network, data: Dataset, options: EpochOptions): number {
  const { batchSize } = options;
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) {
    throw new XentError(`batch size ${batchSize} must be a positive integer`, { field: 'batchSize' });
  }
  const n = data.n;
  const eta = checkEta(options.eta);
  const { lambda, n: trainingSize } = checkRegularization(options, data);
  const capacity = Math.min(batchSize, n);
  const ws = createWorkspace(network.sizes, capacity);
  if (n > 0) checkBatch(network, data, capacity, ws);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(order, options.rng);
  let objectiveSum = 0;
  let batches = 0;
  // The first layer's weights live input-major for the epoch (see holdFirstLayerInputMajor)
  // and go back into network.weights[0] at its end, also on a throw.
  // Each batch is listed straight from `data` into the held layer's nonzero lists.
  const held = holdFirstLayerInputMajor(network, ws);
  try {
    for (let start = 0; start < n; start += batchSize) {
      const count = Math.min(batchSize, n - start);
      gatherBatchListed(data, order, start, count, ws.batch, held.scratch, held.simd);
      objectiveSum += sgdStep(network, ws.batch, eta, lambda, trainingSize, ws, true);
      batches++;
      options.onBatch?.(start + count, n);
    }
  } finally {
    releaseFirstLayer(network, ws);
  }
  return objectiveSum / batches;
}
