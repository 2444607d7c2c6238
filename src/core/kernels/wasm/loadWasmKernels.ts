import { relaxedSimdAvailable } from '../relaxedSimdAvailable.js';
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

/**
 * The builds of assembly/kernels.ts: multiply then add, on an ordinary or a shared memory
 * (base64 in kernelsWasmBinary.ts, part of every bundle that reaches the kernels), and
 * the same with f32x4.relaxed_madd in the softmax exponential (files beside this module,
 * read only where they run; see fmaBytes).
 */
type KernelsBuild = 'plain' | 'shared' | 'fma' | 'sharedFma';

const compiledBuilds = new Map<KernelsBuild, WebAssembly.Module | null>();
let instance: WasmKernelExports | null | undefined;

/**
 * The module of one build, compiled once from `bytes()`; null where it cannot run here.
 * Each caller names its own bytes, so that a bundle holds only the base64 it reaches (the
 * shared build's is not in a bundle of one loss).
 */
function compiledBuild(build: KernelsBuild, bytes: () => Uint8Array<ArrayBuffer> | null): WebAssembly.Module | null {
  let module = compiledBuilds.get(build);
  if (module === undefined) {
    try {
      const b = bytes();
      const sharedOk = !build.startsWith('shared') || typeof SharedArrayBuffer === 'function';
      module = b !== null && sharedOk && WebAssembly.validate(b) ? new WebAssembly.Module(b) : null;
    } catch {
      module = null;
    }
    compiledBuilds.set(build, module);
  }
  return module;
}

const plainBytes = () => wasmBytes(KERNELS_WASM_BASE64);
const fmaPlainBytes = () => fmaBytes('kernelsFma.wasm');

/**
 * The compiled module, or null where the runtime has no WebAssembly or no SIMD: the FMA
 * build where the runtime has relaxed SIMD and the file loads (Node), else the plain one.
 * `fma` asks for one of the two (null where that one cannot run). Softmax cross-entropy
 * (4096, 1000) on Node 24 took 5.00 ms with the FMA build against 5.45 with the plain one
 * (bench `softmax-ce`, medians, runs in a row pinned to core 0, 2026-12-07).
 */
export function kernelsModule(fma?: boolean): WebAssembly.Module | null {
  if (fma === undefined) return compiledBuild('fma', fmaPlainBytes) ?? compiledBuild('plain', plainBytes);
  return fma ? compiledBuild('fma', fmaPlainBytes) : compiledBuild('plain', plainBytes);
}

/**
 * The kernels compiled for a shared memory (worker threads working on one arena), or null
 * where the runtime lacks SIMD, threads or shared memory (a browser page that is not
 * cross-origin isolated); the FMA build where it runs, as kernelsModule.
 */
export function sharedKernelsModule(fma?: boolean): WebAssembly.Module | null {
  const fmaShared = () => compiledBuild('sharedFma', () => fmaBytes('kernelsSharedFma.wasm'));
  const shared = () => compiledBuild('shared', () => wasmBytes(KERNELS_SHARED_WASM_BASE64));
  if (fma === undefined) return fmaShared() ?? shared();
  return fma ? fmaShared() : shared();
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
  if (!compiledBuilds.has('plain') && compiledBuild('fma', fmaPlainBytes) === null) {
    try {
      const bytes = plainBytes();
      compiledBuilds.set('plain', WebAssembly.validate(bytes) ? await WebAssembly.compile(bytes) : null);
    } catch {
      compiledBuilds.set('plain', null);
    }
  }
  return loadWasmKernels() !== null;
}

function wasmBytes(base64: string): Uint8Array<ArrayBuffer> {
  // atob is a global in browsers and in Node ≥ 16.
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

interface NodeProcess {
  getBuiltinModule?(id: string): unknown;
}

/**
 * The bytes of an FMA build, read synchronously from the file beside this module (written
 * by assembly/build.mjs), or null: where the runtime lacks relaxed SIMD, and where there
 * is no file to read, as in a browser, which runs the plain build. Node ≥ 20.16 and 22.3
 * lend their file system through process.getBuiltinModule, a global, so the library
 * imports no Node built-in and bundles for the browser carry no reference to one.
 */
function fmaBytes(file: string): Uint8Array<ArrayBuffer> | null {
  if (!relaxedSimdAvailable()) return null;
  try {
    const process = (globalThis as { process?: NodeProcess }).process;
    const fs = process?.getBuiltinModule?.('fs') as { readFileSync(path: URL): Uint8Array } | undefined;
    if (fs === undefined) return null;
    const read = fs.readFileSync(new URL(file, import.meta.url));
    const bytes = new Uint8Array(read.byteLength);
    bytes.set(read);
    return bytes;
  } catch {
    return null;
  }
}
