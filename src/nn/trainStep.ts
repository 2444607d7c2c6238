import { backwardUpdate, batchCost, createWorkspace, forward, type Workspace } from './backprop.js';
import { gatherBatch, type Batch } from './Batch.js';
import type { Dataset } from './Dataset.js';
import { checkBatch, checkRegularization, type RegularizationOptions } from './gradient.js';
import type { Network } from './Network.js';
import { checkEta } from './trainingSettings.js';

export interface SgdOptions extends RegularizationOptions {
  /** Learning rate η > 0. */
  eta: number;
}

/**
 * One step of mini-batch gradient descent on the examples `indices` of `data`, in place:
 *   w ← (1 − ηλ/n)·w − (η/B)·Σ_b ∂C_b/∂w,   b ← b − (η/B)·Σ_b ∂C_b/∂b
 * (Nielsen's network2.py update_mini_batch: the first factor is the L2 weight decay).
 * Returns the batch objective before the step, (1/B) Σ_b C_b + (λ/2n) Σ w².
 * Pass a workspace to reuse its buffers.
 *
 * @example
 * trainStep(net, train, [4, 8, 15, 16, 23, 42], { eta: 0.5, lambda: 5 });
 */
export function trainStep(
  network: Network,
  data: Dataset,
  indices: ArrayLike<number>,
  options: SgdOptions,
  ws: Workspace = createWorkspace(network.sizes, indices.length),
): number {
  const eta = checkEta(options.eta);
  const { lambda, n } = checkRegularization(options, data);
  checkBatch(network, data, indices.length, ws);
  gatherBatch(data, indices, 0, indices.length, ws.batch);
  return sgdStep(network, ws.batch, eta, lambda, n, ws);
}

/**
 * trainStep on a gathered batch, with checked arguments: the step of every epoch
 * (EpochTrainer.ts), which allocates nothing. The 1/B of the mean and the L2 decay are folded into the update,
 * which backwardUpdate applies as it backpropagates, so no pass over the weights builds,
 * scales or applies a separate gradient. `listed`: the batch was gathered by
 * gatherBatchListed into the held first layer's scratch.
 */
export function sgdStep(network: Network, batch: Batch, eta: number, lambda: number, trainingSize: number, ws: Workspace, listed = false): number {
  const { count } = batch;
  forward(network, batch.inputs, count, ws, listed);
  const cost = batchCost(network, batch, ws);
  const decay = lambda === 0 ? undefined : 1 - (eta * lambda) / trainingSize;
  const squares = backwardUpdate(network, batch, ws, eta / count, decay, listed);
  return lambda === 0 ? cost / count : cost / count + (lambda / (2 * trainingSize)) * squares;
}
