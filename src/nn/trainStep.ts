import { XentError } from '../core/XentError.js';
import { createWorkspace, type Workspace } from './backprop.js';
import type { Dataset } from './Dataset.js';
import { objectiveGradient, type RegularizationOptions } from './gradient.js';
import type { Network } from './Network.js';

export interface SgdOptions extends RegularizationOptions {
  /** Learning rate η > 0. */
  eta: number;
}

/**
 * One step of mini-batch gradient descent on the examples `indices` of `data`, in place:
 *   w ← (1 − ηλ/n)·w − (η/B)·Σ_b ∂C_b/∂w,   b ← b − (η/B)·Σ_b ∂C_b/∂b
 * (Nielsen's network2.py update_mini_batch: the first factor is the L2 weight decay).
 * Returns the batch objective before the step. Pass a workspace to reuse its buffers.
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
  const eta = options.eta;
  if (!(Number.isFinite(eta) && eta > 0)) throw new XentError(`learning rate ${eta} must be a finite number > 0`, { field: 'eta' });
  // The gradient of J already contains (λ/n)·w, so w − η·∇J is exactly the update above.
  const objective = objectiveGradient(network, data, indices, options, ws);
  for (let l = 0; l < network.weights.length; l++) {
    const w = network.weights[l];
    const g = ws.gradWeights[l];
    for (let i = 0; i < w.length; i++) w[i] -= eta * g[i];
    const b = network.biases[l];
    const gb = ws.gradBiases[l];
    for (let j = 0; j < b.length; j++) b[j] -= eta * gb[j];
  }
  return objective;
}
