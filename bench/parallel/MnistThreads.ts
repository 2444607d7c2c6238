import { Worker } from 'node:worker_threads';
import { createDenseScratch, denseBackwardInput, denseBackwardParams, type DenseScratch } from '../../src/core/kernels/denseKernels.js';
import { XentError } from '../../src/core/XentError.js';
import { shuffleInPlace } from '../../src/core/random/shuffleInPlace.js';
import { backwardUpdate, batchCost, createWorkspace, forward, type Workspace } from '../../src/nn/backprop.js';
import { gatherBatch, type Batch } from '../../src/nn/Batch.js';
import type { Dataset } from '../../src/nn/Dataset.js';
import type { Network } from '../../src/nn/Network.js';
import { costs, type CostName } from '../../src/nn/Cost.js';
import type { EpochOptions } from '../../src/nn/trainEpoch.js';
import { checkEta } from '../../src/nn/trainStep.js';
import { HiddenSlice } from './HiddenSlice.js';
import { CMD, doneSlot, mnistLayout, OP, partRange, SCALE_BYTE, unitSplit, type MnistWorkerData } from './mnistControl.js';
import { OutputRows } from './OutputRows.js';
import { DEFAULT_SPINS, raise, waitFor } from './signal.js';
import { threadCpuMs } from './threadCpu.js';

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

export interface MnistThreadsOptions {
  /** Threads in all, the calling one included (≥ 1). */
  threads: number;
  /** The largest batch an epoch will use. */
  capacity: number;
  /** Polls before a wait sleeps (signal.ts). */
  spins?: number;
  /** The calling thread's share of the first layer's units (default CALLER_SHARE[threads]). */
  callerShare?: number;
  /** The compiled mnistWorker.js (default: beside this file). */
  workerUrl?: URL;
}

/**
 * src/nn's trainEpoch on several threads, with the same result bit for bit. The units of
 * the first layer (the bulk of an MNIST network's work: 784 inputs) are split between the
 * calling thread and threads − 1 workers (HiddenSlice); for a network with one hidden
 * layer, the output layer's per-example work is split between them by examples
 * (OutputRows), and the calling thread updates the output layer's weights alone. A
 * deeper network runs the layers above the first on the calling thread with src/nn's own
 * forward, batchCost and backwardUpdate.
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
 * The epoch blocks the calling thread (Atomics.wait) until it is done. L2 decay (λ > 0)
 * is not supported: its penalty sums the squares of the whole layer in an order a split
 * would change.
 */
export class MnistThreads {
  private seq = 0;
  /**
   * The CPU time of each thread (the calling one first) over the last epoch, in ms
   * (threadCpu.ts; NaN off Linux). It includes the polls of the hand-overs (signal.ts),
   * up to about 15 µs per wait.
   */
  lastEpochCpuMs: number[] = [];
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

  private constructor(
    readonly sizes: readonly number[],
    readonly capacity: number,
    private readonly workers: Worker[],
    buffer: SharedArrayBuffer,
    private readonly costName: string,
    private readonly spins: number,
    ownUnits: [number, number],
  ) {
    const [nIn, units, next] = sizes;
    const classes = sizes[sizes.length - 1];
    const layout = mnistLayout(workers.length, sizes, capacity);
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
      const cost = costs[costName as CostName];
      this.output = new OutputRows(cost, units, classes, view(layout.outZAt, capacity * classes), view(layout.outAAt, capacity * classes), this.outDelta, this.costs, this.outWeights, this.outBias);
    }
  }

  /** Starts threads − 1 workers for networks of `sizes` (at least one hidden layer) and `cost`. */
  static async start(sizes: readonly number[], cost: CostName, options: MnistThreadsOptions): Promise<MnistThreads> {
    const { threads, capacity } = options;
    if (sizes.length < 3) throw new XentError('MnistThreads splits a hidden layer: the network needs one', { field: 'sizes' });
    if (!(Number.isInteger(threads) && threads >= 1)) throw new XentError(`threads ${threads} must be a positive integer`, { field: 'threads' });
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new XentError(`capacity ${capacity} must be a positive integer`, { field: 'capacity' });
    if (!Object.hasOwn(costs, cost)) throw new XentError(`unknown cost '${cost}'`, { field: 'cost' });
    const spins = options.spins ?? DEFAULT_SPINS;
    const buffer = new SharedArrayBuffer(mnistLayout(threads - 1, sizes, capacity).bytes);
    const url = options.workerUrl ?? new URL('./mnistWorker.js', import.meta.url);
    const split = unitSplit(threads, sizes[1], options.callerShare ?? callerShare(threads));
    const workers: Worker[] = [];
    try {
      for (let w = 0; w < threads - 1; w++) {
        const workerData: MnistWorkerData = { buffer, worker: w, workers: threads - 1, sizes: [...sizes], capacity, cost, spins, unitRange: split[w + 1] };
        const worker = new Worker(url, { workerData });
        workers.push(worker);
        await new Promise<void>((resolve, reject) => {
          worker.once('message', () => resolve());
          worker.once('error', reject);
        });
      }
    } catch (e) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw e;
    }
    return new MnistThreads([...sizes], capacity, workers, buffer, cost, spins, split[0]);
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

  /**
   * One epoch of SGD over `data`, in place, as src/nn's trainEpoch(network, data, options)
   * does it (the same shuffle, the same steps, the same weights bit for bit); returns the
   * mean of the batch objectives.
   */
  trainEpoch(network: Network, data: Dataset, options: EpochOptions): number {
    const { sizes } = this;
    const { batchSize } = options;
    if (network.sizes.length !== sizes.length || network.sizes.some((s, l) => s !== sizes[l]) || network.cost.name !== this.costName) {
      throw new XentError(`the network is [${network.sizes.join(', ')}] (${network.cost.name}), these threads train [${sizes.join(', ')}] (${this.costName})`, { field: 'network' });
    }
    if (!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= this.capacity)) {
      throw new XentError(`batch size ${batchSize} must be an integer in [1, ${this.capacity}]`, { field: 'batchSize' });
    }
    if ((options.lambda ?? 0) !== 0) throw new XentError('MnistThreads does not do L2 decay (λ must be 0)', { field: 'lambda' });
    if (data.inputSize !== sizes[0] || data.classes !== sizes[sizes.length - 1]) {
      throw new XentError(`the data (${data.inputSize} inputs, ${data.classes} classes) do not fit [${sizes.join(', ')}]`, { field: 'data' });
    }
    const eta = checkEta(options.eta);
    const n = data.n;
    const order = Int32Array.from({ length: n }, (_, i) => i);
    shuffleInPlace(order, options.rng);
    if (n === 0) return NaN; // as trainEpoch: 0 / 0 batches

    this.stagedWeights.set(network.weights[0]);
    this.stagedBias.set(network.biases[0]);
    this.outWeights.set(network.weights[1]);
    this.outBias.set(network.biases[1]);
    const cpuAtLoad = threadCpuMs();
    this.post(OP.load);
    this.own.load(this.stagedWeights, this.stagedBias);
    this.join();
    // While the epoch runs, the layers above the first are trained in place: the output
    // layer of a one-hidden-layer network in its shared copy, deeper ones in the network.
    const upper: Network = {
      sizes: sizes.slice(1),
      cost: network.cost,
      weights: this.output === null ? network.weights.slice(1) : [this.outWeights],
      biases: this.output === null ? network.biases.slice(1) : [this.outBias],
    };

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
        objectiveSum += this.output === null ? this.upperLayers(upper, k, count, eta) : this.outputLayer(k, count);
        this.scale[0] = -(eta / count);
        prevCount = count;
        prevBuffer = k;
        batches++;
        options.onBatch?.(start + count, n);
      }
    } finally {
      // The last batch's updates, then the weights back into the network (also after a
      // throw, so that the network holds the steps that were taken).
      this.post(OP.step, prevCount, prevBuffer, 0, 0);
      if (prevCount > 0) this.finishPrevious(prevCount, prevBuffer);
      this.join();
      this.post(OP.save);
      this.own.save(this.stagedWeights, this.stagedBias);
      this.join();
      this.lastEpochCpuMs = [threadCpuMs() - cpuAtLoad, ...this.workerCpu];
      network.weights[0].set(this.stagedWeights);
      network.biases[0].set(this.stagedBias);
      if (this.output !== null) {
        network.weights[1].set(this.outWeights);
        network.biases[1].set(this.outBias);
      }
    }
    return objectiveSum / batches;
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
  private upperLayers(upper: Network, k: number, count: number, eta: number): number {
    const { sizes, deltas } = this;
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

  async stop(): Promise<void> {
    this.post(OP.exit);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
