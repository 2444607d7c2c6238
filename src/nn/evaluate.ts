import { batchCost, createWorkspace, forward } from './backprop.js';
import { gatherBatch } from './Batch.js';
import type { Dataset } from './Dataset.js';
import { checkBatch } from './gradient.js';
import type { Network } from './Network.js';

export interface Evaluation {
  /** Mean cost per example (the network's own cost, in nats; no L2 term). */
  cost: number;
  /** Fraction of examples whose largest output is at the true class. */
  accuracy: number;
  correct: number;
  n: number;
}

/** Examples per forward batch: big enough to amortise calls, small enough for cache. */
const EVAL_BATCH = 100;

/**
 * Cost and accuracy of the network on `data`, without changing it. A tie between
 * outputs counts for the lowest class index (argmax takes the first maximum).
 *
 * @example
 * evaluate(net, test).accuracy // e.g. 0.95
 */
export function evaluate(network: Network, data: Dataset): Evaluation {
  const ws = createWorkspace(network.sizes, Math.max(1, Math.min(EVAL_BATCH, data.n)));
  const last = network.sizes.length - 1;
  const nOut = network.sizes[last];
  const indices = Int32Array.from({ length: data.n }, (_, i) => i);
  let costSum = 0;
  let correct = 0;
  for (let start = 0; start < data.n; start += EVAL_BATCH) {
    const count = Math.min(EVAL_BATCH, data.n - start);
    checkBatch(network, data, count, ws);
    gatherBatch(data, indices, start, count, ws.batch);
    forward(network, ws.batch.inputs, count, ws);
    costSum += batchCost(network, ws.batch, ws);
    const a = ws.activations[last];
    for (let b = 0; b < count; b++) {
      if (argmax(a, b * nOut, nOut) === data.labels[start + b]) correct++;
    }
  }
  return { cost: data.n === 0 ? NaN : costSum / data.n, accuracy: data.n === 0 ? NaN : correct / data.n, correct, n: data.n };
}

/** Index (relative to offset) of the first largest of values[offset … offset+length). */
export function argmax(values: ArrayLike<number>, offset: number, length: number): number {
  let best = 0;
  for (let j = 1; j < length; j++) if (values[offset + j] > values[offset + best]) best = j;
  return best;
}
