// Tight typed-array kernels for the hot paths, used by the losses and the network
// (docs/design.md: core/kernels). Float64 paths derive from the core/math primitives; float32
// paths are the fast ones (WebAssembly SIMD where available, TypeScript otherwise).
export type { KernelArray } from './KernelArray.js';
export { fastExpNonPositive, FLOAT32_EXP_UNDERFLOW } from './fastExp.js';
export { pickWasm, type KernelBackend } from './pickWasm.js';
export { classTargetDivisor } from './classTargetDivisor.js';
export {
  softmaxCrossEntropyKernel,
  type SoftmaxCrossEntropyKernelOptions,
  type SoftmaxCrossEntropyKernelResult,
} from './softmaxCrossEntropyKernel.js';
export { softmaxCrossEntropyRowF64 } from './softmaxCrossEntropyRowF64.js';
export { softmaxCrossEntropyRowsF32 } from './softmaxCrossEntropyRowsF32.js';
export { softmaxCrossEntropyRowsF64 } from './softmaxCrossEntropyRowsF64.js';
export { bceWithLogitsKernel, type BceWithLogitsKernelOptions } from './bceWithLogitsKernel.js';
export { bceWithLogitsF32 } from './bceWithLogitsF32.js';
export { bceWithLogitsF64 } from './bceWithLogitsF64.js';
export { denseForward, denseBackwardParams, denseBackwardInput } from './denseKernels.js';
export { loadWasmKernels, initWasmKernels, instantiateKernels, type WasmKernelExports } from './wasm/loadWasmKernels.js';
export { createKernelArena, kernelsOwning, type KernelArena, type KernelArenaOptions } from './wasm/kernelArena.js';
export { softmaxCrossEntropyRowsWasm } from './wasm/softmaxCrossEntropyWasm.js';
