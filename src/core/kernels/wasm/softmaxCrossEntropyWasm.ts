import { NeumaierAccumulator } from '../../math/neumaierSum.js';
import { softmaxCrossEntropyRowF64 } from '../softmaxCrossEntropyRowF64.js';
import type { WasmKernelExports } from './loadWasmKernels.js';

/** Where the staging area starts: above the first 64 KiB page, which holds the module's own data. */
const BASE = 65536;
/** Logits staged per call: small enough that the staged logits and gradient stay in L2. */
const CHUNK_BYTES = 64 * 1024;

/**
 * The float32 sweep of softmaxCrossEntropyRowsF32 on the WebAssembly SIMD kernel, with
 * the same contract (targets already checked; returns the compensated Σ w·(−log p_t),
 * writes gradScale·w·(softmax − onehot) into grad when given).
 *
 * The caller's arrays live in JavaScript memory, so rows are staged through linear memory
 * in chunks of about CHUNK_BYTES: copy in, run the kernel, copy the gradient out. The
 * chunk stays in cache between the three steps, so main memory still sees one read of
 * the logits and one write of the gradient. Rows whose maximum is not finite are redone
 * by the exact TypeScript path, which owns the rules for infinities and NaN.
 */
export function softmaxCrossEntropyRowsWasm(
  k: WasmKernelExports,
  logits: Float32Array,
  targets: ArrayLike<number>,
  rows: number,
  cols: number,
  weight: ArrayLike<number> | null,
  ignoreIndex: number,
  gradScale: number,
  grad: Float32Array | null,
): number {
  // (Padding rows to a multiple of four floats, to spare the kernel its scalar tail, was
  // measured slower: element-wise staging costs more than the tail.)
  const chunkRows = Math.max(1, Math.min(rows, Math.floor(CHUNK_BYTES / (4 * cols))));
  // Layout: coef f64, rowLoss f64, targets i32, flags i32, logits f32, grad f32 (16-aligned).
  const coefPtr = BASE;
  const lossPtr = coefPtr + 8 * chunkRows;
  const targetsPtr = lossPtr + 8 * chunkRows;
  const flagsPtr = targetsPtr + 4 * chunkRows;
  const logitsPtr = align16(flagsPtr + 4 * chunkRows);
  const gradPtr = align16(logitsPtr + 4 * chunkRows * cols);
  const end = gradPtr + 4 * chunkRows * cols;
  const memory = k.memory;
  if (memory.buffer.byteLength < end) memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65536));
  const buffer = memory.buffer;
  const coef = new Float64Array(buffer, coefPtr, chunkRows);
  const rowLoss = new Float64Array(buffer, lossPtr, chunkRows);
  const t32 = new Int32Array(buffer, targetsPtr, chunkRows);
  const flags = new Int32Array(buffer, flagsPtr, chunkRows);
  const stagedLogits = new Float32Array(buffer, logitsPtr, chunkRows * cols);
  const stagedGrad = new Float32Array(buffer, gradPtr, chunkRows * cols);

  const acc = new NeumaierAccumulator();
  for (let r0 = 0; r0 < rows; r0 += chunkRows) {
    const n = Math.min(chunkRows, rows - r0);
    for (let i = 0; i < n; i++) {
      const t = targets[r0 + i];
      const ignored = t === ignoreIndex;
      t32[i] = ignored ? -1 : t;
      coef[i] = ignored ? 0 : (weight === null ? 1 : weight[t]) * gradScale;
    }
    stagedLogits.set(logits.subarray(r0 * cols, (r0 + n) * cols));
    k.softmaxCeRowsF32(logitsPtr, targetsPtr, coefPtr, lossPtr, flagsPtr, grad === null ? 0 : gradPtr, n, cols);
    if (grad !== null) grad.set(stagedGrad.subarray(0, n * cols), r0 * cols);
    for (let i = 0; i < n; i++) {
      const t = targets[r0 + i];
      if (t === ignoreIndex) continue;
      const w = weight === null ? 1 : weight[t];
      if (flags[i] !== 0) {
        acc.add(softmaxCrossEntropyRowF64(logits, (r0 + i) * cols, cols, t, w, gradScale, grad));
      } else {
        acc.add(w === 0 ? 0 : w * rowLoss[i]);
      }
    }
  }
  return acc.value();
}

function align16(x: number): number {
  return (x + 15) & ~15;
}
