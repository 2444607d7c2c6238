import { XentError } from '../XentError.js';
import { loadWasmKernels, type WasmKernelExports } from './wasm/loadWasmKernels.js';

/**
 * Which float32 kernel runs: `auto` (default) takes WebAssembly SIMD where the runtime has
 * it and TypeScript otherwise; `wasm` insists (an error where it is missing); `typescript`
 * is the portable fallback. Float64 always takes the exact path.
 */
export type KernelBackend = 'auto' | 'wasm' | 'typescript';

/**
 * The WebAssembly kernels when `backend` asks for them and the runtime has them, else null.
 *
 * @example
 * pickWasm('typescript') // null
 */
export function pickWasm(backend: KernelBackend): WasmKernelExports | null {
  if (backend === 'typescript') return null;
  if (backend !== 'auto' && backend !== 'wasm') {
    throw new XentError(`unknown backend '${String(backend)}', expected auto, wasm or typescript`, { field: 'backend' });
  }
  const wasm = loadWasmKernels();
  if (wasm === null && backend === 'wasm') {
    throw new XentError('this runtime has no WebAssembly SIMD', { field: 'backend' });
  }
  return wasm;
}
