import { KERNELS_WASM_BASE64 } from './kernelsWasmBinary.js';

/** The exports of assembly/kernels.ts. Pointers are byte offsets into `memory`. */
export interface WasmKernelExports {
  readonly memory: WebAssembly.Memory;
  softmaxCeRowsF32(
    logits: number,
    targets: number,
    coef: number,
    rowLoss: number,
    flags: number,
    grad: number,
    rows: number,
    cols: number,
  ): void;
  bceWithLogitsF32(x: number, z: number, grad: number, n: number, scale: number): number;
}

let instance: WasmKernelExports | null | undefined;

/**
 * The WebAssembly SIMD kernels, compiled and instantiated on first use, or null where the
 * runtime has no WebAssembly or no SIMD (then the TypeScript kernels run instead).
 * Synchronous compilation works in Node and in Web Workers; a browser main thread may
 * refuse it for a module this size, so call `initWasmKernels()` there first.
 *
 * @example
 * const k = loadWasmKernels(); // null on a runtime without WebAssembly SIMD
 */
export function loadWasmKernels(): WasmKernelExports | null {
  if (instance === undefined) {
    try {
      const bytes = wasmBytes();
      instance = WebAssembly.validate(bytes)
        ? (new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as WasmKernelExports)
        : null;
    } catch {
      instance = null;
    }
  }
  return instance;
}

/** Compiles the kernels asynchronously (for browser main threads); true when they are usable. */
export async function initWasmKernels(): Promise<boolean> {
  if (instance === undefined) {
    try {
      const bytes = wasmBytes();
      if (!WebAssembly.validate(bytes)) instance = null;
      else {
        const { instance: inst } = await WebAssembly.instantiate(bytes, {});
        instance = inst.exports as unknown as WasmKernelExports;
      }
    } catch {
      instance = null;
    }
  }
  return instance !== null;
}

function wasmBytes(): Uint8Array<ArrayBuffer> {
  // atob is a global in browsers and in Node ≥ 16.
  const text = atob(KERNELS_WASM_BASE64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
