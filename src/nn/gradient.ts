import { XentError } from '../core/XentError.js';
import { backward, batchCost, createWorkspace, forward, type Workspace } from './backprop.js';
import { gatherBatch } from './Batch.js';
import type { Dataset } from './Dataset.js';
import type { Network } from './Network.js';
import { checkLambda } from './trainingSettings.js';

export interface RegularizationOptions {
  /** L2 weight decay λ ≥ 0 (0: none). Biases are not decayed. */
  lambda?: number;
  /** n in the penalty (λ/2n)·Σw²: the size of the whole training set, as in Nielsen's
   * network2.py, so λ means the same whatever the batch size. Defaults to data.n. */
  trainingSize?: number;
}

/**
 * The objective a mini-batch step descends,
 *   J = (1/B) Σ_b C_b + (λ / 2n) Σ w²,
 * with its exact gradient by backpropagation, written into `ws.gradWeights` and
 * `ws.gradBiases` (overwriting them). Returns J.
 *
 * @example
 * const ws = createWorkspace(net.sizes, 10);
 * const j = objectiveGradient(net, data, [0, 1, 2], { lambda: 5 }, ws);
 */
export function objectiveGradient(
  network: Network,
  data: Dataset,
  indices: ArrayLike<number>,
  options: RegularizationOptions = {},
  ws: Workspace = createWorkspace(network.sizes, indices.length),
): number {
  const { lambda, n } = checkRegularization(options, data);
  const count = indices.length;
  checkBatch(network, data, count, ws);
  for (const g of ws.gradWeights) g.fill(0);
  for (const g of ws.gradBiases) g.fill(0);
  const { batch } = ws;
  gatherBatch(data, indices, 0, count, batch);
  forward(network, batch.inputs, count, ws);
  const cost = batchCost(network, batch, ws);
  backward(network, batch, ws);
  let penalty = 0;
  for (let l = 0; l < ws.gradWeights.length; l++) {
    const g = ws.gradWeights[l];
    const w = network.weights[l];
    if (lambda === 0) {
      // Without decay the penalty term is exactly 0: skip a pass over the weights.
      for (let i = 0; i < g.length; i++) g[i] /= count;
    } else {
      for (let i = 0; i < g.length; i++) {
        g[i] = g[i] / count + (lambda / n) * w[i];
        penalty += w[i] * w[i];
      }
    }
    const gb = ws.gradBiases[l];
    for (let j = 0; j < gb.length; j++) gb[j] /= count;
  }
  return lambda === 0 ? cost / count : cost / count + (lambda / (2 * n)) * penalty;
}

export function checkRegularization(options: RegularizationOptions, data: Dataset): { lambda: number; n: number } {
  const lambda = options.lambda ?? 0;
  const n = options.trainingSize ?? data.n;
  checkLambda(lambda);
  if (!(Number.isInteger(n) && n >= 1)) throw new XentError(`training size ${n} must be a positive integer`, { field: 'trainingSize' });
  return { lambda, n };
}

export function checkBatch(network: Network, data: Dataset, count: number, ws: Workspace): void {
  checkDataFits(network, data);
  const { sizes } = network;
  if (count < 1) throw new XentError('a batch needs at least one example', { field: 'indices' });
  if (count > ws.capacity || ws.sizes.length !== sizes.length || ws.sizes.some((s, l) => s !== sizes[l])) {
    throw new XentError(`the workspace does not fit a batch of ${count} for this network`, { field: 'workspace' });
  }
}

/** Whether the examples of `data` have the network's inputs and classes. */
export function checkDataFits(network: Network, data: Dataset): void {
  const { sizes } = network;
  if (data.inputSize !== sizes[0]) {
    throw new XentError(`the data have ${data.inputSize} inputs but the network expects ${sizes[0]}`, { field: 'data' });
  }
  if (data.classes !== sizes[sizes.length - 1]) {
    throw new XentError(`the data have ${data.classes} classes but the network has ${sizes[sizes.length - 1]} outputs`, { field: 'data' });
  }
}
