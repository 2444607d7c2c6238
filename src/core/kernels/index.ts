// Tight typed-array kernels for the hot paths, used by the losses and the network
// (DESIGN.md: core/kernels). Float64 paths are bit-for-bit the losses layer; float32
// paths are the fast ones (WebAssembly SIMD where available, TypeScript otherwise).
export type { KernelArray } from './KernelArray.js';
export { fastExpNonPositive, FLOAT32_EXP_UNDERFLOW } from './fastExp.js';
export {
  softmaxCrossEntropyKernel,
  softmaxCrossEntropyRowsF32,
  softmaxCrossEntropyRowsF64,
  pickWasm,
  type KernelBackend,
  type SoftmaxCrossEntropyKernelOptions,
  type SoftmaxCrossEntropyKernelResult,
} from './softmaxCrossEntropyKernel.js';
export { softmaxCrossEntropyExactRow } from './softmaxCrossEntropyExactRow.js';
export { bceWithLogitsKernel, bceWithLogitsF32, bceWithLogitsF64, type BceWithLogitsKernelOptions } from './bceWithLogitsKernel.js';
export { denseForward, denseBackwardParams, denseBackwardInput } from './denseKernels.js';
export { loadWasmKernels, initWasmKernels, type WasmKernelExports } from './wasm/loadWasmKernels.js';
export { softmaxCrossEntropyRowsWasm } from './wasm/softmaxCrossEntropyWasm.js';
