import { denseBackwardInput, denseBackwardParams, denseForward } from '../core/kernels/denseKernels.js';
import { sigmoid } from '../core/math/sigmoid.js';
import type { Dataset } from './Dataset.js';
import type { Network } from './Network.js';

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
  /** Written by backwardBatch (objectiveGradient); the SGD step updates the weights in
   * place instead (backwardUpdate) and leaves these alone. */
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
  const x = data.inputs;
  // The rows are gathered in shuffled order anyway; widening float32 to float64 on the
  // way costs nothing measurable (timed against a float64 copy of the whole dataset,
  // which would double its memory).
  for (let b = 0; b < count; b++) {
    const row = indices[start + b] * m;
    const o = b * m;
    for (let k = 0; k < m; k++) a0[o + k] = x[row + k];
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
  backpropagate(network, data, indices, start, count, ws, ws.gradWeights, ws.gradBiases, 1, undefined);
}

/**
 * The SGD step for the batch that `forwardBatch` just ran, fused into backpropagation:
 *   w ← decay·w − step·Σ_b ∂C_b/∂w,   b ← b − step·Σ_b ∂C_b/∂b,
 * each layer updated in place as soon as the error has been propagated through its
 * (old) weights. The terms are added to the weights one example at a time instead of
 * being summed in a gradient buffer first: no pass clears, scales or applies a
 * gradient, and in the first layer only the weights of nonzero inputs are touched.
 * Without `decay` the weights do not decay and this returns 0; with it, it returns
 * Σ w² before the decay (the L2 penalty), summed in the same pass.
 */
export function backwardUpdate(
  network: Network,
  data: Dataset,
  indices: ArrayLike<number>,
  start: number,
  count: number,
  ws: Workspace,
  step: number,
  decay?: number,
): number {
  return backpropagate(network, data, indices, start, count, ws, network.weights, network.biases, -step, decay);
}

/** backwardBatch and backwardUpdate: adds scale·Σ_b ∂C_b/∂θ to gradW/gradB, layer by
 * layer from the output, after multiplying gradW by `decay` if there is one. */
function backpropagate(
  network: Network,
  data: Dataset,
  indices: ArrayLike<number>,
  start: number,
  count: number,
  ws: Workspace,
  gradW: Float64Array[],
  gradB: Float64Array[],
  scale: number,
  decay: number | undefined,
): number {
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
  let squares = 0;
  for (let l = last; l >= 1; l--) {
    // The error goes back through W before W changes (gradW may be W itself).
    if (l > 1) denseBackwardInput(ws.deltas[l], weights[l - 1], count, sizes[l - 1], sizes[l], ws.deltas[l - 1]);
    if (decay !== undefined) {
      const g = gradW[l - 1];
      for (let i = 0; i < g.length; i++) {
        squares += g[i] * g[i];
        g[i] *= decay;
      }
    }
    denseBackwardParams(ws.deltas[l], ws.activations[l - 1], count, sizes[l - 1], sizes[l], gradW[l - 1], gradB[l - 1], scale);
    if (l === 1) break;
    const dPrev = ws.deltas[l - 1];
    const a = ws.activations[l - 1];
    const n = count * sizes[l - 1];
    for (let i = 0; i < n; i++) dPrev[i] *= a[i] * (1 - a[i]);
  }
  return squares;
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
