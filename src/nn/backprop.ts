import {
  createDenseScratch,
  denseBackwardInput,
  denseBackwardParams,
  denseBackwardParamsInputMajor,
  denseBackwardParamsInputMajorListed,
  denseForward,
  denseForwardInputMajor,
  denseForwardInputMajorListed,
  fromInputMajor,
  toInputMajor,
  type DenseScratch,
} from '../core/kernels/denseKernels.js';
import { createInputMajorLayer, type InputMajorLayer } from '../core/kernels/denseInputMajorWasm.js';
import { sigmoid } from '../core/math/sigmoid.js';
import { createBatch, type Batch } from './Batch.js';
import type { Network } from './Network.js';

/**
 * The buffers of one forward/backward pass over at most `capacity` examples, allocated
 * once and reused for every mini-batch, so the training loop allocates nothing.
 * Index l follows the network's layers: activations[l] (l ≥ 1) holds the outputs of layer
 * l, outputZ the weighted inputs of the last one, deltas[l] = ∂C/∂z of layer l. Layer 0
 * is the input, which is the caller's (activations[0] and deltas[0] are empty).
 */
export interface Workspace {
  readonly capacity: number;
  readonly sizes: readonly number[];
  /** Where training gathers each mini-batch (see gatherBatch). */
  readonly batch: Batch;
  readonly activations: Float64Array[];
  /** Weighted inputs z of the output layer (the costs work from z). */
  readonly outputZ: Float64Array;
  readonly deltas: Float64Array[];
  /** Written by backward (objectiveGradient); the SGD step updates the weights in place
   * instead (backwardUpdate) and leaves these alone. */
  readonly gradWeights: Float64Array[];
  readonly gradBiases: Float64Array[];
  /** The dense kernels' lists of nonzero inputs. */
  readonly scratch: DenseScratch;
  /**
   * While training (between holdFirstLayerInputMajor and releaseFirstLayer), the first
   * layer's weights in the input-major layout (denseKernels.ts toInputMajor), with its
   * nonzero lists, in WebAssembly memory where the runtime has SIMD: forward and
   * backwardUpdate read and update these, and network.weights[0] is stale. null otherwise.
   */
  firstLayer: InputMajorLayer | null;
  /** Kept between holds, so that holding again allocates nothing. */
  firstLayerRoom: InputMajorLayer | null;
}

export function createWorkspace(sizes: readonly number[], capacity: number): Workspace {
  const last = sizes.length - 1;
  return {
    capacity,
    sizes: [...sizes],
    batch: createBatch(sizes[0], sizes[last], capacity),
    activations: sizes.map((s, l) => new Float64Array(l === 0 ? 0 : capacity * s)),
    outputZ: new Float64Array(capacity * sizes[last]),
    deltas: sizes.map((s, l) => new Float64Array(l === 0 ? 0 : capacity * s)),
    gradWeights: sizes.slice(1).map((s, l) => new Float64Array(s * sizes[l])),
    gradBiases: sizes.slice(1).map((s) => new Float64Array(s)),
    scratch: createDenseScratch(),
    firstLayer: null,
    firstLayerRoom: null,
  };
}

/**
 * Moves the first layer's weights of `network` into ws.firstLayer (input-major),
 * where forward and backwardUpdate work on them until releaseFirstLayer copies them back;
 * returns the held layer.
 * Worth it for a training loop: the first layer of an MNIST network reads and updates
 * the weights of its few nonzero inputs, and the layout keeps those adjacent.
 */
export function holdFirstLayerInputMajor(network: Network, ws: Workspace, useSimd = true): InputMajorLayer {
  const nIn = network.sizes[0];
  const nOut = network.sizes[1];
  let layer = ws.firstLayerRoom;
  if (layer === null || (layer.simd !== null) !== useSimd) layer = createInputMajorLayer(nIn, nOut, ws.capacity, useSimd);
  toInputMajor(network.weights[0], nIn, nOut, layer.weightsT);
  ws.firstLayerRoom = layer;
  ws.firstLayer = layer;
  return layer;
}

/** Copies the held first-layer weights into network.weights[0], and goes on holding them:
 * for a caller that reads the network between epochs. */
export function syncFirstLayer(network: Network, ws: Workspace): void {
  const layer = ws.firstLayer;
  if (layer !== null) fromInputMajor(layer.weightsT, network.sizes[0], network.sizes[1], network.weights[0]);
}

/** Copies the held first-layer weights back into network.weights[0] and stops holding. */
export function releaseFirstLayer(network: Network, ws: Workspace): void {
  syncFirstLayer(network, ws);
  ws.firstLayer = null;
}

/**
 * Runs `count` examples forward: `inputs` holds them row-major (row b = example b, sizes[0]
 * values). Afterwards ws.activations[last] holds the network's outputs, row b for example
 * b, and ws.outputZ their weighted inputs. `listed`: the held first layer's scratch
 * already lists the nonzero inputs of these rows (Batch.ts gatherBatchListed), and only
 * the rows it leaves dense are read from `inputs`.
 */
export function forward(network: Network, inputs: Float64Array, count: number, ws: Workspace, listed = false): void {
  const { sizes, weights, biases } = network;
  const last = sizes.length - 1;
  for (let l = 1; l <= last; l++) {
    const input = l === 1 ? inputs : ws.activations[l - 1];
    const z = l === last ? ws.outputZ : ws.activations[l];
    const a = ws.activations[l];
    const held = l === 1 ? ws.firstLayer : null;
    if (held !== null) {
      const kernel = listed ? denseForwardInputMajorListed : denseForwardInputMajor;
      kernel(input, count, sizes[0], held.weightsT, biases[0], sizes[1], z, held.scratch, held.simd);
    }
    else denseForward(input, count, sizes[l - 1], weights[l - 1], biases[l - 1], sizes[l], z, ws.scratch);
    if (l < last) {
      for (let i = 0, n = count * sizes[l]; i < n; i++) a[i] = sigmoid(z[i]);
    } else {
      const { activation } = network.cost;
      for (let b = 0; b < count; b++) activation.apply(z, b * sizes[l], sizes[l], a);
    }
  }
}

/** The sum of the example costs of `batch`, which `forward` has just run. */
export function batchCost(network: Network, batch: Batch, ws: Workspace): number {
  const { cost, sizes } = network;
  const last = sizes.length - 1;
  const nOut = sizes[last];
  const a = ws.activations[last];
  let sum = 0;
  for (let b = 0; b < batch.count; b++) sum += cost.fromLogits(ws.outputZ, a, batch.targets, b * nOut, nOut);
  return sum;
}

/**
 * What backpropagation does with Σ_b ∂C_b/∂θ: add it into the workspace's gradient
 * buffers ('gradient'), or take the SGD step with it straight into the network's weights
 * ('update').
 */
type BackpropMode = 'gradient' | 'update';

/**
 * Backpropagation (Nielsen, ch. 2, equations BP1–BP4) for `batch`, which `forward` has
 * just run: adds Σ_b ∂C_b/∂w and Σ_b ∂C_b/∂b to ws.gradWeights and ws.gradBiases (the
 * caller zeroes them). The output error is the cost's own delta, so the σ' that
 * cross-entropy cancels is never computed for it; hidden errors use σ'(z) = a(1 − a).
 */
export function backward(network: Network, batch: Batch, ws: Workspace): void {
  backpropagate(network, batch, ws, 'gradient', 0, undefined, false);
}

/**
 * The SGD step for `batch`, which `forward` has just run, fused into backpropagation:
 *   w ← decay·w − step·Σ_b ∂C_b/∂w,   b ← b − step·Σ_b ∂C_b/∂b,
 * each layer updated in place as soon as the error has been propagated through its
 * (old) weights. The terms are added to the weights one example at a time instead of
 * being summed in a gradient buffer first: no pass clears, scales or applies a
 * gradient, and in the first layer only the weights of nonzero inputs are touched.
 * Without `decay` the weights do not decay and this returns 0; with it, it returns
 * Σ w² before the decay (the L2 penalty), summed in the same pass. `listed` as for
 * forward.
 */
export function backwardUpdate(network: Network, batch: Batch, ws: Workspace, step: number, decay?: number, listed = false): number {
  return backpropagate(network, batch, ws, 'update', step, decay, listed);
}

/** backward and backwardUpdate: in 'gradient' mode adds Σ_b ∂C_b/∂θ to the workspace's
 * gradient buffers; in 'update' mode adds −step·Σ_b ∂C_b/∂θ to the network's weights
 * (the held first layer's, if the workspace holds it), after multiplying them by `decay`
 * if there is one. Layer by layer from the output. The mode's settings are arguments,
 * not an object, so that a step allocates nothing. */
function backpropagate(network: Network, batch: Batch, ws: Workspace, mode: BackpropMode, step: number, decay: number | undefined, listed: boolean): number {
  const { sizes, weights, cost } = network;
  const { count } = batch;
  const update = mode === 'update';
  const gradW = update ? network.weights : ws.gradWeights;
  const gradB = update ? network.biases : ws.gradBiases;
  const scale = update ? -step : 1;
  const last = sizes.length - 1;
  const nOut = sizes[last];
  const aL = ws.activations[last];
  const dL = ws.deltas[last];
  for (let b = 0; b < count; b++) cost.delta(ws.outputZ, aL, batch.targets, b * nOut, nOut, dL);
  let squares = 0;
  for (let l = last; l >= 1; l--) {
    const input = l === 1 ? batch.inputs : ws.activations[l - 1];
    // The error goes back through W before an update changes W.
    if (l > 1) denseBackwardInput(ws.deltas[l], weights[l - 1], count, sizes[l - 1], sizes[l], ws.deltas[l - 1]);
    const held = l === 1 && update ? ws.firstLayer : null;
    if (decay !== undefined) {
      if (held !== null) squares += decayInputMajor(held.weightsT, sizes[0], sizes[1], decay);
      else {
        const g = gradW[l - 1];
        for (let i = 0; i < g.length; i++) {
          squares += g[i] * g[i];
          g[i] *= decay;
        }
      }
    }
    if (held !== null) {
      const kernel = listed ? denseBackwardParamsInputMajorListed : denseBackwardParamsInputMajor;
      kernel(ws.deltas[1], input, count, sizes[0], sizes[1], held.weightsT, gradB[0], held.scratch, scale, held.simd);
    }
    else denseBackwardParams(ws.deltas[l], input, count, sizes[l - 1], sizes[l], gradW[l - 1], gradB[l - 1], ws.scratch, scale);
    if (l === 1) break;
    const dPrev = ws.deltas[l - 1];
    const n = count * sizes[l - 1];
    for (let i = 0; i < n; i++) dPrev[i] *= input[i] * (1 - input[i]);
  }
  return squares;
}

/** The decay pass of backpropagate over input-major weights: Σ w² summed in the order of
 * the unit-major layout (unit by unit), as for the other layers, so the L2 penalty does
 * not depend on the layout; then every weight times `decay`. */
function decayInputMajor(weightsT: Float64Array, nIn: number, nOut: number, decay: number): number {
  let squares = 0;
  for (let j = 0; j < nOut; j++) {
    for (let k = 0; k < nIn; k++) {
      const w = weightsT[k * nOut + j];
      squares += w * w;
    }
  }
  for (let i = 0; i < weightsT.length; i++) weightsT[i] *= decay;
  return squares;
}
