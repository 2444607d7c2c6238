import { SLOT_STRIDE } from '../../src/nn/threads/signal.js';

/**
 * The control block of one worker of SoftmaxCeWorkers in the shared arena. Int32: [posted,
 * logits, targets, ignoreIndex, flags, grad, rows, cols, exit]; Float64 at byte 64:
 * [gradScale, result]; Int32 at `done` (a cache line of its own): the worker's counter.
 * The main thread writes a job and raises `posted` to the job's number; the worker runs
 * it, writes the result and raises `done` to the same number (signal.ts).
 */
export const CONTROL = { ints: 3 * SLOT_STRIDE, f64Offset: 64, done: 2 * SLOT_STRIDE, exit: 8, bytes: 4 * 3 * SLOT_STRIDE };
