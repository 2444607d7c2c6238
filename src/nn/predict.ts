import { XentError } from '../core/XentError.js';
import { createWorkspace, forwardBatch } from './backprop.js';
import { createDataset } from './Dataset.js';
import { argmax } from './evaluate.js';
import type { Network } from './Network.js';

export interface Prediction {
  /** The class with the largest output. */
  label: number;
  /**
   * A distribution over the classes: the softmax output itself for a log-likelihood
   * network; for sigmoid outputs (each unit an independent yes/no probability) the
   * activations divided by their sum, so that they add up to 1.
   */
  probabilities: number[];
}

/**
 * Classifies inputs given flat (example i at `inputs[i·sizes[0] …]`).
 *
 * @example
 * predict(net, pixels)[0].label // 7
 */
export function predict(network: Network, inputs: Float32Array): Prediction[] {
  const m = network.sizes[0];
  const last = network.sizes.length - 1;
  const nOut = network.sizes[last];
  if (inputs.length % m !== 0) {
    throw new XentError(`${inputs.length} values are not a whole number of ${m}-value inputs`, { field: 'images' });
  }
  const n = inputs.length / m;
  // Labels are unknown here; zeros satisfy the dataset's shape checks and are never read.
  const data = createDataset(inputs, new Uint8Array(n), m, Math.max(2, nOut));
  const batch = Math.max(1, Math.min(100, n));
  const ws = createWorkspace(network.sizes, batch);
  const indices = Int32Array.from({ length: n }, (_, i) => i);
  const out: Prediction[] = [];
  for (let start = 0; start < n; start += batch) {
    const count = Math.min(batch, n - start);
    forwardBatch(network, data, indices, start, count, ws);
    const a = ws.activations[last];
    for (let b = 0; b < count; b++) {
      const row = Array.from(a.subarray(b * nOut, (b + 1) * nOut));
      const sum = row.reduce((s, x) => s + x, 0);
      out.push({ label: argmax(row, 0, nOut), probabilities: row.map((x) => x / sum) });
    }
  }
  return out;
}
