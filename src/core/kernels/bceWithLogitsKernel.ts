import { XentError } from '../XentError.js';
import { NeumaierAccumulator } from '../math/neumaierSum.js';
import { fastExpNonPositive } from './fastExp.js';
import type { KernelArray } from './KernelArray.js';
import { pickWasm, type KernelBackend } from './softmaxCrossEntropyKernel.js';
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
 * u/(1 + u) for x < 0. Float64 inputs take the exact path (Math.exp, Math.log1p, the
 * losses layer's expressions; see bceWithLogitsF64); float32 inputs the fast one: fastExpNonPositive, and log1p(u) for u ∈ [0, 1] from the
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

/** Σ ℓ_i over float32 inputs (compensated per block), writing scale·(σ(x) − z) into grad. */
export function bceWithLogitsF32(x: Float32Array, z: ArrayLike<number>, scale: number, grad: Float32Array | null): number {
  const acc = new NeumaierAccumulator();
  const n = x.length;
  // Plain double sums over blocks of 4096 keep the hot loop free of the compensation's
  // branch; 4096 terms of at most ~100 lose nothing a float32 result would show.
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(start + BLOCK, n);
    let s = 0;
    for (let i = start; i < end; i++) {
      const v = x[i];
      const t = z[i];
      const u = fastExpNonPositive(v >= 0 ? -v : v);
      const q = u / (2 + u);
      const q2 = q * q;
      const log1pU =
        2 * q * (1 + q2 * (1 / 3 + q2 * (1 / 5 + q2 * (1 / 7 + q2 * (1 / 9 + q2 * (1 / 11 + q2 * (1 / 13 + q2 * (1 / 15))))))));
      s += (v > 0 ? v : 0) - v * t + log1pU;
      if (grad !== null) {
        const inv = 1 / (1 + u);
        // σ(x) − z as (1 − z) − σ(−x) for x ≥ 0: no cancellation when σ(x) and z are both ≈ 1.
        grad[i] = (v >= 0 ? 1 - t - u * inv : u * inv - t) * scale;
      }
    }
    acc.add(s);
  }
  return acc.value();
}

/**
 * The exact float64 path: the expressions of the losses layer's
 * binaryCrossEntropyWithLogits (without weights), so bit-for-bit its results: with
 * e = e^−|x|, ℓ = y·(max(−x, 0) + log1p e) + (1 − y)·(max(x, 0) + log1p e), a zero
 * coefficient contributing 0, and ∂ℓ/∂x = (1 − y)·σ(x) − y·σ(−x); compensated sum.
 */
export function bceWithLogitsF64(x: Float64Array, z: ArrayLike<number>, scale: number, grad: Float64Array | null): number {
  const acc = new NeumaierAccumulator();
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const y = z[i];
    const e = Math.exp(-Math.abs(v));
    const tail = Math.log1p(e);
    const big = 1 / (1 + e);
    const small = e * big;
    const notY = 1 - y;
    acc.add((y === 0 ? 0 : y * (Math.max(-v, 0) + tail)) + (notY === 0 ? 0 : notY * (Math.max(v, 0) + tail)));
    if (grad !== null) grad[i] = (notY * (v >= 0 ? big : small) - y * (v >= 0 ? small : big)) * scale;
  }
  return acc.value();
}

const BLOCK = 4096;
