/**
 * The control block of one worker in the shared arena: Int32 [state, logits, targets,
 * ignoreIndex, flags, grad, rows, cols], then at byte 64 Float64 [gradScale, result].
 * state: IDLE → POSTED (main thread, job written) → DONE (worker, result written) → IDLE.
 */
export const CONTROL = { ints: 16, f64Offset: 64, bytes: 80 };
export const IDLE = 0;
export const POSTED = 1;
export const DONE = 2;
export const EXIT = 3;
