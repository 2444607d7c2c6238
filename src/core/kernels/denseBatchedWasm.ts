import { DENSE_BATCHED_FMA_WASM_BASE64, DENSE_BATCHED_WASM_BASE64 } from './denseBatchedWasmBinary.js';
import { relaxedSimdAvailable } from './relaxedSimdAvailable.js';

export { relaxedSimdAvailable };

/**
 * The kernels of assembly/denseBatched.ts: float32 matrix products of a whole mini-batch
 * in WebAssembly SIMD. Pointers are byte offsets into the module's memory; strides count
 * floats (see the assembly source for the layout).
 */
export interface DenseBatchedKernels {
  sparseForward(wT: number, stride: number, idx: number, val: number, rowStart: number, rows: number, bias: number, z: number): void;
  sparseAddOuter(wT: number, stride: number, idx: number, val: number, rowStart: number, rows: number, d: number): void;
  addColumnSums(bias: number, d: number, rows: number, stride: number): void;
  denseForward(a: number, aStride: number, rows: number, nIn: number, wT: number, stride: number, bias: number, z: number): void;
  denseAddOuter(wT: number, stride: number, nIn: number, a: number, aStride: number, rows: number, d: number): void;
  backInput(d: number, rows: number, wT: number, stride: number, kPad: number, act: number, e: number): void;
  sigmoid(z: number, a: number, n: number): void;
  listRows(src: number, nIn: number, rows: number, idx: number, val: number, rowStart: number): number;
  peakMadd(iters: number, seed: number): number;
}

const modules: [WebAssembly.Module | null | undefined, WebAssembly.Module | null | undefined] = [undefined, undefined];

function decode(base64: string): Uint8Array<ArrayBuffer> {
  // atob is a global in browsers and in Node ≥ 16.
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The compiled module, with or without FMA; null where the runtime cannot compile it
 * (no SIMD, no relaxed SIMD for the FMA build, or a Content-Security-Policy without
 * 'wasm-unsafe-eval'). */
function compiled(fma: boolean): WebAssembly.Module | null {
  const slot = fma ? 1 : 0;
  if (modules[slot] === undefined) {
    try {
      if (fma && !relaxedSimdAvailable()) modules[slot] = null;
      else {
        const bytes = decode(fma ? DENSE_BATCHED_FMA_WASM_BASE64 : DENSE_BATCHED_WASM_BASE64);
        modules[slot] = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
      }
    } catch {
      modules[slot] = null;
    }
  }
  return modules[slot] ?? null;
}

/** Whether the batched kernels run here (with FMA: whether their FMA build does). */
export function denseBatchedAvailable(fma = false): boolean {
  return compiled(fma) !== null;
}

/**
 * The kernels over `memory`, with FMA when asked and available (else without); null where
 * the runtime has no WebAssembly SIMD. FMA is the default where the runtime has relaxed
 * SIMD because it measured faster: on Node 24, an epoch of [784, 100, 10] on the 8,000
 * digits (bench `mnist-epoch-batch-*`, medians of 7 interleaved epochs of both builds in
 * one run pinned to core 0, CPU time, 2026-12-07) took 34.1 ms with FMA against 36.3
 * without at batch 10, 33.8 / 35.2 at 50, 34.9 / 36.1 at 100 and 36.1 / 37.6 at 500
 * (3–6% faster); `simd-peak` in that run put the peak loop at 27.1 GFLOP/s with FMA
 * against 19.5 without, and five of the six products of a [784 → 100] layer faster.
 */
export function instantiateDenseBatched(memory: WebAssembly.Memory, fma = relaxedSimdAvailable()): { kernels: DenseBatchedKernels; fma: boolean } | null {
  const useFma = fma && compiled(true) !== null;
  const mod = compiled(useFma);
  if (mod === null) return null;
  const kernels = new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as DenseBatchedKernels;
  return { kernels, fma: useFma };
}

/** The first 64 KiB stay the module's own (the stub runtime's heap base lies there). */
export const DENSE_BATCHED_BASE = 65536;

/** n rounded up to a multiple of four: the width of a row of units in the batched layout. */
export function paddedWidth(n: number): number {
  return Math.ceil(n / 4) * 4;
}

/**
 * Hands out float32 and int32 arrays in a fresh WebAssembly memory sized once for all of
 * them (it never grows: growing would detach its buffer, and then V8 checks every
 * typed-array access in the process, see bench/cases/runCase.ts). Each array starts on a
 * 16-byte boundary.
 *
 * @example
 * const room = layoutDenseBatched([['w', 'f32', 12], ['i', 'i32', 3]]);
 * room.f32.w.length // 12
 */
export function layoutDenseBatched(
  parts: readonly (readonly [name: string, kind: 'f32' | 'i32', length: number])[],
): { memory: WebAssembly.Memory; f32: Record<string, Float32Array>; i32: Record<string, Int32Array> } {
  let at = DENSE_BATCHED_BASE;
  const offsets: number[] = [];
  for (const [, , length] of parts) {
    offsets.push(at);
    at += Math.ceil((length * 4) / 16) * 16;
  }
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(at / 65536)) });
  const f32: Record<string, Float32Array> = {};
  const i32: Record<string, Int32Array> = {};
  parts.forEach(([name, kind, length], i) => {
    if (kind === 'f32') f32[name] = new Float32Array(memory.buffer, offsets[i], length);
    else i32[name] = new Int32Array(memory.buffer, offsets[i], length);
  });
  return { memory, f32, i32 };
}
