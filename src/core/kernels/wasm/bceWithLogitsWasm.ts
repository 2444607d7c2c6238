import { NeumaierAccumulator } from '../../math/neumaierSum.js';
import { bceWithLogitsF32 } from '../bceWithLogitsF32.js';
import { bceWithLogitsF64 } from '../bceWithLogitsF64.js';
import { kernelsOwning } from './kernelArena.js';
import { WASM_DATA_END, type WasmKernelExports } from './loadWasmKernels.js';

/** Where the staging area starts: above the first 64 KiB page, which holds the module's own data. */
const BASE = WASM_DATA_END;
/** Values staged per call (a multiple of 4): three float32 arrays of 64 KiB, in L2. */
const CHUNK = 16 * 1024;

/**
 * bceWithLogitsF32 on the WebAssembly SIMD kernel: Σ ℓ_i, and scale·(σ(x) − z) into grad
 * when given. Inputs, targets and gradient that all live in one kernel arena
 * (createKernelArena) are read and written in place; otherwise they are staged through
 * the kernels' memory in chunks (copy in, kernel, copy the gradient out). Each chunk's
 * sum goes into a compensated total; the last n mod 4 values take the TypeScript path.
 */
export function bceWithLogitsWasm(
  staging: WasmKernelExports,
  x: Float32Array,
  z: Float32Array,
  scale: number,
  grad: Float32Array | null,
): number {
  const acc = new NeumaierAccumulator();
  const n = x.length;
  const vectorEnd = n & ~3;
  const owner = kernelsOwning(x.buffer);
  if (owner !== undefined && z.buffer === x.buffer && (grad === null || grad.buffer === x.buffer)) {
    for (let start = 0; start < vectorEnd; start += CHUNK) {
      const m = Math.min(CHUNK, vectorEnd - start);
      const gPtr = grad === null ? 0 : grad.byteOffset + 4 * start;
      addChunk(acc, owner.bceWithLogitsF32(x.byteOffset + 4 * start, z.byteOffset + 4 * start, gPtr, m, scale), x, z, start, m);
    }
  } else {
    const xPtr = BASE;
    const zPtr = xPtr + 4 * CHUNK;
    const gPtr = zPtr + 4 * CHUNK;
    const end = gPtr + 4 * CHUNK;
    const memory = staging.memory;
    if (memory.buffer.byteLength < end) memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65536));
    const buffer = memory.buffer;
    const stagedX = new Float32Array(buffer, xPtr, CHUNK);
    const stagedZ = new Float32Array(buffer, zPtr, CHUNK);
    const stagedG = new Float32Array(buffer, gPtr, CHUNK);
    for (let start = 0; start < vectorEnd; start += CHUNK) {
      const m = Math.min(CHUNK, vectorEnd - start);
      stagedX.set(x.subarray(start, start + m));
      stagedZ.set(z.subarray(start, start + m));
      addChunk(acc, staging.bceWithLogitsF32(xPtr, zPtr, grad === null ? 0 : gPtr, m, scale), x, z, start, m);
      if (grad !== null) grad.set(stagedG.subarray(0, m), start);
    }
  }
  if (vectorEnd < n) {
    acc.add(bceWithLogitsF32(x.subarray(vectorEnd), z.subarray(vectorEnd), scale, grad === null ? null : grad.subarray(vectorEnd)));
  }
  return acc.value();
}

/** An infinite logit makes the kernel's coef·x = 0·∞ = NaN: the exact path sums such a chunk again. */
function addChunk(acc: NeumaierAccumulator, sum: number, x: Float32Array, z: Float32Array, start: number, m: number): void {
  acc.add(sum === sum ? sum : bceWithLogitsF64(x.subarray(start, start + m), z.subarray(start, start + m), 1, null));
}
