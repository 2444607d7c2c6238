import { XentError } from '../XentError.js';
import { bceWithLogitsF32 } from './bceWithLogitsF32.js';
import { bceWithLogitsF64 } from './bceWithLogitsF64.js';
import type { KernelArray } from './KernelArray.js';
import { pickWasm, type KernelBackend } from './pickWasm.js';
import { bceWithLogitsWasm } from './wasm/bceWithLogitsWasm.js';

export interface BceWithLogitsKernelOptions {
  /** `mean` (default) divides by the element count. */
  reduction?: 'mean' | 'sum';
  /** Where to write ∂loss/∂x (same type and length as x); null skips it; omitted, allocated. */
  grad?: KernelArray | null;
  /** `auto` (default): WebAssembly SIMD for float32 inputs and targets where available. */
  backend?: KernelBackend;
}

/**
 * F.binary_cross_entropy_with_logits(x, z) and its gradient in one pass over the
 * elements: ℓ = max(x, 0) − x·z + log1p(e^−|x|) (the softplus form, which never
 * exponentiates a positive number), ∂ℓ/∂x = σ(x) − z, reduced by mean or sum.
 *
 * One exponential serves both: u = e^−|x| gives log1p(u) and σ(x) = 1/(1 + u) for x ≥ 0,
 * u/(1 + u) for x < 0. Float64 inputs take the exact path (the core/math primitives
 * softplus and sigmoid; see bceWithLogitsF64); float32 inputs the fast one: fastExpNonPositive, and log1p(u) for u ∈ [0, 1] from the
 * series 2·atanh(s) = 2(s + s³/3 + … + s¹⁵/15) with s = u/(2 + u) ≤ 1/3, whose
 * truncation error is below (1/9)⁸/17 ≈ 1.4e-9 relative; with float32 targets too, the
 * WebAssembly SIMD kernel (assembly/kernels.ts) does the same in float32 lanes.
 *
 * @example
 * bceWithLogitsKernel(new Float32Array([0]), new Float32Array([1])).loss // log 2 ≈ 0.6931
 */
export function bceWithLogitsKernel(
  x: KernelArray,
  z: ArrayLike<number>,
  options: BceWithLogitsKernelOptions = {},
): { loss: number; grad: KernelArray | null } {
  if (!(x instanceof Float32Array || x instanceof Float64Array)) {
    throw new XentError('input must be a Float32Array or Float64Array', { field: 'input' });
  }
  if (z.length !== x.length) throw new XentError(`${z.length} targets for ${x.length} inputs`, { field: 'target' });
  const reduction = options.reduction ?? 'mean';
  const n = x.length;
  const grad = options.grad === undefined ? (x instanceof Float32Array ? new Float32Array(n) : new Float64Array(n)) : options.grad;
  if (grad !== null && (grad.length !== n || grad.constructor !== x.constructor)) {
    throw new XentError(`grad buffer must be a ${x.constructor.name} of length ${n}`, { field: 'grad' });
  }
  const scale = reduction === 'mean' ? 1 / n : 1;
  let sum: number;
  if (x instanceof Float32Array) {
    const wasm = pickWasm(options.backend ?? 'auto');
    sum =
      wasm !== null && z instanceof Float32Array
        ? bceWithLogitsWasm(wasm, x, z, scale, grad as Float32Array | null)
        : bceWithLogitsF32(x, z, scale, grad as Float32Array | null);
  } else {
    sum = bceWithLogitsF64(x, z, scale, grad as Float64Array | null);
  }
  const loss = reduction === 'mean' ? sum / n : sum;
  return { loss: x instanceof Float32Array ? Math.fround(loss) : loss, grad };
}
