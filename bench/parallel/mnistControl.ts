import { SLOT_STRIDE } from './signal.js';

/**
 * The shared memory of MnistThreads: one SharedArrayBuffer, laid out by mnistLayout from
 * the first layer's shape, which the main thread and every worker compute alike.
 *
 * Int32 control block: slot 0 is the command counter (the main thread raises it once per
 * command); the command and its arguments follow it on the same cache line; worker w
 * raises its own counter at slot SLOT_STRIDE·(w + 1) when it has done the command.
 * Then, as Float64: two batch input buffers (a batch is gathered into one while the
 * workers may still read the other), the layer's activations and deltas (capacity ×
 * units, row-major, each thread writes its own columns), and a staging copy of the
 * layer's weights and biases for loading and saving.
 */
export const CMD = { seq: 0, op: 1, prevCount: 2, prevBuffer: 3, count: 4, buffer: 5 } as const;
export const OP = { load: 1, step: 2, save: 3, exit: 4 } as const;

export interface MnistLayout {
  bytes: number;
  ctlInts: number;
  /** Float64 index of the scale of the previous batch's update. */
  scaleAt: number;
  inputsAt: [number, number];
  activationsAt: number;
  deltasAt: number;
  weightsAt: number;
  biasAt: number;
}

/** The layout for `workers` workers, a first layer nIn → units, batches of up to `capacity`. */
export function mnistLayout(workers: number, nIn: number, units: number, capacity: number): MnistLayout {
  const ctlInts = SLOT_STRIDE * (workers + 1);
  let at = ctlInts / 2; // in Float64 elements
  const take = (n: number): number => {
    const start = at;
    at += n;
    return start;
  };
  const scaleAt = take(SLOT_STRIDE / 2);
  const inputsAt: [number, number] = [take(capacity * nIn), take(capacity * nIn)];
  const activationsAt = take(capacity * units);
  const deltasAt = take(capacity * units);
  const weightsAt = take(units * nIn);
  const biasAt = take(units);
  return { bytes: at * 8, ctlInts, scaleAt, inputsAt, activationsAt, deltasAt, weightsAt, biasAt };
}

/** Worker w's "done" counter. */
export function doneSlot(w: number): number {
  return SLOT_STRIDE * (w + 1);
}

/** The units [u0, u1) of thread t of `threads` (thread 0 is the main thread). */
export function unitRange(t: number, threads: number, units: number): [number, number] {
  return [Math.floor((t * units) / threads), Math.floor(((t + 1) * units) / threads)];
}

/** What a worker is told when it starts. */
export interface MnistWorkerData {
  buffer: SharedArrayBuffer;
  worker: number;
  workers: number;
  nIn: number;
  units: number;
  capacity: number;
  spins: number;
}
