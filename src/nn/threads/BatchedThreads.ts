import { instantiateDenseBatched, layoutDenseBatched, paddedWidth, relaxedSimdAvailable, type DenseBatchedKernels } from '../../core/kernels/denseBatchedWasm.js';
import type { Rng } from '../../core/random/createRng.js';
import { shuffleInPlace } from '../../core/random/shuffleInPlace.js';
import { SPARSE_MAX_FILL } from '../BatchedTrainer.js';
import type { Dataset } from '../Dataset.js';
import type { EpochTrainer } from '../EpochTrainer.js';
import { checkDataFits } from '../gradient.js';
import type { Network } from '../Network.js';
import type { SgdSettings } from '../trainingSettings.js';
import { BATCHED_CMD, BATCHED_OP, batchedLayout, batchedUnitSplit, type BatchedLayout, type BatchedWorkerData } from './batchedLayout.js';
import { BatchedSlice } from './BatchedSlice.js';
import { FAILED } from './runBatchedWorker.js';
import { DEFAULT_SPINS, raise, waitFor } from './signal.js';
import type { StartTrainingWorker, TrainingWorkerHandle } from './TrainingThreads.js';
import { doneSlot, READY } from './trainingLayout.js';

export interface BatchedThreadsOptions {
  /** Polls before a wait sleeps (default BATCHED_SPINS). */
  spins?: number;
  /** The calling thread's share of the first layer's units (default batchedCallerShare(units) for two threads, else 1/threads). */
  callerShare?: number;
  /** The FMA build of the kernels where the runtime has relaxed SIMD (default: yes). */
  fma?: boolean;
  /** The calling thread's CPU clock, ms, for lastEpochCpuMs (NaN without one). */
  cpuMs?: () => number;
  /** How long each worker may take to start before the run falls back to one thread. */
  startTimeoutMs?: number;
}

/**
 * The calling thread's share of a first layer of `units` units on two threads. While the
 * worker runs its units the calling thread also gathers and lists the next batch and
 * updates the layers above; alone, between the hand-overs, it runs the layers above. That
 * work is about O = 14 + 0.052·units ms per epoch of 8,000 MNIST digits against
 * S = 0.26·units ms for all the units, so the threads are even at a share of
 * (S − O)/2S ≈ 0.4 − 27/units. Measured by each thread's CPU time (threadCpuMs, Node 20,
 * load 16–19 on 2 cores) at a share of 0.35: [784, 100, 10] at batch 100 left the calling
 * thread 29 ms against the worker's 18, [784, 300, 10] 57 against 51.
 */
export function batchedCallerShare(units: number): number {
  return Math.max(0, Math.min(0.5, 0.4 - 27 / units));
}

/**
 * Polls before a wait sleeps (signal.ts). A worker waits through the calling thread's
 * work on the layers above, every batch, and a sleep there puts a futex wake-up on the
 * critical path; but polling longer only pays on an idle machine: at load 18 on 2 cores
 * (Node 20), 50,000 polls (about 0.4 ms) instead of 2,000 made a two-thread epoch of
 * [784, 100, 10] at batch 10 take 7 times as long (1,104 ms against 157 ms), the pollers
 * taking the time slices their partners needed.
 */
export const BATCHED_SPINS = DEFAULT_SPINS;

const START_TIMEOUT_MS = 20_000;

/**
 * A float32 batched trainer on `threads` threads for `network` on `data` if it can run
 * here, else the reason it cannot (the caller trains on one thread then): no way to start
 * threads, no SharedArrayBuffer or WebAssembly SIMD, a network without a hidden layer, L2
 * decay (its penalty sums the squares of the whole first layer in an order a split would
 * change), or a worker that did not start.
 */
export function startBatchedThreads(
  network: Network,
  data: Dataset,
  settings: SgdSettings,
  threads: number,
  startWorker: StartTrainingWorker | undefined,
  options: BatchedThreadsOptions = {},
): BatchedThreadsTrainer | string {
  if (startWorker === undefined) return 'no way to start worker threads was given';
  if (typeof SharedArrayBuffer === 'undefined') return 'SharedArrayBuffer is unavailable here';
  if (network.sizes.length < 3) return 'the network has no hidden layer to split between threads';
  if (settings.lambda !== 0) return 'L2 decay (λ > 0) trains on one thread';
  if (data.n === 0) return 'there are no training examples';
  try {
    return BatchedThreadsTrainer.start(network, data, settings, threads, startWorker, options);
  } catch (e) {
    return `worker threads could not start: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/**
 * The float32 batched trainer (BatchedTrainer.ts) on several threads, with the same result
 * bit for bit: the first layer's units (an MNIST network's bulk of work: 784 inputs) are
 * split between the calling thread and threads − 1 workers, each holding its part in a
 * WebAssembly memory of its own (BatchedSlice); the layers above run on the calling
 * thread, as BatchedTrainer runs them. A unit split keeps every sum of the one-thread
 * trainer in its order (see BatchedSlice), so the thread count changes no bit.
 *
 * One batch n, one hand-over each way per worker:
 *   1. the calling thread posts "step" with batch n − 1's δ₁ and batch n's inputs in
 *      shared memory; every thread updates its units with δ₁ and runs batch n through
 *      them; meanwhile the calling thread also gathers and lists batch n + 1;
 *   2. once the workers are done, it gathers σ(z₁) from every part, runs the layers above
 *      forward, the cost and every layer's error down to δ₁, which it hands each part;
 *      the layers above take their updates in step 1 of the next batch, while the
 *      workers run.
 *
 * A hand-over is a counter raised and waited for (signal.ts). From the first epoch to
 * readNetwork the first layer lives in the threads, the layers above in the calling
 * thread's WebAssembly memory.
 */
export class BatchedThreadsTrainer implements EpochTrainer {
  /** The CPU time of each thread (the calling one first) over the last epoch, in ms, by the clocks the threads were given (NaN without). */
  lastEpochCpuMs: number[] = [];
  private seq = 0;
  private loaded = false;
  private networkCurrent = true;
  private closed = false;
  private readonly ctl: Int32Array;
  private readonly own: BatchedSlice;
  private readonly k: DenseBatchedKernels;
  private readonly shared: {
    rowStart: Int32Array[];
    idx: Int32Array[];
    val: Float32Array[];
    activations: Float32Array[];
    errors: Float32Array[];
    weights: Float64Array;
    bias: Float64Array;
    cpu: Float64Array;
  };
  /** Layer l ≥ 1 of the calling thread's memory: act(1) and err(1) are the whole first layer's σ(z₁) and δ₁, gathered from the parts. */
  private readonly w: Float32Array[] = [];
  private readonly b: Float32Array[] = [];
  private readonly act: Float32Array[] = [];
  private readonly err: Float32Array[] = [];
  private readonly widths: number[];
  private readonly order: Int32Array;
  private readonly outZ: Float64Array;
  private readonly outA: Float64Array;
  private readonly outD: Float64Array;
  private readonly targets: Float64Array;
  private readonly cpuMs: () => number;

  private constructor(
    private readonly network: Network,
    private readonly data: Dataset,
    private readonly settings: SgdSettings,
    private readonly workers: TrainingWorkerHandle[],
    buffer: SharedArrayBuffer,
    layout: BatchedLayout,
    private readonly split: [number, number][],
    private readonly spins: number,
    fma: boolean,
    options: BatchedThreadsOptions,
  ) {
    const { sizes } = network;
    const last = sizes.length - 1;
    const nIn = sizes[0];
    const nOut = sizes[last];
    const capacity = Math.max(1, Math.min(settings.batchSize, data.n));
    this.cpuMs = options.cpuMs ?? (() => NaN);
    this.ctl = new Int32Array(buffer, 0, layout.ctlInts);
    this.own = new BatchedSlice(nIn, split[0][0], split[0][1], capacity, fma, true);
    const widths = (this.widths = sizes.map((s, l) => (l === 0 ? s : paddedWidth(s))));
    const parts: [string, 'f32' | 'i32', number][] = [
      ['a1', 'f32', capacity * widths[1]],
      ['e1', 'f32', capacity * widths[1]],
    ];
    for (let l = 2; l <= last; l++) {
      parts.push([`w${l}`, 'f32', widths[l - 1] * widths[l]], [`b${l}`, 'f32', widths[l]]);
      parts.push([`a${l}`, 'f32', capacity * widths[l]], [`e${l}`, 'f32', capacity * widths[l]]);
    }
    const room = layoutDenseBatched(parts);
    const made = instantiateDenseBatched(room.memory, fma);
    if (made === null || made.fma !== fma) throw new Error('the batched kernels do not run here');
    this.k = made.kernels;
    for (let l = 1; l <= last; l++) {
      this.act[l] = room.f32[`a${l}`];
      this.err[l] = room.f32[`e${l}`];
      if (l > 1) {
        this.w[l] = room.f32[`w${l}`];
        this.b[l] = room.f32[`b${l}`];
      }
    }
    const workerWidth = (w: number): number => paddedWidth(split[w + 1][1] - split[w + 1][0]);
    this.shared = {
      rowStart: layout.rowStartAt.map((at) => new Int32Array(buffer, at, capacity + 1)),
      idx: layout.idxAt.map((at) => new Int32Array(buffer, at, capacity * nIn)),
      val: layout.valAt.map((at) => new Float32Array(buffer, at, capacity * nIn)),
      activations: layout.activationsAt.map((at, w) => new Float32Array(buffer, at, capacity * workerWidth(w))),
      errors: layout.errorsAt.map((at, w) => new Float32Array(buffer, at, capacity * workerWidth(w))),
      weights: new Float64Array(buffer, layout.weightsAt, sizes[1] * nIn),
      bias: new Float64Array(buffer, layout.biasAt, sizes[1]),
      cpu: new Float64Array(buffer, layout.cpuAt, workers.length),
    };
    this.order = new Int32Array(data.n);
    this.outZ = new Float64Array(capacity * nOut);
    this.outA = new Float64Array(capacity * nOut);
    this.outD = new Float64Array(capacity * nOut);
    this.targets = new Float64Array(capacity * nOut);
  }

  /** Starts threads − 1 workers for `network` (a hidden layer at least, λ = 0) on `data`; throws if one cannot start. */
  static start(network: Network, data: Dataset, settings: SgdSettings, threads: number, startWorker: StartTrainingWorker, options: BatchedThreadsOptions = {}): BatchedThreadsTrainer {
    const { sizes } = network;
    if (sizes.length < 3 || settings.lambda !== 0 || data.n === 0) throw new Error('the run is of a kind one thread trains');
    checkDataFits(network, data);
    const capacity = Math.max(1, Math.min(settings.batchSize, data.n));
    const spins = options.spins ?? BATCHED_SPINS;
    const fma = (options.fma ?? true) && relaxedSimdAvailable();
    const share = options.callerShare ?? (threads === 2 ? batchedCallerShare(sizes[1]) : 1 / threads);
    const split = batchedUnitSplit(threads, sizes[1], share);
    const layout = batchedLayout(split, sizes, capacity);
    const buffer = new SharedArrayBuffer(layout.bytes);
    const ctl = new Int32Array(buffer, 0, layout.ctlInts);
    const workers: TrainingWorkerHandle[] = [];
    try {
      for (let w = 0; w < threads - 1; w++) {
        const workerData: BatchedWorkerData = { precision: 'float32', buffer, worker: w, split, sizes: [...sizes], capacity, fma, spins };
        workers.push(startWorker(workerData));
      }
      const timeout = options.startTimeoutMs ?? START_TIMEOUT_MS;
      for (let w = 0; w < threads - 1; w++) {
        const state = waitWhileZero(ctl, doneSlot(w), timeout);
        if (state === FAILED) throw new Error(`worker ${w + 1} has no WebAssembly SIMD`);
        if (state !== READY) throw new Error(`worker ${w + 1} did not start within ${timeout / 1000} s`);
      }
      return new BatchedThreadsTrainer(network, data, settings, workers, buffer, layout, split, spins, fma, options);
    } catch (e) {
      for (const w of workers) w.terminate();
      throw e;
    }
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  private post(op: number, prevCount = 0, prevArea = 0, prevDense = false, count = 0, area = 0, dense = false): void {
    const { ctl } = this;
    ctl[BATCHED_CMD.op] = op;
    ctl[BATCHED_CMD.prevCount] = prevCount;
    ctl[BATCHED_CMD.prevArea] = prevArea;
    ctl[BATCHED_CMD.prevDense] = prevDense ? 1 : 0;
    ctl[BATCHED_CMD.count] = count;
    ctl[BATCHED_CMD.area] = area;
    ctl[BATCHED_CMD.dense] = dense ? 1 : 0;
    raise(ctl, BATCHED_CMD.seq, ++this.seq);
  }

  private join(): void {
    for (let w = 0; w < this.workers.length; w++) waitFor(this.ctl, doneSlot(w), this.seq, this.spins);
  }

  /** The network's weights into the threads and the calling thread's memory, as BatchedTrainer loads them. */
  private load(): void {
    const { network, shared, widths } = this;
    const { sizes } = network;
    shared.weights.set(network.weights[0]);
    shared.bias.set(network.biases[0]);
    this.post(BATCHED_OP.load);
    this.own.load(shared.weights, shared.bias);
    for (let l = 2; l < sizes.length; l++) {
      const src = network.weights[l - 1];
      const dst = this.w[l];
      const a = sizes[l - 1];
      const s = widths[l];
      for (let j = 0; j < sizes[l]; j++) for (let i = 0; i < a; i++) dst[i * s + j] = src[j * a + i];
      this.b[l].set(network.biases[l - 1]);
    }
    this.join();
    this.loaded = true;
  }

  /** Gathers the examples order[start … start + count) into input area `area`, lists them, and publishes them to the workers; whether the batch is dense. */
  private gather(start: number, count: number, area: number): boolean {
    const { own, data, order, shared } = this;
    const nIn = data.inputSize;
    const rows = own.rows[area];
    for (let b = 0; b < count; b++) {
      const ex = order[start + b];
      rows.set(data.inputs.subarray(ex * nIn, ex * nIn + nIn), b * nIn);
    }
    const listed = own.kernels.listRows(rows.byteOffset, nIn, count, own.idx[area].byteOffset, own.val[area].byteOffset, own.rowStart[area].byteOffset);
    const dense = listed > SPARSE_MAX_FILL * count * nIn;
    if (this.workers.length > 0) {
      if (dense) shared.val[area].set(rows.subarray(0, count * nIn));
      else {
        shared.rowStart[area].set(own.rowStart[area].subarray(0, count + 1));
        shared.idx[area].set(own.idx[area].subarray(0, listed));
        shared.val[area].set(own.val[area].subarray(0, listed));
      }
    }
    return dense;
  }

  runEpoch(rng: Rng, onBatch?: (examplesDone: number, examplesTotal: number) => void): number {
    if (this.closed) throw new Error('the trainer is closed');
    const { order, data } = this;
    const { batchSize } = this.settings;
    const n = data.n;
    for (let i = 0; i < n; i++) order[i] = i;
    shuffleInPlace(order, rng);
    const cpuAtStart = this.cpuMs();
    if (!this.loaded) this.load();
    this.networkCurrent = false;
    let objectiveSum = 0;
    let batches = 0;
    let prevCount = 0;
    let prevArea = 0;
    let prevDense = false;
    let dense = this.gather(0, Math.min(batchSize, n), 0);
    try {
      for (let start = 0; start < n; start += batchSize) {
        const count = Math.min(batchSize, n - start);
        const area = batches % 2;
        this.post(BATCHED_OP.step, prevCount, prevArea, prevDense, count, area, dense);
        if (prevCount > 0) this.finishPrevious(prevCount, prevArea, prevDense);
        this.own.forward(area, count, dense);
        const next = start + batchSize;
        const nextDense = next < n ? this.gather(next, Math.min(batchSize, n - next), 1 - area) : false;
        this.join();
        objectiveSum += this.upperLayers(start, count);
        prevCount = count;
        prevArea = area;
        prevDense = dense;
        dense = nextDense;
        batches++;
        onBatch?.(start + count, n);
      }
    } finally {
      // The last batch's update (also after a throw, so that the steps taken are whole).
      this.post(BATCHED_OP.step, prevCount, prevArea, prevDense, 0, 0, false);
      if (prevCount > 0) this.finishPrevious(prevCount, prevArea, prevDense);
      this.join();
      this.lastEpochCpuMs = [this.cpuMs() - cpuAtStart, ...this.shared.cpu];
    }
    return objectiveSum / batches;
  }

  /**
   * σ(z₁) gathered from every part, then the layers above as BatchedTrainer's step runs
   * them (forward, the output layer's cost and δ in float64, each layer's error sent
   * down), and δ₁ handed back to the parts; returns the batch objective.
   */
  private upperLayers(start: number, count: number): number {
    const { k, widths, act, err, w, b, network, data, order, outZ, outA, outD, targets, split, own, shared } = this;
    const { sizes, cost } = network;
    const last = sizes.length - 1;
    const nOut = sizes[last];
    const w1 = widths[1];
    const a1 = act[1];
    for (let t = 0; t < split.length; t++) {
      const [u0, u1] = split[t];
      const units = u1 - u0;
      const src = t === 0 ? own.activations : shared.activations[t - 1];
      const s = paddedWidth(units);
      for (let r = 0; r < count; r++) for (let j = 0, from = r * s, to = r * w1 + u0; j < units; j++) a1[to + j] = src[from + j];
    }
    for (let l = 2; l <= last; l++) {
      if (l > 2) k.sigmoid(act[l - 1].byteOffset, act[l - 1].byteOffset, count * widths[l - 1]);
      k.denseForward(act[l - 1].byteOffset, widths[l - 1], count, sizes[l - 1], w[l].byteOffset, widths[l], b[l].byteOffset, act[l].byteOffset);
    }
    const z = act[last];
    const sOut = widths[last];
    for (let r = 0; r < count; r++) {
      for (let j = 0; j < nOut; j++) outZ[r * nOut + j] = z[r * sOut + j];
      targets.fill(0, r * nOut, r * nOut + nOut);
      targets[r * nOut + data.labels[order[start + r]]] = 1;
    }
    let costSum = 0;
    for (let r = 0; r < count; r++) {
      const o = r * nOut;
      cost.activation.apply(outZ, o, nOut, outA);
      costSum += cost.fromLogits(outZ, outA, targets, o, nOut);
      cost.delta(outZ, outA, targets, o, nOut, outD);
    }
    const scale = -this.settings.eta / count;
    const eL = err[last];
    for (let r = 0; r < count; r++) for (let j = 0; j < nOut; j++) eL[r * sOut + j] = scale * outD[r * nOut + j];
    // Every layer's error sent down through its weights before any of them changes: the
    // updates wait for finishPrevious, while the workers run the next batch.
    for (let l = last; l >= 2; l--) k.backInput(err[l].byteOffset, count, w[l].byteOffset, widths[l], widths[l - 1], act[l - 1].byteOffset, err[l - 1].byteOffset);
    const e1 = err[1];
    for (let t = 0; t < split.length; t++) {
      const [u0, u1] = split[t];
      const units = u1 - u0;
      const dst = t === 0 ? own.errors : shared.errors[t - 1];
      const s = paddedWidth(units);
      for (let r = 0; r < count; r++) for (let j = 0, from = r * w1 + u0, to = r * s; j < units; j++) dst[to + j] = e1[from + j];
    }
    return costSum / count;
  }

  /**
   * The calling thread's part of the previous batch's updates, while the workers make
   * theirs: the layers above the first (from the errors and activations upperLayers
   * left), then its own units. Each layer's update reads only its own error and the
   * activations below it, so doing them after every backInput changes nothing.
   */
  private finishPrevious(count: number, area: number, dense: boolean): void {
    const { k, widths, act, err, w, b } = this;
    const sizes = this.network.sizes;
    for (let l = sizes.length - 1; l >= 2; l--) {
      k.denseAddOuter(w[l].byteOffset, widths[l], sizes[l - 1], act[l - 1].byteOffset, widths[l - 1], count, err[l].byteOffset);
      k.addColumnSums(b[l].byteOffset, err[l].byteOffset, count, widths[l]);
    }
    this.own.update(area, count, dense);
  }

  readNetwork(): Network {
    const { network, shared, widths } = this;
    if (this.networkCurrent || this.closed || !this.loaded) return network;
    this.post(BATCHED_OP.save);
    this.own.save(shared.weights, shared.bias);
    const { sizes } = network;
    for (let l = 2; l < sizes.length; l++) {
      const src = this.w[l];
      const dst = network.weights[l - 1];
      const a = sizes[l - 1];
      const s = widths[l];
      for (let j = 0; j < sizes[l]; j++) for (let i = 0; i < a; i++) dst[j * a + i] = src[i * s + j];
      for (let j = 0; j < sizes[l]; j++) network.biases[l - 1][j] = this.b[l][j];
    }
    this.join();
    network.weights[0].set(shared.weights);
    network.biases[0].set(shared.bias);
    this.networkCurrent = true;
    return network;
  }

  close(): Network {
    if (this.closed) return this.network;
    this.readNetwork();
    this.closed = true;
    this.post(BATCHED_OP.exit);
    for (const w of this.workers) w.terminate();
    return this.network;
  }
}

/** The value of slot `index` once it is no longer 0, or 0 after `timeoutMs`. */
function waitWhileZero(ints: Int32Array, index: number, timeoutMs: number): number {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const now = Atomics.load(ints, index);
    if (now !== 0) return now;
    const left = deadline - performance.now();
    if (left <= 0) return 0;
    Atomics.wait(ints, index, 0, left);
  }
}
