import { BATCHED_CMD, BATCHED_OP, batchedLayout, type BatchedWorkerData } from './batchedLayout.js';
import { BatchedSlice } from './BatchedSlice.js';
import { raise, waitFor } from './signal.js';
import { doneSlot, READY } from './trainingLayout.js';

/** What a float32 worker raises its counter to when it cannot run (no SIMD here): the trainer stops waiting at once. */
export const FAILED = -2;

/**
 * The body of a worker thread of the float32 batched trainer on several threads
 * (BatchedThreads.ts): trains its part of the first layer's units (BatchedSlice), one
 * command at a time (batchedLayout.ts), until it is told to exit. A step updates its units
 * with the previous batch's δ₁ and runs the next batch through them; both arrive in, and
 * its σ(z₁) leaves through, the shared buffer. runTrainingWorker calls this for data with
 * precision 'float32'.
 */
export function runBatchedWorker(data: BatchedWorkerData, cpuMs: () => number = () => NaN): void {
  const { buffer, worker, split, sizes, capacity, fma, spins } = data;
  const nIn = sizes[0];
  const layout = batchedLayout(split, sizes, capacity);
  const ctl = new Int32Array(buffer, 0, layout.ctlInts);
  const [u0, u1] = split[worker + 1];
  let slice: BatchedSlice;
  try {
    slice = new BatchedSlice(nIn, u0, u1, capacity, fma, false);
  } catch {
    raise(ctl, doneSlot(worker), FAILED);
    return;
  }
  const { stride } = slice;
  const rowStart = layout.rowStartAt.map((at) => new Int32Array(buffer, at, capacity + 1));
  const idx = layout.idxAt.map((at) => new Int32Array(buffer, at, capacity * nIn));
  const val = layout.valAt.map((at) => new Float32Array(buffer, at, capacity * nIn));
  const activations = new Float32Array(buffer, layout.activationsAt[worker], capacity * stride);
  const errors = new Float32Array(buffer, layout.errorsAt[worker], capacity * stride);
  const weights = new Float64Array(buffer, layout.weightsAt, sizes[1] * nIn);
  const bias = new Float64Array(buffer, layout.biasAt, sizes[1]);
  const cpu = new Float64Array(buffer, layout.cpuAt + 8 * worker, 1);
  let cpuAtEpochStart = 0;

  raise(ctl, doneSlot(worker), READY);
  for (let seq = 1; ; seq++) {
    waitFor(ctl, BATCHED_CMD.seq, seq, spins);
    const op = ctl[BATCHED_CMD.op];
    if (op === BATCHED_OP.exit) break;
    if (op === BATCHED_OP.load) {
      cpuAtEpochStart = cpuMs();
      slice.load(weights, bias);
    } else if (op === BATCHED_OP.save) slice.save(weights, bias);
    else {
      const prevCount = ctl[BATCHED_CMD.prevCount];
      if (prevCount > 0) {
        slice.errors.set(errors.subarray(0, prevCount * stride));
        slice.update(ctl[BATCHED_CMD.prevArea], prevCount, ctl[BATCHED_CMD.prevDense] === 1);
      }
      const count = ctl[BATCHED_CMD.count];
      if (count > 0) {
        const k = ctl[BATCHED_CMD.area];
        const dense = ctl[BATCHED_CMD.dense] === 1;
        if (dense) slice.val[k].set(val[k].subarray(0, count * nIn));
        else {
          const listed = rowStart[k][count];
          slice.rowStart[k].set(rowStart[k].subarray(0, count + 1));
          slice.idx[k].set(idx[k].subarray(0, listed));
          slice.val[k].set(val[k].subarray(0, listed));
        }
        slice.forward(k, count, dense);
        activations.set(slice.activations.subarray(0, count * stride));
      } else {
        // A step without a batch ends an epoch (it only finishes the last batch's update).
        const now = cpuMs();
        cpu[0] = now - cpuAtEpochStart;
        cpuAtEpochStart = now;
      }
    }
    raise(ctl, doneSlot(worker), seq);
  }
}
