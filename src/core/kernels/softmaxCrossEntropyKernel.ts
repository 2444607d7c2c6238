import { XentError } from '../XentError.js';
import { NeumaierAccumulator } from '../math/neumaierSum.js';
import { fastExpNonPositive } from './fastExp.js';
import { softmaxCrossEntropyExactRow as exactRow } from './softmaxCrossEntropyExactRow.js';
import type { KernelArray } from './KernelArray.js';
import { loadWasmKernels, type WasmKernelExports } from './wasm/loadWasmKernels.js';
import { softmaxCrossEntropyRowsWasm } from './wasm/softmaxCrossEntropyWasm.js';

export type { KernelArray };

export interface SoftmaxCrossEntropyKernelOptions {
  /** `mean` (default) divides by the summed weights of the counted rows, as PyTorch does. */
  reduction?: 'mean' | 'sum';
  /** A weight per class (length `cols`); the row's loss and gradient are scaled by weight[target]. */
  weight?: ArrayLike<number> | null;
  /** Rows whose target equals it count nothing and get a zero gradient; default −100. */
  ignoreIndex?: number;
  /**
   * Where to write ∂loss/∂logits (same type and length as the logits). Pass the same
   * buffer every call to allocate nothing; `null` skips the backward pass; omitted, a
   * new array is allocated.
   */
  grad?: KernelArray | null;
  /**
   * Which float32 kernel runs: `auto` (default) takes WebAssembly SIMD where the runtime
   * has it and TypeScript otherwise; `wasm` insists (an error where it is missing);
   * `typescript` is the reference fallback. Float64 always takes the exact path.
   */
  backend?: KernelBackend;
}

export type KernelBackend = 'auto' | 'wasm' | 'typescript';

export interface SoftmaxCrossEntropyKernelResult {
  /** The reduced loss in nats, rounded to the logits' precision. */
  loss: number;
  /** ∂loss/∂logits, or null when `grad: null` was passed. */
  grad: KernelArray | null;
}

/**
 * Softmax cross-entropy with class-index targets, forward and backward in one sweep over
 * rows of a row-major (rows, cols) logits array: F.cross_entropy(x, t, weight,
 * ignore_index, reduction) and its gradient (softmax − onehot)·weight[t]·scale.
 *
 * Per row, three passes over memory that stays in cache between them: the maximum m; the
 * exponentials e_j = exp(x_j − m), written straight into the gradient row while summing
 * them; then the gradient e_j·(w/s) for j ≠ t and −w·(Σ_{j≠t} e_j)/s for the target
 * (the other classes are summed apart, so 1 − p_t keeps its digits as p_t → 1). The
 * logits are read from memory once and the gradient written once, the floor for this
 * work, and nothing is allocated per row.
 *
 * Float64 logits take the exact path, bit-for-bit the losses layer's crossEntropyLoss
 * (softmaxCrossEntropyExactRow). Float32 logits take the fast path: the WebAssembly SIMD
 * kernel of assembly/kernels.ts where the runtime has it (four lanes, a minimax exp of
 * relative error 2e-7), else the TypeScript loop with a table-driven exp
 * (fastExpNonPositive); both within 1e-6 relative of the exact path, with row sums in
 * doubles and the reduction compensated. Rows with an infinite maximum or a NaN follow
 * the exact path's rules on both.
 *
 * @example
 * const logits = new Float32Array([2, -1, 0.5, 0, 0, 0]);
 * const { loss, grad } = softmaxCrossEntropyKernel(logits, [0, 2], 2, 3);
 * // loss = mean of −log softmax(row)[target]; grad has the shape of logits
 */
export function softmaxCrossEntropyKernel(
  logits: KernelArray,
  targets: ArrayLike<number>,
  rows: number,
  cols: number,
  options: SoftmaxCrossEntropyKernelOptions = {},
): SoftmaxCrossEntropyKernelResult {
  const reduction = options.reduction ?? 'mean';
  const weight = options.weight ?? null;
  const ignoreIndex = options.ignoreIndex ?? -100;
  checkShape(logits, targets, rows, cols, weight);
  const grad = options.grad === undefined ? newLike(logits) : options.grad;
  if (grad !== null && (grad.length !== logits.length || grad.constructor !== logits.constructor)) {
    throw new XentError(`grad buffer must be a ${logits.constructor.name} of length ${logits.length}`, { field: 'grad' });
  }
  // The divisor of a mean (Σ weight[t] over counted rows) is known before the sweep, so the
  // sweep writes final gradients instead of scaling them in a second pass.
  let divisor = 0;
  for (let r = 0; r < rows; r++) {
    const t = targets[r];
    if (t === ignoreIndex) continue;
    if (!Number.isInteger(t) || t < 0 || t >= cols) {
      throw new XentError(`target ${t} is not a class index in [0, ${cols})`, { field: 'target', index: r });
    }
    divisor += weight === null ? 1 : weight[t];
  }
  const gradScale = reduction === 'mean' ? 1 / divisor : 1;
  let sum: number;
  if (logits instanceof Float32Array) {
    const wasm = pickWasm(options.backend ?? 'auto');
    sum =
      wasm === null
        ? softmaxCrossEntropyRowsF32(logits, targets, rows, cols, weight, ignoreIndex, gradScale, grad as Float32Array | null)
        : softmaxCrossEntropyRowsWasm(wasm, logits, targets, rows, cols, weight, ignoreIndex, gradScale, grad as Float32Array | null);
  } else {
    sum = softmaxCrossEntropyRowsF64(logits, targets, rows, cols, weight, ignoreIndex, gradScale, grad as Float64Array | null);
  }
  const loss = reduction === 'mean' ? sum / divisor : sum;
  return { loss: logits instanceof Float32Array ? Math.fround(loss) : loss, grad };
}

/**
 * The float32 sweep: returns Σ_rows weight[t]·(−log softmax(x)_t) (compensated sum) and,
 * when `grad` is given, writes gradScale·weight[t]·(softmax(x) − onehot(t)) into it.
 * Targets must already be checked. For the losses layer and the benchmark.
 */
export function softmaxCrossEntropyRowsF32(
  logits: Float32Array,
  targets: ArrayLike<number>,
  rows: number,
  cols: number,
  weight: ArrayLike<number> | null,
  ignoreIndex: number,
  gradScale: number,
  grad: Float32Array | null,
): number {
  const acc = new NeumaierAccumulator();
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    const end = o + cols;
    const t = targets[r];
    if (t === ignoreIndex) {
      if (grad !== null) grad.fill(0, o, end);
      continue;
    }
    const w = weight === null ? 1 : weight[t];
    let m = -Infinity;
    for (let i = o; i < end; i++) {
      const v = logits[i];
      if (v > m) m = v;
    }
    if (m === Infinity || m === -Infinity) {
      // Rare rows (an infinite maximum, or all −Infinity) follow the exact path's tie rule.
      acc.add(exactRow(logits, o, cols, t, w, gradScale, grad));
      continue;
    }
    const xt = logits[o + t] - m;
    // The exponentials of the other classes are summed apart from the target's: their sum
    // is 1 − p_t times s, the target's gradient, which would otherwise come out of the
    // cancellation p_t − 1 and lose its digits as p_t → 1 (a well-trained network).
    let others = 0;
    const tIndex = o + t;
    if (grad !== null) {
      for (let i = o; i < tIndex; i++) {
        const e = fastExpNonPositive(logits[i] - m);
        grad[i] = e;
        others += e;
      }
      for (let i = tIndex + 1; i < end; i++) {
        const e = fastExpNonPositive(logits[i] - m);
        grad[i] = e;
        others += e;
      }
    } else {
      for (let i = o; i < tIndex; i++) others += fastExpNonPositive(logits[i] - m);
      for (let i = tIndex + 1; i < end; i++) others += fastExpNonPositive(logits[i] - m);
    }
    const et = fastExpNonPositive(xt);
    const s = others + et;
    // −log p_t = log s − (x_t − m); when the target is the maximum (e_t = 1) that is
    // log1p(others), exact to the last digit for small losses. NaN anywhere in the row
    // makes s NaN (fastExp propagates it), hence the loss too.
    const rowLoss = xt === 0 ? Math.log1p(others) : Math.log(s) - xt;
    acc.add(w === 0 ? 0 : w * rowLoss);
    if (grad !== null) {
      const coef = w * gradScale;
      const c = coef / s;
      for (let i = o; i < end; i++) grad[i] *= c;
      grad[o + t] = -(coef * (others / s));
    }
  }
  return acc.value();
}

/** The float64 sweep: the exact path, same contract as softmaxCrossEntropyRowsF32. */
export function softmaxCrossEntropyRowsF64(
  logits: Float64Array,
  targets: ArrayLike<number>,
  rows: number,
  cols: number,
  weight: ArrayLike<number> | null,
  ignoreIndex: number,
  gradScale: number,
  grad: Float64Array | null,
): number {
  const acc = new NeumaierAccumulator();
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    const t = targets[r];
    if (t === ignoreIndex) {
      if (grad !== null) grad.fill(0, o, o + cols);
      continue;
    }
    acc.add(exactRow(logits, o, cols, t, weight === null ? 1 : weight[t], gradScale, grad));
  }
  return acc.value();
}

/** The WebAssembly kernels when `backend` asks for them and the runtime has them. */
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

function checkShape(
  logits: KernelArray,
  targets: ArrayLike<number>,
  rows: number,
  cols: number,
  weight: ArrayLike<number> | null,
): void {
  if (!(logits instanceof Float32Array || logits instanceof Float64Array)) {
    throw new XentError('logits must be a Float32Array or Float64Array', { field: 'input' });
  }
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 1 || rows * cols !== logits.length) {
    throw new XentError(`${logits.length} logits do not make ${rows} rows of ${cols} classes`, { field: 'input' });
  }
  if (targets.length !== rows) {
    throw new XentError(`${targets.length} targets for ${rows} rows`, { field: 'target' });
  }
  if (weight !== null && weight.length !== cols) {
    throw new XentError(`${weight.length} class weights for ${cols} classes`, { field: 'weight' });
  }
}

function newLike(a: KernelArray): KernelArray {
  return a instanceof Float32Array ? new Float32Array(a.length) : new Float64Array(a.length);
}
