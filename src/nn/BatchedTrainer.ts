import {
  instantiateDenseBatched,
  layoutDenseBatched,
  paddedWidth,
  type DenseBatchedKernels,
} from '../core/kernels/denseBatchedWasm.js';
import type { Rng } from '../core/random/createRng.js';
import { shuffleInPlace } from '../core/random/shuffleInPlace.js';
import type { Dataset } from './Dataset.js';
import type { EpochTrainer } from './EpochTrainer.js';
import { checkDataFits } from './gradient.js';
import type { Network } from './Network.js';
import type { SgdSettings } from './trainingSettings.js';

/**
 * The first layer's inputs are summed over their nonzero list, one example at a time
 * (sparseForward, sparseAddOuter: the per-example input-major path, in float32), when at
 * most this fraction of the batch's inputs is nonzero, and as register-blocked matrix
 * products of the whole batch (denseForward, denseAddOuter) above it. Measured by
 * bench/standalone/denseBatchedCrossover.mjs (a [784 → 100] layer, listing, forward and
 * update; random inputs; taskset -c 0, load 12–14), sparse ÷ dense time per example:
 *
 *   fill                   0.1   0.2   0.3   0.4   0.5   0.6   0.8
 *   Node 20, batch 10      0.20  0.44  0.60  0.73  0.90  1.10  1.34
 *   Node 20, batch 100     0.48  0.57  0.64  0.68  1.25  1.27  1.59
 *   Node 20, batch 500     0.18  0.54  0.68  0.85  1.02  1.22  2.12
 *   Node 24 FMA, batch 10  0.24  0.44  0.62  0.82  1.59  1.76  1.67
 *   Node 24 FMA, batch 100 0.45  0.65  0.83  1.08  1.28  1.53  2.12
 *   Node 24 FMA, batch 500 0.28  0.52  0.75  0.88  1.06  1.35  1.72
 *
 * The crossing lies between fills 0.4 and 0.5 at every batch size from 10 to 500 (the dense
 * kernels run at 26–28 GFLOP/s, and a listed term costs about 2.2 dense ones), so the
 * threshold depends on the fill alone. MNIST digits fill 0.19: the sparse path, 2–3 times
 * faster there.
 */
export const SPARSE_MAX_FILL = 0.45;

/** Options of the batched trainer (tests and the bench pick the build). */
export interface BatchedTrainerOptions {
  /** Use the FMA build of the kernels where the runtime has relaxed SIMD (default: yes). */
  fma?: boolean;
}

/**
 * Mini-batch SGD in float32 with the batched kernels of assembly/denseBatched.ts (see
 * src/core/kernels/denseBatchedWasm.ts): each batch goes through each layer as one matrix
 * product (the first layer over its nonzero inputs when the batch is sparse, see
 * SPARSE_MAX_FILL), the hidden sigmoids and errors in SIMD too; only the output layer's
 * activation, cost and delta run in JavaScript (in float64, on a copy of the batch's
 * output rows), so every cost of src/nn works unchanged. The update is that of sgdStep:
 * w ← decay·w − (η/B)·Σ_b ∂C_b/∂w, with the batch's sum taken before it joins the weight
 * (except in the sparse first layer, which adds each example's term in turn).
 *
 * The weights live in float32 in the module's memory from creation to close (rounded from
 * the network's float64 on the way in, widened exactly on the way out by readNetwork), so
 * results differ from the per-example float64 trainer by float32 rounding, and between the
 * FMA and non-FMA builds in the last bits; a seeded run repeats bit for bit on one
 * runtime and build. Null where the runtime has no WebAssembly SIMD.
 */
export function createBatchedSgdTrainer(network: Network, data: Dataset, settings: SgdSettings, options: BatchedTrainerOptions = {}): EpochTrainer | null {
  const { eta, lambda, trainingSize, batchSize } = settings;
  checkDataFits(network, data);
  const { sizes, cost } = network;
  const last = sizes.length - 1;
  const n = data.n;
  const nIn = sizes[0];
  const nOut = sizes[last];
  const capacity = Math.max(1, Math.min(batchSize, n));
  const widths = sizes.map((s, l) => (l === 0 ? s : paddedWidth(s)));
  const parts: [string, 'f32' | 'i32', number][] = [];
  for (let l = 1; l <= last; l++) {
    parts.push([`w${l}`, 'f32', widths[l - 1] * widths[l]], [`b${l}`, 'f32', widths[l]]);
    parts.push([`a${l}`, 'f32', capacity * widths[l]], [`e${l}`, 'f32', capacity * widths[l]]);
  }
  parts.push(['rows', 'f32', capacity * nIn], ['val', 'f32', capacity * nIn], ['idx', 'i32', capacity * nIn], ['rowStart', 'i32', capacity + 1]);
  const room = layoutDenseBatched(parts);
  const made = instantiateDenseBatched(room.memory, options.fma);
  if (made === null) return null;
  const k: DenseBatchedKernels = made.kernels;
  const w = (l: number): Float32Array => room.f32[`w${l}`];
  const bias = (l: number): Float32Array => room.f32[`b${l}`];
  const act = (l: number): Float32Array => room.f32[`a${l}`];
  const err = (l: number): Float32Array => room.f32[`e${l}`];
  const { rows, val } = room.f32;
  const { idx, rowStart } = room.i32;

  const load = (): void => {
    for (let l = 1; l <= last; l++) {
      const src = network.weights[l - 1];
      const dst = w(l);
      const a = sizes[l - 1];
      const s = widths[l];
      for (let j = 0; j < sizes[l]; j++) for (let i = 0; i < a; i++) dst[i * s + j] = src[j * a + i];
      bias(l).set(network.biases[l - 1]);
    }
  };
  const store = (): void => {
    for (let l = 1; l <= last; l++) {
      const src = w(l);
      const dst = network.weights[l - 1];
      const a = sizes[l - 1];
      const s = widths[l];
      for (let j = 0; j < sizes[l]; j++) for (let i = 0; i < a; i++) dst[j * a + i] = src[i * s + j];
      const b = bias(l);
      for (let j = 0; j < sizes[l]; j++) network.biases[l - 1][j] = b[j];
    }
  };
  load();

  const order = new Int32Array(n);
  const outZ = new Float64Array(capacity * nOut);
  const outA = new Float64Array(capacity * nOut);
  const outD = new Float64Array(capacity * nOut);
  const targets = new Float64Array(capacity * nOut);
  const sOut = widths[last];

  /** One SGD step on the examples order[start … start + count): the batch objective. */
  const step = (start: number, count: number): number => {
    for (let b = 0; b < count; b++) {
      const ex = order[start + b];
      rows.set(data.inputs.subarray(ex * nIn, ex * nIn + nIn), b * nIn);
      targets.fill(0, b * nOut, b * nOut + nOut);
      targets[b * nOut + data.labels[ex]] = 1;
    }
    const listed = k.listRows(rows.byteOffset, nIn, count, idx.byteOffset, val.byteOffset, rowStart.byteOffset);
    const sparse = listed <= SPARSE_MAX_FILL * count * nIn;
    // Forward.
    if (sparse) k.sparseForward(w(1).byteOffset, widths[1], idx.byteOffset, val.byteOffset, rowStart.byteOffset, count, bias(1).byteOffset, act(1).byteOffset);
    else k.denseForward(rows.byteOffset, nIn, count, nIn, w(1).byteOffset, widths[1], bias(1).byteOffset, act(1).byteOffset);
    for (let l = 2; l <= last; l++) {
      k.sigmoid(act(l - 1).byteOffset, act(l - 1).byteOffset, count * widths[l - 1]);
      k.denseForward(act(l - 1).byteOffset, widths[l - 1], count, sizes[l - 1], w(l).byteOffset, widths[l], bias(l).byteOffset, act(l).byteOffset);
    }
    // The output layer in float64: activation, cost, and the error scaled by −η/B.
    const z = act(last);
    for (let b = 0; b < count; b++) for (let j = 0; j < nOut; j++) outZ[b * nOut + j] = z[b * sOut + j];
    let costSum = 0;
    for (let b = 0; b < count; b++) {
      const o = b * nOut;
      cost.activation.apply(outZ, o, nOut, outA);
      costSum += cost.fromLogits(outZ, outA, targets, o, nOut);
      cost.delta(outZ, outA, targets, o, nOut, outD);
    }
    const scale = -eta / count;
    const eL = err(last);
    for (let b = 0; b < count; b++) for (let j = 0; j < nOut; j++) eL[b * sOut + j] = scale * outD[b * nOut + j];
    // Backward, each layer's error sent down through its weights before they change.
    const decay = lambda === 0 ? 1 : 1 - (eta * lambda) / trainingSize;
    let squares = 0;
    for (let l = last; l >= 1; l--) {
      if (l > 1) k.backInput(err(l).byteOffset, count, w(l).byteOffset, widths[l], widths[l - 1], act(l - 1).byteOffset, err(l - 1).byteOffset);
      if (lambda !== 0) squares += decayWeights(w(l), decay);
      if (l === 1 && sparse) k.sparseAddOuter(w(1).byteOffset, widths[1], idx.byteOffset, val.byteOffset, rowStart.byteOffset, count, err(1).byteOffset);
      else if (l === 1) k.denseAddOuter(w(1).byteOffset, widths[1], nIn, rows.byteOffset, nIn, count, err(1).byteOffset);
      else k.denseAddOuter(w(l).byteOffset, widths[l], sizes[l - 1], act(l - 1).byteOffset, widths[l - 1], count, err(l).byteOffset);
      k.addColumnSums(bias(l).byteOffset, err(l).byteOffset, count, widths[l]);
    }
    return lambda === 0 ? costSum / count : costSum / count + (lambda / (2 * trainingSize)) * squares;
  };

  let closed = false;
  return {
    threads: 1,
    runEpoch(rng: Rng, onBatch?: (examplesDone: number, examplesTotal: number) => void): number {
      if (closed) throw new Error('the trainer is closed');
      for (let i = 0; i < n; i++) order[i] = i;
      shuffleInPlace(order, rng);
      let objectiveSum = 0;
      let batches = 0;
      for (let start = 0; start < n; start += batchSize) {
        const count = Math.min(batchSize, n - start);
        objectiveSum += step(start, count);
        batches++;
        onBatch?.(start + count, n);
      }
      return objectiveSum / batches;
    },
    readNetwork() {
      if (!closed) store();
      return network;
    },
    close() {
      if (!closed) store();
      closed = true;
      return network;
    },
  };
}

/** Σ w² before the decay (in float64; padding weights are zero and add nothing), then
 * every weight times `decay`. */
function decayWeights(weights: Float32Array, decay: number): number {
  let squares = 0;
  for (let i = 0; i < weights.length; i++) {
    const v = weights[i];
    squares += v * v;
    weights[i] = v * decay;
  }
  return squares;
}
