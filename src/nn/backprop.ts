import { sigmoid } from '../core/losses/sigmoid.js';
import type { Dataset } from './Dataset.js';
import type { Network } from './Network.js';
import { denseBackwardInput, denseBackwardParams, denseForward } from './denseKernels.js';

/**
 * The buffers of one forward/backward pass over at most `capacity` examples, allocated
 * once and reused for every mini-batch, so the training loop allocates nothing.
 * Index l follows the network's layers: activations[0] is the input batch,
 * activations[l] (l ≥ 1) the outputs of layer l; deltas[l] = ∂C/∂z of layer l.
 */
export interface Workspace {
  readonly capacity: number;
  readonly sizes: readonly number[];
  readonly activations: Float64Array[];
  /** Weighted inputs z of the output layer (the quadratic cost's delta needs σ'(z)). */
  readonly outputZ: Float64Array;
  readonly deltas: Float64Array[];
  readonly gradWeights: Float64Array[];
  readonly gradBiases: Float64Array[];
}

export function createWorkspace(sizes: readonly number[], capacity: number): Workspace {
  const last = sizes.length - 1;
  return {
    capacity,
    sizes: [...sizes],
    activations: sizes.map((s) => new Float64Array(capacity * s)),
    outputZ: new Float64Array(capacity * sizes[last]),
    deltas: sizes.map((s, l) => new Float64Array(l === 0 ? 0 : capacity * s)),
    gradWeights: sizes.slice(1).map((s, l) => new Float64Array(s * sizes[l])),
    gradBiases: sizes.slice(1).map((s) => new Float64Array(s)),
  };
}

/**
 * Copies the examples `indices[start … start+count)` of `data` into the input buffer and
 * runs them forward; afterwards `ws.activations[last]` holds the network's outputs
 * (row b for example indices[start + b]) and `ws.outputZ` their weighted inputs.
 */
export function forwardBatch(
  network: Network,
  data: Dataset,
  indices: ArrayLike<number>,
  start: number,
  count: number,
  ws: Workspace,
): void {
  const { sizes, weights, biases } = network;
  const m = sizes[0];
  const a0 = ws.activations[0];
  for (let b = 0; b < count; b++) {
    const row = indices[start + b] * m;
    for (let k = 0; k < m; k++) a0[b * m + k] = data.inputs[row + k];
  }
  const last = sizes.length - 1;
  for (let l = 1; l <= last; l++) {
    const out = l === last ? ws.outputZ : ws.activations[l];
    denseForward(ws.activations[l - 1], count, sizes[l - 1], weights[l - 1], biases[l - 1], sizes[l], out);
    const n = count * sizes[l];
    if (l < last || network.cost.activation === 'sigmoid') {
      const a = ws.activations[l];
      for (let i = 0; i < n; i++) a[i] = sigmoid(out[i]);
    } else {
      softmaxRows(out, count, sizes[l], ws.activations[l]);
    }
  }
}

/**
 * Backpropagation (Nielsen, ch. 2, equations BP1–BP4) for the batch that
 * `forwardBatch` just ran: adds Σ_b ∂C_b/∂w and Σ_b ∂C_b/∂b to ws.gradWeights and
 * ws.gradBiases (the caller zeroes them). The output error is the cost's own
 * delta(z, a, y) with a one-hot y, so the σ' that cross-entropy cancels is never
 * computed for it; hidden errors use σ'(z) = a(1 − a).
 */
export function backwardBatch(
  network: Network,
  data: Dataset,
  indices: ArrayLike<number>,
  start: number,
  count: number,
  ws: Workspace,
): void {
  const { sizes, weights, cost } = network;
  const last = sizes.length - 1;
  const nOut = sizes[last];
  const aL = ws.activations[last];
  const dL = ws.deltas[last];
  for (let b = 0; b < count; b++) {
    const label = data.labels[indices[start + b]];
    for (let j = 0; j < nOut; j++) {
      const i = b * nOut + j;
      dL[i] = cost.delta(ws.outputZ[i], aL[i], j === label ? 1 : 0);
    }
  }
  for (let l = last; l >= 1; l--) {
    denseBackwardParams(ws.deltas[l], ws.activations[l - 1], count, sizes[l - 1], sizes[l], ws.gradWeights[l - 1], ws.gradBiases[l - 1]);
    if (l === 1) break;
    const dPrev = ws.deltas[l - 1];
    denseBackwardInput(ws.deltas[l], weights[l - 1], count, sizes[l - 1], sizes[l], dPrev);
    const a = ws.activations[l - 1];
    const n = count * sizes[l - 1];
    for (let i = 0; i < n; i++) dPrev[i] *= a[i] * (1 - a[i]);
  }
}

/** Row-wise softmax, shifted by the row maximum so exp never overflows. */
function softmaxRows(z: Float64Array, rows: number, cols: number, out: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (z[o + j] > max) max = z[o + j];
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(z[o + j] - max);
      out[o + j] = e;
      sum += e;
    }
    for (let j = 0; j < cols; j++) out[o + j] /= sum;
  }
}
