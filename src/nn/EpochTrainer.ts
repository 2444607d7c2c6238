import { XentError } from '../core/XentError.js';
import type { Rng } from '../core/random/createRng.js';
import { shuffleInPlace } from '../core/random/shuffleInPlace.js';
import { createWorkspace, holdFirstLayerInputMajor, releaseFirstLayer, syncFirstLayer } from './backprop.js';
import { gatherBatchListed } from './Batch.js';
import type { Dataset } from './Dataset.js';
import { checkBatch } from './gradient.js';
import type { Network } from './Network.js';
import type { SgdSettings } from './trainingSettings.js';
import { sgdStep } from './trainStep.js';

/**
 * Epochs of SGD on one network and one dataset, with settings checked once. A trainer
 * owns the network's weights from its creation to `close`: while it trains, some of them
 * live elsewhere (the first layer input-major in WebAssembly memory, or in worker
 * threads), so the network's arrays are current only after `readNetwork` (or `close`),
 * and changes made to them in between are not seen by the next epoch.
 */
export interface EpochTrainer {
  /** Threads it trains on, the calling one included. */
  readonly threads: number;
  /**
   * One pass over the data, in place: shuffle the examples with `rng`, then one SGD step
   * per mini-batch. Returns the mean of the batch objectives (each measured just before
   * its step), a cheap running training cost.
   */
  runEpoch(rng: Rng, onBatch?: (examplesDone: number, examplesTotal: number) => void): number;
  /** Copies the weights that live elsewhere back into the network, and returns it. */
  readNetwork(): Network;
  /** readNetwork, then gives back what the trainer holds (worker threads stop). */
  close(): Network;
  /**
   * Copies the current incoming weights of the first layer's units 0 … units − 1 into
   * `out`, unit by unit (out[u·nIn + i] from input i), also between the mini-batches of
   * an epoch, without making the network current: for a view of the weights as they
   * learn. Absent where the weights live in other threads.
   */
  readFirstLayerUnits?(units: number, out: Float32Array): void;
}

/**
 * The one-thread trainer: the loop of trainEpoch with its workspace and its input-major
 * first layer made once for every epoch, so an epoch allocates nothing but the shuffle
 * order's refill.
 *
 * @example
 * const rng = createRng(1);
 * const train = createDataset(new Float32Array([0, 1, 1, 0, 1, 1, 0, 0]), new Uint8Array([1, 1, 0, 0]), 2, 2);
 * const net = createNetwork({ sizes: [2, 3, 2], cost: 'cross-entropy', rng });
 * const trainer = createSgdTrainer(net, train, { eta: 0.5, lambda: 0, trainingSize: train.n, batchSize: 2 });
 * for (let epoch = 0; epoch < 30; epoch++) trainer.runEpoch(rng);
 * trainer.close().weights[0].length // 6 (and net's weights are current)
 */
export function createSgdTrainer(network: Network, data: Dataset, settings: SgdSettings): EpochTrainer {
  const { eta, lambda, trainingSize, batchSize } = settings;
  const n = data.n;
  const capacity = Math.min(batchSize, n);
  const ws = createWorkspace(network.sizes, capacity);
  if (n > 0) checkBatch(network, data, capacity, ws);
  const order = new Int32Array(n);
  // The first layer's weights live input-major from here to close (see
  // holdFirstLayerInputMajor); each batch is listed straight from `data` into the held
  // layer's nonzero lists.
  const held = holdFirstLayerInputMajor(network, ws);
  let networkCurrent = true;
  let closed = false;
  const readNetwork = (): Network => {
    if (!networkCurrent) syncFirstLayer(network, ws);
    networkCurrent = true;
    return network;
  };
  return {
    threads: 1,
    runEpoch(rng, onBatch) {
      if (closed) throw new Error('the trainer is closed');
      for (let i = 0; i < n; i++) order[i] = i;
      shuffleInPlace(order, rng);
      networkCurrent = false;
      let objectiveSum = 0;
      let batches = 0;
      for (let start = 0; start < n; start += batchSize) {
        const count = Math.min(batchSize, n - start);
        gatherBatchListed(data, order, start, count, ws.batch, held.scratch, held.simd);
        objectiveSum += sgdStep(network, ws.batch, eta, lambda, trainingSize, ws, true);
        batches++;
        onBatch?.(start + count, n);
      }
      return objectiveSum / batches;
    },
    readNetwork,
    readFirstLayerUnits(units, out) {
      const [nIn, nOut] = network.sizes;
      if (!(Number.isInteger(units) && units >= 0 && units <= nOut)) throw new XentError(`units ${units} must be an integer in [0, ${nOut}]`, { field: 'units' });
      if (out.length < units * nIn) throw new XentError(`out holds ${out.length} values, fewer than ${units} × ${nIn}`, { field: 'out' });
      const held = ws.firstLayer;
      if (held === null || networkCurrent) {
        out.set(network.weights[0].subarray(0, units * nIn));
        return;
      }
      const t = held.weightsT;
      for (let u = 0; u < units; u++) for (let i = 0; i < nIn; i++) out[u * nIn + i] = t[i * nOut + u];
    },
    close() {
      releaseFirstLayer(network, ws);
      networkCurrent = true;
      closed = true;
      return network;
    },
  };
}
