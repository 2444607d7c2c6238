import { createDenseScratch, denseBackwardInput, denseBackwardParams, type DenseScratch } from '../../core/kernels/denseKernels.js';
import type { Rng } from '../../core/random/createRng.js';
import { XentError } from '../../core/XentError.js';
import { shuffleInPlace } from '../../core/random/shuffleInPlace.js';
import { batchCost, backwardUpdate, createWorkspace, forward, type Workspace } from '../backprop.js';
import { gatherBatch, type Batch } from '../Batch.js';
import type { Dataset } from '../Dataset.js';
import type { EpochTrainer } from '../EpochTrainer.js';
import { checkDataFits } from '../gradient.js';
import type { Network } from '../Network.js';
import type { SgdSettings } from '../trainingSettings.js';
import { HiddenSlice } from './HiddenSlice.js';
import { OutputRows } from './OutputRows.js';
import { DEFAULT_SPINS, raise, waitFor, waitWithin } from './signal.js';
import { CMD, doneSlot, OP, partRange, READY, SCALE_BYTE, trainingLayout, unitSplit, type TrainingWorkerData } from './trainingLayout.js';

/** A started worker thread, as its starter hands it back. */
export interface TrainingWorkerHandle {
  /** Ends the thread at once (it also ends by itself when the trainer closes). */
  terminate(): void;
}

/**
 * Starts one worker thread that calls runTrainingWorker(data) with the data it is given
 * (structured-cloneable, with a SharedArrayBuffer). Throws if it cannot. Node's is
 * src/threads/startNodeTrainingWorker.ts (worker_threads); a browser's would post `data`
 * to a module Web Worker. The trainer waits, blocking, until each worker has begun, so a
 * runtime whose workers start only once the caller yields cannot use this one way.
 */
export type StartTrainingWorker = (data: TrainingWorkerData) => TrainingWorkerHandle;

export interface ThreadedTrainerOptions {
  /** Polls before a wait sleeps (signal.ts). */
  spins?: number;
  /** The calling thread's share of the first layer's units (default callerShare(threads)). */
  callerShare?: number;
  /** The calling thread's CPU clock, ms, for lastEpochCpuMs (NaN without one). */
  cpuMs?: () => number;
  /** How long each worker may take to start before the run falls back to one thread. */
  startTimeoutMs?: number;
}

const START_TIMEOUT_MS = 20_000;

/**
 * The calling thread's default share of the first layer's units, below 1/threads by the
 * work it does alone (gathering, W₂'s update, the hand-overs). Measured by each thread's
 * CPU time over an epoch (/proc/thread-self/schedstat, no polling, [784, 100, 10], batch
 * 100, 2 threads, load ≈ 8): a share of 0.5 left the calling thread 96 ms against the
 * worker's 74 ms, 0.28 gave 82 against 86.
 */
export function callerShare(threads: number): number {
  return threads === 1 ? 1 : 0.7 / threads;
}

/**
 * A ThreadedTrainer for `network` on `data` if `threads` threads can run here, else the
 * reason they cannot (the caller trains on one thread then). Runs of a kind the split
 * does not do are such reasons too: a network without a hidden layer, and L2 decay (its
 * penalty sums the squares of the whole first layer in an order a split would change).
 */
export function startThreadedTrainer(
  network: Network,
  data: Dataset,
  settings: SgdSettings,
  threads: number,
  startWorker: StartTrainingWorker | undefined,
  options: ThreadedTrainerOptions = {},
): ThreadedTrainer | string {
  if (startWorker === undefined) return 'no way to start worker threads was given';
  if (typeof SharedArrayBuffer === 'undefined') return 'SharedArrayBuffer is unavailable here';
  const unsupported = splitUnsupported(network, data, settings);
  if (unsupported !== undefined) return unsupported;
  try {
    return ThreadedTrainer.start(network, data, settings, threads, startWorker, options);
  } catch (e) {
    return `worker threads could not start: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Why the units of `network` cannot be split for this run, or undefined if they can. */
function splitUnsupported(network: Network, data: Dataset, settings: SgdSettings): string | undefined {
  if (network.sizes.length < 3) return 'the network has no hidden layer to split between threads';
  if (settings.lambda !== 0) return 'L2 decay (λ > 0) trains on one thread';
  if (data.n === 0) return 'there are no training examples';
  return undefined;
}

/**
 * The one-thread trainer's epochs (EpochTrainer.ts) on several threads, with the same
 * result bit for bit. The units of the first layer (the bulk of an MNIST network's work:
 * 784 inputs) are split between the calling thread and threads − 1 workers
 * (HiddenSlice); for a network with one hidden layer, the output layer's per-example
 * work is split between them by examples (OutputRows), and the calling thread updates the
 * output layer's weights alone. A deeper network runs the layers above the first on the
 * calling thread with src/nn's own forward, batchCost and backwardUpdate.
 *
 * One batch n, with one hidden layer (two hand-overs each way per worker):
 *   1. the calling thread gathers batch n into shared memory (two buffers alternate) and
 *      posts "step": every thread updates its first-layer units with batch n − 1's δ₁
 *      and runs batch n forward through them, writing σ(z₁) into its columns of the
 *      shared activations; meanwhile the calling thread also updates W₂ with batch
 *      n − 1's δ₂ (so it gets fewer of the units: callerShare);
 *   2. after the workers are done, it posts "output": every thread runs the output layer
 *      for its examples of batch n, down to δ₁.
 * A hand-over is a counter raised and waited for on shared memory (signal.ts).
 *
 * From the first epoch to readNetwork, the first layer lives in the threads and the
 * output layer of a one-hidden-layer network in shared memory. An epoch blocks the
 * calling thread (Atomics.wait) until it is done.
 */
export class ThreadedTrainer implements EpochTrainer {
  private seq = 0;
  /**
   * The CPU time of each thread (the calling one first) over the last epoch, in ms, by
   * the clocks the threads were given (NaN without). It includes the polls of the
   * hand-overs (signal.ts), up to about 15 µs per wait.
   */
  lastEpochCpuMs: number[] = [];
  private loaded = false;
  private networkCurrent = true;
  private closed = false;
  private readonly sizes: readonly number[];
  private readonly capacity: number;
  private readonly workerCpu: Float64Array;
  private readonly ctl: Int32Array;
  private readonly scale: Float64Array;
  private readonly inputs: Float64Array[];
  private readonly batches: Batch[];
  private readonly activations: Float64Array[];
  private readonly deltas: Float64Array;
  private readonly stagedWeights: Float64Array;
  private readonly stagedBias: Float64Array;
  private readonly own: HiddenSlice;
  /** One hidden layer: the output layer's rows, its shared weights, δ₂ and the costs. */
  private readonly output: OutputRows | null = null;
  private readonly outWeights: Float64Array;
  private readonly outBias: Float64Array;
  private readonly outDelta: Float64Array;
  private readonly costs: Float64Array;
  private readonly outScratch: DenseScratch = createDenseScratch();
  /** Deeper networks: the batches as the layers above the first see them (the activations as inputs). */
  private readonly upperBatches: Batch[];
  private readonly upperWs: Workspace;
  /** W₂ before its update, for δ₁. */
  private readonly upperWeightsBefore: Float64Array;
  /** The layers above the first while an epoch runs: the output layer of a one-hidden-layer network in its shared copy, deeper ones in the network. */
  private readonly upper: Network;
  private readonly order: Int32Array;
  private readonly cpuMs: () => number;

  private constructor(
    private readonly network: Network,
    private readonly data: Dataset,
    private readonly settings: SgdSettings,
    private readonly workers: TrainingWorkerHandle[],
    buffer: SharedArrayBuffer,
    private readonly spins: number,
    ownUnits: [number, number],
    options: ThreadedTrainerOptions,
  ) {
    const sizes = (this.sizes = network.sizes);
    const capacity = (this.capacity = Math.min(settings.batchSize, data.n));
    const [nIn, units, next] = sizes;
    const classes = sizes[sizes.length - 1];
    const layout = trainingLayout(workers.length, sizes, capacity);
    this.cpuMs = options.cpuMs ?? (() => NaN);
    this.order = new Int32Array(data.n);
    this.ctl = new Int32Array(buffer, 0, layout.ctlInts);
    this.scale = new Float64Array(buffer, SCALE_BYTE, 1);
    const f64 = new Float64Array(buffer);
    const view = (at: number, n: number): Float64Array => f64.subarray(at, at + n);
    this.workerCpu = view(layout.cpuAt, workers.length);
    this.inputs = layout.inputsAt.map((at) => view(at, capacity * nIn));
    this.batches = this.inputs.map((inputs, k) => ({ count: 0, capacity, inputSize: nIn, classes, inputs, targets: view(layout.targetsAt[k], capacity * classes) }));
    this.activations = layout.activationsAt.map((at) => view(at, capacity * units));
    this.deltas = view(layout.deltasAt, capacity * units);
    this.stagedWeights = view(layout.weightsAt, units * nIn);
    this.stagedBias = view(layout.biasAt, units);
    this.outWeights = view(layout.outWeightsAt, next * units);
    this.outBias = view(layout.outBiasAt, next);
    this.outDelta = view(layout.outDeltaAt, capacity * classes);
    this.costs = view(layout.costsAt, capacity);
    this.own = new HiddenSlice(nIn, units, ownUnits[0], ownUnits[1], capacity);
    this.upperBatches = this.batches.map((b, k) => ({ count: 0, capacity, inputSize: units, classes, inputs: this.activations[k], targets: b.targets }));
    this.upperWs = createWorkspace(sizes.slice(1), capacity);
    this.upperWeightsBefore = new Float64Array(next * units);
    if (sizes.length === 3) {
      this.output = new OutputRows(network.cost, units, classes, view(layout.outZAt, capacity * classes), view(layout.outAAt, capacity * classes), this.outDelta, this.costs, this.outWeights, this.outBias);
    }
    this.upper = {
      sizes: sizes.slice(1),
      cost: network.cost,
      weights: this.output === null ? network.weights.slice(1) : [this.outWeights],
      biases: this.output === null ? network.biases.slice(1) : [this.outBias],
    };
  }

  /** Starts threads − 1 workers for `network` (at least one hidden layer, λ = 0) on `data` (at least one example); throws if one cannot start. */
  static start(network: Network, data: Dataset, settings: SgdSettings, threads: number, startWorker: StartTrainingWorker, options: ThreadedTrainerOptions = {}): ThreadedTrainer {
    const { sizes } = network;
    const unsupported = splitUnsupported(network, data, settings);
    if (unsupported !== undefined) throw new XentError(unsupported, { field: 'threads' });
    checkDataFits(network, data);
    const capacity = Math.min(settings.batchSize, data.n);
    const spins = options.spins ?? DEFAULT_SPINS;
    const layout = trainingLayout(threads - 1, sizes, capacity);
    const buffer = new SharedArrayBuffer(layout.bytes);
    const ctl = new Int32Array(buffer, 0, layout.ctlInts);
    const split = unitSplit(threads, sizes[1], options.callerShare ?? callerShare(threads));
    const workers: TrainingWorkerHandle[] = [];
    try {
      for (let w = 0; w < threads - 1; w++) {
        const workerData: TrainingWorkerData = { buffer, worker: w, workers: threads - 1, sizes: [...sizes], capacity, cost: network.cost.name, spins, unitRange: split[w + 1] };
        workers.push(startWorker(workerData));
      }
      const timeout = options.startTimeoutMs ?? START_TIMEOUT_MS;
      for (let w = 0; w < threads - 1; w++) {
        if (!waitWithin(ctl, doneSlot(w), READY, timeout)) throw new Error(`worker ${w + 1} did not start within ${timeout / 1000} s`);
      }
    } catch (e) {
      for (const w of workers) w.terminate();
      throw e;
    }
    return new ThreadedTrainer(network, data, settings, workers, buffer, spins, split[0], options);
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  /** Posts a command to every worker (each has done the one before: see join). */
  private post(op: number, prevCount = 0, prevBuffer = 0, count = 0, buffer = 0): void {
    const { ctl } = this;
    ctl[CMD.op] = op;
    ctl[CMD.prevCount] = prevCount;
    ctl[CMD.prevBuffer] = prevBuffer;
    ctl[CMD.count] = count;
    ctl[CMD.buffer] = buffer;
    raise(ctl, CMD.seq, ++this.seq);
  }

  /** Waits until every worker has done the last command. */
  private join(): void {
    for (let w = 0; w < this.workers.length; w++) waitFor(this.ctl, doneSlot(w), this.seq, this.spins);
  }

  /** The network's weights into the threads and the shared output layer, before the first epoch. */
  private load(): void {
    const { network } = this;
    this.stagedWeights.set(network.weights[0]);
    this.stagedBias.set(network.biases[0]);
    this.outWeights.set(network.weights[1]);
    this.outBias.set(network.biases[1]);
    this.post(OP.load);
    this.own.load(this.stagedWeights, this.stagedBias);
    this.join();
    this.loaded = true;
  }

  runEpoch(rng: Rng, onBatch?: (examplesDone: number, examplesTotal: number) => void): number {
    if (this.closed) throw new Error('the trainer is closed');
    const { order, data } = this;
    const { batchSize, eta } = this.settings;
    const n = data.n;
    for (let i = 0; i < n; i++) order[i] = i;
    shuffleInPlace(order, rng);
    const cpuAtStart = this.cpuMs();
    if (!this.loaded) this.load();
    this.networkCurrent = false;
    let objectiveSum = 0;
    let batches = 0;
    let prevCount = 0;
    let prevBuffer = 0;
    try {
      for (let start = 0; start < n; start += batchSize) {
        const count = Math.min(batchSize, n - start);
        const k = batches % 2;
        gatherBatch(data, order, start, count, this.batches[k]);
        this.post(OP.step, prevCount, prevBuffer, count, k);
        if (prevCount > 0) this.finishPrevious(prevCount, prevBuffer);
        this.own.forward(this.inputs[k], count, this.activations[k]);
        this.join();
        objectiveSum += this.output === null ? this.upperLayers(k, count, eta) : this.outputLayer(k, count);
        this.scale[0] = -(eta / count);
        prevCount = count;
        prevBuffer = k;
        batches++;
        onBatch?.(start + count, n);
      }
    } finally {
      // The last batch's updates (also after a throw, so that the steps taken are whole).
      this.post(OP.step, prevCount, prevBuffer, 0, 0);
      if (prevCount > 0) this.finishPrevious(prevCount, prevBuffer);
      this.join();
      this.lastEpochCpuMs = [this.cpuMs() - cpuAtStart, ...this.workerCpu];
    }
    return objectiveSum / batches;
  }

  readNetwork(): Network {
    const { network } = this;
    if (this.networkCurrent || this.closed) return network;
    this.post(OP.save);
    this.own.save(this.stagedWeights, this.stagedBias);
    this.join();
    network.weights[0].set(this.stagedWeights);
    network.biases[0].set(this.stagedBias);
    if (this.output !== null) {
      network.weights[1].set(this.outWeights);
      network.biases[1].set(this.outBias);
    }
    this.networkCurrent = true;
    return network;
  }

  close(): Network {
    if (this.closed) return this.network;
    this.readNetwork();
    this.closed = true;
    this.post(OP.exit);
    for (const w of this.workers) w.terminate();
    return this.network;
  }

  /** The calling thread's part of the previous batch's updates: W₂ (one hidden layer), then its first-layer units. */
  private finishPrevious(count: number, buffer: number): void {
    const [units, classes] = [this.sizes[1], this.sizes[2]];
    if (this.output !== null) {
      denseBackwardParams(this.outDelta, this.activations[buffer], count, units, classes, this.outWeights, this.outBias, this.outScratch, this.scale[0]);
    }
    this.own.backward(this.deltas, this.inputs[buffer], count, this.scale[0]);
  }

  /** One hidden layer: the output layer's rows on every thread; returns the batch objective. */
  private outputLayer(k: number, count: number): number {
    const { activations, batches, deltas, costs } = this;
    this.post(OP.output, 0, 0, count, k);
    const [b0, b1] = partRange(0, this.threads, count);
    this.output!.run(b0, b1, activations[k], batches[k].targets, deltas);
    this.join();
    let sum = 0;
    for (let b = 0; b < count; b++) sum += costs[b];
    return sum / count;
  }

  /** Deeper networks: the layers above the first, updated in place by src/nn, then δ₁; returns the batch objective. */
  private upperLayers(k: number, count: number, eta: number): number {
    const { sizes, deltas, upper } = this;
    const activations = this.activations[k];
    const top = this.upperBatches[k];
    top.count = count;
    forward(upper, activations, count, this.upperWs);
    const objective = batchCost(upper, top, this.upperWs) / count;
    this.upperWeightsBefore.set(upper.weights[0]);
    backwardUpdate(upper, top, this.upperWs, eta / count);
    denseBackwardInput(this.upperWs.deltas[1], this.upperWeightsBefore, count, sizes[1], sizes[2], deltas);
    for (let i = 0, m = count * sizes[1]; i < m; i++) deltas[i] *= activations[i] * (1 - activations[i]);
    return objective;
  }
}
