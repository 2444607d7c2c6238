import { XentError } from '../core/XentError.js';
import { createWorkspace, forward } from './backprop.js';
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

/** Examples per forward pass, as in evaluate. */
const PREDICT_BATCH = 100;

/**
 * Classifies inputs given flat (example i at `inputs[i·sizes[0] …]`).
 *
 * @example
 * predict(net, pixels)[0].label // 7
 */
export function predict(network: Network, inputs: Float32Array | Float64Array): Prediction[] {
  const m = network.sizes[0];
  const last = network.sizes.length - 1;
  const nOut = network.sizes[last];
  if (inputs.length % m !== 0) {
    throw new XentError(`${inputs.length} values are not a whole number of ${m}-value inputs`, { field: 'images' });
  }
  const n = inputs.length / m;
  const capacity = Math.max(1, Math.min(PREDICT_BATCH, n));
  const ws = createWorkspace(network.sizes, capacity);
  const rows = new Float64Array(capacity * m);
  const out: Prediction[] = [];
  for (let start = 0; start < n; start += capacity) {
    const count = Math.min(capacity, n - start);
    rows.set(inputs.subarray(start * m, (start + count) * m));
    forward(network, rows, count, ws);
    const a = ws.activations[last];
    for (let b = 0; b < count; b++) {
      const row = Array.from(a.subarray(b * nOut, (b + 1) * nOut));
      const sum = row.reduce((s, x) => s + x, 0);
      out.push({ label: argmax(row, 0, nOut), probabilities: row.map((x) => x / sum) });
    }
  }
  return out;
}
