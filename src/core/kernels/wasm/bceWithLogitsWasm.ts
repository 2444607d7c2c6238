import { NeumaierAccumulator } from '../../math/neumaierSum.js';
import { bceWithLogitsF32 } from '../bceWithLogitsF32.js';
import { bceWithLogitsF64 } from '../bceWithLogitsF64.js';
import type { WasmKernelExports } from './loadWasmKernels.js';

/** Where the staging area starts: above the first 64 KiB page, which holds the module's own data. */
const BASE = 65536;
/** Values staged per call (a multiple of 4): three float32 arrays of 64 KiB, in L2. */
const CHUNK = 16 * 1024;

/**
 * bceWithLogitsF32 on the WebAssembly SIMD kernel: Σ ℓ_i, and scale·(σ(x) − z) into grad
 * when given. Inputs and targets are staged through linear memory in chunks (copy in,
 * kernel, copy the gradient out), each chunk's sum added to a compensated total; the last
 * n mod 4 values take the TypeScript path.
 */
export function bceWithLogitsWasm(
  k: WasmKernelExports,
  x: Float32Array,
  z: Float32Array,
  scale: number,
  grad: Float32Array | null,
): number {
  const xPtr = BASE;
  const zPtr = xPtr + 4 * CHUNK;
  const gPtr = zPtr + 4 * CHUNK;
  const end = gPtr + 4 * CHUNK;
  const memory = k.memory;
  if (memory.buffer.byteLength < end) memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65536));
  const buffer = memory.buffer;
  const stagedX = new Float32Array(buffer, xPtr, CHUNK);
  const stagedZ = new Float32Array(buffer, zPtr, CHUNK);
  const stagedG = new Float32Array(buffer, gPtr, CHUNK);
  const acc = new NeumaierAccumulator();
  const n = x.length;
  const vectorEnd = n & ~3;
  for (let start = 0; start < vectorEnd; start += CHUNK) {
    const m = Math.min(CHUNK, vectorEnd - start);
    stagedX.set(x.subarray(start, start + m));
    stagedZ.set(z.subarray(start, start + m));
    const sum = k.bceWithLogitsF32(xPtr, zPtr, grad === null ? 0 : gPtr, m, scale);
    // An infinite logit makes the kernel's coef·x = 0·∞: the exact path sums such a chunk again.
    acc.add(sum === sum ? sum : bceWithLogitsF64(x.subarray(start, start + m), z.subarray(start, start + m), 1, null));
    if (grad !== null) grad.set(stagedG.subarray(0, m), start);
  }
  if (vectorEnd < n) {
    acc.add(bceWithLogitsF32(x.subarray(vectorEnd), z.subarray(vectorEnd), scale, grad === null ? null : grad.subarray(vectorEnd)));
  }
  return acc.value();
}
