import type { BatchedWorkerData } from './batchedLayout.js';
import { SLOT_STRIDE } from './signal.js';

/**
 * The shared memory of ThreadedTrainer (TrainingThreads.ts): one SharedArrayBuffer, laid out by trainingLayout from
 * the network's shape, which the main thread and every worker compute alike.
 *
 * Int32 control block: slot 0 is the command counter (the main thread raises it once per
 * command, and only after every worker has done the one before); the command and its
 * arguments follow it on the same cache line; worker w raises its own counter at slot
 * SLOT_STRIDE·(w + 1) when it has done the command. Then, as Float64, each in two
 * buffers that alternate from batch to batch (a batch is gathered into one while the
 * threads may still read the other): the batch's inputs and one-hot targets and the first
 * layer's activations (capacity × units, row-major, each thread writes its own columns).
 * Then single: the first layer's deltas, the output layer's z, a, δ and the examples'
 * costs, the output layer's weights and biases (while an epoch runs, the network's
 * output layer lives here), a staging copy of the first layer's weights and biases for
 * loading and saving, and each worker's CPU time over the last epoch.
 */
export const CMD = { seq: 0, op: 1, prevCount: 2, prevBuffer: 3, count: 4, buffer: 5 } as const;
/** The byte offset of the command's Float64 argument (−η/B of the previous batch), on slot 0's cache line after the Int32 arguments. */
export const SCALE_BYTE = 32;
export const OP = { load: 1, step: 2, output: 3, save: 4, exit: 5 } as const;
/** What a worker raises its "done" counter to once it has started (commands count from 1). */
export const READY = -1;

export interface TrainingLayout {
  bytes: number;
  ctlInts: number;
  inputsAt: number[];
  targetsAt: number[];
  activationsAt: number[];
  deltasAt: number;
  outZAt: number;
  outAAt: number;
  outDeltaAt: number;
  costsAt: number;
  outWeightsAt: number;
  outBiasAt: number;
  weightsAt: number;
  biasAt: number;
  /** Each worker's CPU time over the last epoch, ms (by the clock the worker was given; NaN without one). */
  cpuAt: number;
}

/** The layout for `workers` workers and a network of `sizes` trained on batches of up to `capacity`. */
export function trainingLayout(workers: number, sizes: readonly number[], capacity: number): TrainingLayout {
  const [nIn, units, next] = sizes;
  const classes = sizes[sizes.length - 1];
  const ctlInts = SLOT_STRIDE * (workers + 1);
  let at = ctlInts / 2; // in Float64 elements
  const take = (n: number): number => {
    const start = at;
    at += n;
    return start;
  };
  const twice = (n: number): number[] => [take(n), take(n)];
  const inputsAt = twice(capacity * nIn);
  const targetsAt = twice(capacity * classes);
  const activationsAt = twice(capacity * units);
  const deltasAt = take(capacity * units);
  const outZAt = take(capacity * classes);
  const outAAt = take(capacity * classes);
  const outDeltaAt = take(capacity * classes);
  const costsAt = take(capacity);
  const outWeightsAt = take(next * units);
  const outBiasAt = take(next);
  const weightsAt = take(units * nIn);
  const biasAt = take(units);
  const cpuAt = take(workers);
  return { bytes: at * 8, ctlInts, inputsAt, targetsAt, activationsAt, deltasAt, outZAt, outAAt, outDeltaAt, costsAt, outWeightsAt, outBiasAt, weightsAt, biasAt, cpuAt };
}

/** Worker w's "done" counter. */
export function doneSlot(w: number): number {
  return SLOT_STRIDE * (w + 1);
}

/** The part [i0, i1) of thread t of `threads` (thread 0 is the main thread) in `n` units or examples. */
export function partRange(t: number, threads: number, n: number): [number, number] {
  return [Math.floor((t * n) / threads), Math.floor(((t + 1) * n) / threads)];
}

/**
 * The first layer's units of each thread, thread 0 (the calling one) first: a share
 * `callerShare` of them for the calling thread, which also gathers each batch and updates
 * the output layer alone, and the rest in equal parts for the workers. Each part is
 * [u0, u1), contiguous, in order.
 */
export function unitSplit(threads: number, units: number, callerShare: number): [number, number][] {
  const own = threads === 1 ? units : Math.max(0, Math.min(units, Math.round(units * callerShare)));
  const parts: [number, number][] = [[0, own]];
  for (let w = 0; w < threads - 1; w++) {
    const [a, b] = partRange(w, threads - 1, units - own);
    parts.push([own + a, own + b]);
  }
  return parts;
}

/** What a worker is told when it starts: plain data, so that it can cross to a worker
 * thread by structured clone (workerData in Node, postMessage on the web). A float64
 * worker's (HiddenWorkerData) or a float32 one's (batchedLayout.ts BatchedWorkerData). */
export type TrainingWorkerData = HiddenWorkerData | BatchedWorkerData;

/** What a worker of the float64 ThreadedTrainer is told when it starts. */
export interface HiddenWorkerData {
  precision?: 'float64';
  buffer: SharedArrayBuffer;
  worker: number;
  workers: number;
  sizes: number[];
  capacity: number;
  /** Its units of the first layer (unitSplit). */
  unitRange: [number, number];
  /** Cost.name of the network's cost. */
  cost: string;
  spins: number;
}
