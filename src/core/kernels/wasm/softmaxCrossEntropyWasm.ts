import { softmaxCrossEntropyRowF64 } from '../softmaxCrossEntropyRowF64.js';
import { ARENA_SCRATCH_BYTES, kernelsOwning } from './kernelArena.js';
import { WASM_DATA_END, type WasmKernelExports } from './loadWasmKernels.js';

/** Logits staged per call when they live outside the kernels' memory: stays in L2 with its gradient. */
const CHUNK_BYTES = 64 * 1024;

/**
 * The float32 sweep of softmaxCrossEntropyRowsF32 on the WebAssembly SIMD kernel, with
 * the same contract (targets already checked; returns the compensated Σ w·(−log p_t),
 * writes gradScale·w·(softmax − onehot) into grad when given).
 *
 * Logits (and the gradient) that live in a kernel arena (createKernelArena) are read and
 * written in place. Others are staged through the kernels' own memory in chunks of about
 * CHUNK_BYTES: copy in, run, copy the gradient out; a chunk stays in cache between the
 * three steps, so main memory still sees about one read of the logits and one write of
 * the gradient, but the copies cost time. Rows whose maximum is not finite, or that hold
 * a NaN, are redone by the float64 row, which owns the rules for infinities and NaN.
 */
export function softmaxCrossEntropyRowsWasm(
  staging: WasmKernelExports,
  logits: Float32Array,
  targets: ArrayLike<number>,
  rows: number,
  cols: number,
  weight: ArrayLike<number> | null,
  ignoreIndex: number,
  gradScale: number,
  grad: Float32Array | null,
): number {
  // No valid target (an integer in [0, cols)) equals a non-i32 ignoreIndex; −1 says the same to the kernel.
  const ignore = Number.isInteger(ignoreIndex) && Math.abs(ignoreIndex) < 2 ** 31 ? ignoreIndex : -1;
  const owner = kernelsOwning(logits.buffer);
  if (owner !== undefined && (grad === null || grad.buffer === logits.buffer) && (weight === null || 8 * cols <= ARENA_SCRATCH_BYTES / 2)) {
    return inPlace(owner, logits, targets, rows, cols, weight, ignore, gradScale, grad);
  }
  return staged(staging, logits, targets, rows, cols, weight, ignore, gradScale, grad);
}

function inPlace(
  k: WasmKernelExports,
  logits: Float32Array,
  targets: ArrayLike<number>,
  rows: number,
  cols: number,
  weight: ArrayLike<number> | null,
  ignore: number,
  gradScale: number,
  grad: Float32Array | null,
): number {
  const buffer = k.memory.buffer;
  const weightPtr = weight === null ? 0 : WASM_DATA_END;
  if (weight !== null) new Float64Array(buffer, weightPtr, cols).set(weight);
  const scratch = align16(WASM_DATA_END + (weight === null ? 0 : 8 * cols));
  const scratchEnd = WASM_DATA_END + ARENA_SCRATCH_BYTES;
  const targetsInPlace = targets instanceof Int32Array && targets.buffer === buffer;
  // Flags (and staged targets) per row, as many rows per call as the scratch holds.
  const chunkRows = Math.max(1, Math.floor((scratchEnd - scratch) / (targetsInPlace ? 4 : 8)));
  const flagsPtr = scratch;
  const stagedTargetsPtr = align16(flagsPtr + 4 * chunkRows);
  let total = 0;
  for (let r0 = 0; r0 < rows; r0 += chunkRows) {
    const n = Math.min(chunkRows, rows - r0);
    let targetsPtr: number;
    if (targetsInPlace) targetsPtr = targets.byteOffset + 4 * r0;
    else {
      const t32 = new Int32Array(buffer, stagedTargetsPtr, n);
      for (let i = 0; i < n; i++) t32[i] = targets[r0 + i];
      targetsPtr = stagedTargetsPtr;
    }
    total += k.softmaxCeRowsF32(
      logits.byteOffset + 4 * r0 * cols,
      targetsPtr,
      weightPtr,
      ignore,
      gradScale,
      flagsPtr,
      grad === null ? 0 : grad.byteOffset + 4 * r0 * cols,
      n,
      cols,
    );
    total += flaggedRows(new Int32Array(buffer, flagsPtr, n), r0, logits, targets, cols, weight, gradScale, grad);
  }
  return total;
}

function staged(
  k: WasmKernelExports,
  logits: Float32Array,
  targets: ArrayLike<number>,
  rows: number,
  cols: number,
  weight: ArrayLike<number> | null,
  ignore: number,
  gradScale: number,
  grad: Float32Array | null,
): number {
  const chunkRows = Math.max(1, Math.min(rows, Math.floor(CHUNK_BYTES / (4 * cols))));
  // Layout: weights f64, targets i32, flags i32, logits f32, grad f32 (16-aligned, with slack).
  const weightPtr = weight === null ? 0 : WASM_DATA_END;
  const targetsPtr = align16(WASM_DATA_END + (weight === null ? 0 : 8 * cols));
  const flagsPtr = align16(targetsPtr + 4 * chunkRows);
  const logitsPtr = align16(flagsPtr + 4 * chunkRows);
  const gradPtr = align16(logitsPtr + 4 * chunkRows * cols + 16);
  const end = gradPtr + 4 * chunkRows * cols + 16;
  const memory = k.memory;
  if (memory.buffer.byteLength < end) memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65536));
  const buffer = memory.buffer;
  if (weight !== null) new Float64Array(buffer, weightPtr, cols).set(weight);
  const t32 = new Int32Array(buffer, targetsPtr, chunkRows);
  const flags = new Int32Array(buffer, flagsPtr, chunkRows);
  const stagedLogits = new Float32Array(buffer, logitsPtr, chunkRows * cols);
  const stagedGrad = new Float32Array(buffer, gradPtr, chunkRows * cols);
  let total = 0;
  for (let r0 = 0; r0 < rows; r0 += chunkRows) {
    const n = Math.min(chunkRows, rows - r0);
    for (let i = 0; i < n; i++) t32[i] = targets[r0 + i];
    stagedLogits.set(logits.subarray(r0 * cols, (r0 + n) * cols));
    total += k.softmaxCeRowsF32(logitsPtr, targetsPtr, weightPtr, ignore, gradScale, flagsPtr, grad === null ? 0 : gradPtr, n, cols);
    if (grad !== null) grad.set(stagedGrad.subarray(0, n * cols), r0 * cols);
    total += flaggedRows(flags.subarray(0, n), r0, logits, targets, cols, weight, gradScale, grad);
  }
  return total;
}

/** The rows the kernel left to the float64 row (a maximum that is not finite, or a NaN): Σ of their losses. */
function flaggedRows(
  flags: Int32Array,
  r0: number,
  logits: Float32Array,
  targets: ArrayLike<number>,
  cols: number,
  weight: ArrayLike<number> | null,
  gradScale: number,
  grad: Float32Array | null,
): number {
  let sum = 0;
  for (let i = flags.indexOf(1); i !== -1; i = flags.indexOf(1, i + 1)) {
    const t = targets[r0 + i];
    sum += softmaxCrossEntropyRowF64(logits, (r0 + i) * cols, cols, t, weight === null ? 1 : weight[t], gradScale, grad);
  }
  return sum;
}

function align16(x: number): number {
  return (x + 15) & ~15;
}
