import { paddedWidth } from '../../core/kernels/denseBatchedWasm.js';
import { SLOT_STRIDE } from './signal.js';

/**
 * The shared memory of the float32 batched trainer on several threads
 * (BatchedThreads.ts): one SharedArrayBuffer that the calling thread and every worker lay
 * out alike from the network's shape. Each thread keeps its first-layer units in a
 * WebAssembly memory of its own (BatchedSlice); through this buffer pass only each
 * mini-batch's inputs (their nonzero list, or the rows where the batch is dense), each
 * worker's activations σ(z₁) and errors δ₁, and the weights on load and save.
 *
 * Int32 control block: slot 0 the command counter, then the command and its arguments on
 * the same cache line; worker w raises its own counter at slot SLOT_STRIDE·(w + 1). Then
 * two input areas that alternate from batch to batch (batch n + 1 is written while the
 * workers may still read batch n's): rowStart (capacity + 1 int32), idx (capacity · nIn
 * int32) and val (capacity · nIn float32; the rows themselves for a dense batch). Then per
 * worker its activations and errors (capacity × its padded width, float32), a float64
 * staging copy of the first layer (units × nIn) and its biases, and each worker's CPU time
 * over the last epoch. Every area starts on a 64-byte line.
 */
export const BATCHED_CMD = { seq: 0, op: 1, prevCount: 2, prevArea: 3, prevDense: 4, count: 5, area: 6, dense: 7 } as const;
export const BATCHED_OP = { load: 1, step: 2, save: 3, exit: 4 } as const;

export interface BatchedLayout {
  bytes: number;
  ctlInts: number;
  /** Byte offsets, one per input area. */
  rowStartAt: number[];
  idxAt: number[];
  valAt: number[];
  /** Byte offsets, one per worker. */
  activationsAt: number[];
  errorsAt: number[];
  weightsAt: number;
  biasAt: number;
  cpuAt: number;
}

/**
 * The layout for workers with first-layer units `split` (split[0] is the calling thread's,
 * split[w + 1] worker w's), a network of `sizes`, batches of up to `capacity`.
 */
export function batchedLayout(split: readonly (readonly [number, number])[], sizes: readonly number[], capacity: number): BatchedLayout {
  const [nIn, units] = sizes;
  const workers = split.length - 1;
  const ctlInts = SLOT_STRIDE * (workers + 1);
  let at = ctlInts * 4;
  const take = (bytes: number): number => {
    const start = at;
    at += Math.ceil(bytes / 64) * 64;
    return start;
  };
  const rowStartAt: number[] = [];
  const idxAt: number[] = [];
  const valAt: number[] = [];
  for (let k = 0; k < 2; k++) {
    rowStartAt.push(take(4 * (capacity + 1)));
    idxAt.push(take(4 * capacity * nIn));
    valAt.push(take(4 * capacity * nIn));
  }
  const activationsAt: number[] = [];
  const errorsAt: number[] = [];
  for (let w = 0; w < workers; w++) {
    const width = paddedWidth(split[w + 1][1] - split[w + 1][0]);
    activationsAt.push(take(4 * capacity * width));
    errorsAt.push(take(4 * capacity * width));
  }
  const weightsAt = take(8 * units * nIn);
  const biasAt = take(8 * units);
  const cpuAt = take(8 * Math.max(1, workers));
  return { bytes: at, ctlInts, rowStartAt, idxAt, valAt, activationsAt, errorsAt, weightsAt, biasAt, cpuAt };
}

/**
 * The first layer's units of each thread, the calling one first with a share
 * `callerShare` of them, the rest in equal parts for the workers; every part but the last
 * starts and ends on a multiple of four units, so that no SIMD vector of units is split
 * (each part's padding is computed, and wasted, once at most).
 */
export function batchedUnitSplit(threads: number, units: number, callerShare: number): [number, number][] {
  if (threads === 1) return [[0, units]];
  const quads = Math.ceil(units / 4);
  const toUnits = (q: number): number => Math.min(units, 4 * q);
  const own = Math.max(0, Math.min(quads, Math.round(quads * callerShare)));
  const parts: [number, number][] = [[0, toUnits(own)]];
  for (let w = 0; w < threads - 1; w++) {
    const a = own + Math.floor((w * (quads - own)) / (threads - 1));
    const b = own + Math.floor(((w + 1) * (quads - own)) / (threads - 1));
    parts.push([toUnits(a), toUnits(b)]);
  }
  return parts;
}

/** What a float32 worker is told when it starts (structured-cloneable, as TrainingWorkerData). */
export interface BatchedWorkerData {
  precision: 'float32';
  buffer: SharedArrayBuffer;
  worker: number;
  /** Every thread's units of the first layer (batchedUnitSplit), the calling thread's first. */
  split: [number, number][];
  sizes: number[];
  capacity: number;
  /** The FMA build of the kernels (every thread must run the same build). */
  fma: boolean;
  spins: number;
}
