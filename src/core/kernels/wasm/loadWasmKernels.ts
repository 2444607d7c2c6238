import { KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64 } from './kernelsWasmBinary.js';

/** The exports of assembly/kernels.ts on one memory. Pointers are byte offsets into `memory`. */
export interface WasmKernelExports {
  readonly memory: WebAssembly.Memory;
  softmaxCeRowsF32(
    logits: number,
    targets: number,
    weight: number,
    ignoreIndex: number,
    gradScale: number,
    flags: number,
    grad: number,
    rows: number,
    cols: number,
  ): number;
  bceWithLogitsF32(x: number, z: number, grad: number, n: number, scale: number): number;
}

/**
 * The first 64 KiB page of every kernel memory holds the module's own constants; callers
 * place their arrays from here on.
 */
export const WASM_DATA_END = 65536;

let compiled: WebAssembly.Module | null | undefined;
let compiledShared: WebAssembly.Module | null | undefined;
let instance: WasmKernelExports | null | undefined;

/** The compiled module, or null where the runtime has no WebAssembly or no SIMD. */
export function kernelsModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      const bytes = wasmBytes();
      compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * The kernels compiled for a shared memory (worker threads working on one arena), or null
 * where the runtime lacks SIMD, threads or shared memory (a browser page that is not
 * cross-origin isolated).
 */
export function sharedKernelsModule(): WebAssembly.Module | null {
  if (compiledShared === undefined) {
    try {
      const bytes = wasmBytes(KERNELS_SHARED_WASM_BASE64);
      compiledShared = typeof SharedArrayBuffer === 'function' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      compiledShared = null;
    }
  }
  return compiledShared;
}

/** An instance of the kernels working on `memory` (which must be at least one page). */
export function instantiateKernels(module: WebAssembly.Module, memory: WebAssembly.Memory): WasmKernelExports {
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Omit<WasmKernelExports, 'memory'>;
  return { memory, softmaxCeRowsF32: exports.softmaxCeRowsF32, bceWithLogitsF32: exports.bceWithLogitsF32 };
}

/**
 * The WebAssembly SIMD kernels on their own growable memory, where arrays that live in
 * JavaScript memory are staged; compiled and instantiated on first use, or null where the
 * runtime has no WebAssembly or no SIMD (then the TypeScript kernels run instead).
 * Synchronous compilation works in Node and in Web Workers; a browser main thread may
 * refuse it for a module this size, so call `initWasmKernels()` there first.
 *
 * @example
 * const k = loadWasmKernels(); // null on a runtime without WebAssembly SIMD
 */
export function loadWasmKernels(): WasmKernelExports | null {
  if (instance === undefined) {
    const module = kernelsModule();
    try {
      instance = module === null ? null : instantiateKernels(module, new WebAssembly.Memory({ initial: 2 }));
    } catch {
      instance = null;
    }
  }
  return instance;
}

/** Compiles the kernels asynchronously (for browser main threads); true when they are usable. */
export async function initWasmKernels(): Promise<boolean> {
  if (compiled === undefined) {
    try {
      const bytes = wasmBytes();
      compiled = WebAssembly.validate(bytes) ? await WebAssembly.compile(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return loadWasmKernels() !== null;
}

function wasmBytes(base64 = KERNELS_WASM_BASE64): Uint8Array<ArrayBuffer> {
  // atob is a global in browsers and in Node ≥ 16.
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
