import { Worker } from 'node:worker_threads';
import { denseBackwardInput } from '../../src/core/kernels/denseKernels.js';
import { XentError } from '../../src/core/XentError.js';
import { shuffleInPlace } from '../../src/core/random/shuffleInPlace.js';
import { backwardUpdate, batchCost, createWorkspace, forward, type Workspace } from '../../src/nn/backprop.js';
import { gatherBatch, type Batch } from '../../src/nn/Batch.js';
import type { Dataset } from '../../src/nn/Dataset.js';
import type { Network } from '../../src/nn/Network.js';
import type { EpochOptions } from '../../src/nn/trainEpoch.js';
import { checkEta } from '../../src/nn/trainStep.js';
import { HiddenSlice } from './HiddenSlice.js';
import { CMD, doneSlot, mnistLayout, OP, unitRange, type MnistLayout, type MnistWorkerData } from './mnistControl.js';
import { DEFAULT_SPINS, raise, waitFor } from './signal.js';

export interface MnistThreadsOptions {
  /** Threads in all, the calling one included (≥ 1). */
  threads: number;
  /** The largest batch an epoch will use. */
  capacity: number;
  /** Polls before a wait sleeps (signal.ts). */
  spins?: number;
  /** The compiled mnistWorker.js (default: beside this file). */
  workerUrl?: URL;
}

/**
 * src/nn's trainEpoch on several threads, with the same result bit for bit: the units of
 * the first layer (the bulk of the work of an MNIST network: 784 inputs) are split
 * between the calling thread and threads − 1 workers (HiddenSlice), and the rest of the
 * network runs on the calling thread with src/nn's own forward, batchCost and
 * backwardUpdate.
 *
 * One batch: the calling thread gathers it into shared memory (alternating between two
 * buffers) and posts one command; then every thread updates its units with the previous
 * batch's deltas and runs the new batch forward through them, writing σ(z) into its
 * columns of the shared activations. After one wait for the workers, the calling thread
 * runs the layers above (updating their weights) and writes the first layer's deltas
 * δ₁ = (δ₂·W₂) ⊙ σ'(z₁), with W₂ as it was before its update, as src/nn does. So a
 * batch costs one signal each way per worker, and the first layer's update of batch n
 * overlaps nothing but is folded into the command of batch n + 1.
 *
 * The epoch blocks the calling thread (Atomics.wait) until it is done. L2 decay (λ > 0)
 * is not supported: its penalty sums the squares of the whole layer in an order a split
 * would change.
 */
export class MnistThreads {
  private seq = 0;
  private readonly ctl: Int32Array;
  private readonly f64: Float64Array;
  private readonly inputs: Float64Array[];
  private readonly activations: Float64Array;
  private readonly deltas: Float64Array;
  private readonly stagedWeights: Float64Array;
  private readonly stagedBias: Float64Array;
  private readonly own: HiddenSlice;
  private readonly batches: Batch[];
  /** The same batches as the layers above the first see them: the activations as inputs. */
  private readonly upperBatches: Batch[];
  private readonly upperWs: Workspace;
  /** W₂ before its update, for δ₁. */
  private readonly upperWeightsBefore: Float64Array;

  private constructor(
    readonly sizes: readonly number[],
    readonly capacity: number,
    private readonly workers: Worker[],
    private readonly layout: MnistLayout,
    buffer: SharedArrayBuffer,
    private readonly spins: number,
  ) {
    const [nIn, units] = sizes;
    const classes = sizes[sizes.length - 1];
    this.ctl = new Int32Array(buffer, 0, layout.ctlInts);
    this.f64 = new Float64Array(buffer);
    const view = (at: number, n: number): Float64Array => this.f64.subarray(at, at + n);
    this.inputs = layout.inputsAt.map((at) => view(at, capacity * nIn));
    this.activations = view(layout.activationsAt, capacity * units);
    this.deltas = view(layout.deltasAt, capacity * units);
    this.stagedWeights = view(layout.weightsAt, units * nIn);
    this.stagedBias = view(layout.biasAt, units);
    const [u0, u1] = unitRange(0, workers.length + 1, units);
    this.own = new HiddenSlice(nIn, units, u0, u1, capacity);
    this.batches = this.inputs.map((inputs) => ({ count: 0, capacity, inputSize: nIn, classes, inputs, targets: new Float64Array(capacity * classes) }));
    this.upperBatches = this.batches.map((b) => ({ count: 0, capacity, inputSize: units, classes, inputs: this.activations, targets: b.targets }));
    this.upperWs = createWorkspace(sizes.slice(1), capacity);
    this.upperWeightsBefore = new Float64Array(sizes[2] * units);
  }

  /** Starts threads − 1 workers for networks of `sizes` (at least one hidden layer). */
  static async start(sizes: readonly number[], options: MnistThreadsOptions): Promise<MnistThreads> {
    const { threads, capacity } = options;
    if (sizes.length < 3) throw new XentError('MnistThreads splits a hidden layer: the network needs one', { field: 'sizes' });
    if (!(Number.isInteger(threads) && threads >= 1)) throw new XentError(`threads ${threads} must be a positive integer`, { field: 'threads' });
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new XentError(`capacity ${capacity} must be a positive integer`, { field: 'capacity' });
    const [nIn, units] = sizes;
    const spins = options.spins ?? DEFAULT_SPINS;
    const layout = mnistLayout(threads - 1, nIn, units, capacity);
    const buffer = new SharedArrayBuffer(layout.bytes);
    const url = options.workerUrl ?? new URL('./mnistWorker.js', import.meta.url);
    const workers: Worker[] = [];
    try {
      for (let w = 0; w < threads - 1; w++) {
        const workerData: MnistWorkerData = { buffer, worker: w, workers: threads - 1, nIn, units, capacity, spins };
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
    return new MnistThreads([...sizes], capacity, workers, layout, buffer, spins);
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  /** Posts a command to every worker. */
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
    if (network.sizes.length !== sizes.length || network.sizes.some((s, l) => s !== sizes[l])) {
      throw new XentError(`the network is [${network.sizes.join(', ')}], these threads train [${sizes.join(', ')}]`, { field: 'network' });
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

    const units = sizes[1];
    const upper: Network = { sizes: sizes.slice(1), cost: network.cost, weights: network.weights.slice(1), biases: network.biases.slice(1) };
    this.stagedWeights.set(network.weights[0]);
    this.stagedBias.set(network.biases[0]);
    this.post(OP.load);
    this.own.load(this.stagedWeights, this.stagedBias);
    this.join();

    const { activations, deltas, f64, layout } = this;
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
        if (prevCount > 0) this.own.backward(deltas, this.inputs[prevBuffer], prevCount, f64[layout.scaleAt]);
        this.own.forward(this.inputs[k], count, activations);
        this.join();

        const top = this.upperBatches[k];
        top.count = count;
        forward(upper, activations, count, this.upperWs);
        objectiveSum += batchCost(upper, top, this.upperWs) / count;
        this.upperWeightsBefore.set(upper.weights[0]);
        backwardUpdate(upper, top, this.upperWs, eta / count);
        denseBackwardInput(this.upperWs.deltas[1], this.upperWeightsBefore, count, units, sizes[2], deltas);
        for (let i = 0, m = count * units; i < m; i++) deltas[i] *= activations[i] * (1 - activations[i]);
        // The first layer's update, −(η/B)·δ₁xᵀ, goes with the next command.
        f64[layout.scaleAt] = -(eta / count);
        prevCount = count;
        prevBuffer = k;
        batches++;
        options.onBatch?.(start + count, n);
      }
    } finally {
      // The last batch's first-layer update, then the weights back into the network
      // (also after a throw, so that the network holds the steps that were taken).
      this.post(OP.step, prevCount, prevBuffer, 0, 0);
      if (prevCount > 0) this.own.backward(deltas, this.inputs[prevBuffer], prevCount, f64[layout.scaleAt]);
      this.join();
      this.post(OP.save);
      this.own.save(this.stagedWeights, this.stagedBias);
      this.join();
      network.weights[0].set(this.stagedWeights);
      network.biases[0].set(this.stagedBias);
    }
    return objectiveSum / batches;
  }

  async stop(): Promise<void> {
    this.post(OP.exit);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
