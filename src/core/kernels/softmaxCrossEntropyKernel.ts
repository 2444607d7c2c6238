import { XentError } from '../XentError.js';
import { classTargetDivisor } from './classTargetDivisor.js';
import type { KernelArray } from './KernelArray.js';
import { pickWasm, type KernelBackend } from './pickWasm.js';
import { softmaxCrossEntropyRowsF32 } from './softmaxCrossEntropyRowsF32.js';
import { softmaxCrossEntropyRowsF64 } from './softmaxCrossEntropyRowsF64.js';
import { softmaxCrossEntropyRowsWasm } from './wasm/softmaxCrossEntropyWasm.js';

export type { KernelArray, KernelBackend };

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
  /** Which float32 kernel runs (see KernelBackend); default `auto`. */
  backend?: KernelBackend;
}

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
 * Float64 logits take the exact path, row by row the core/math primitive
 * logSoftmaxStrided (softmaxCrossEntropyRowF64). Float32 logits take the fast path: the WebAssembly SIMD
 * kernel of assembly/kernels.ts where the runtime has it (four lanes, a minimax exp of
 * relative error 2e-7), else the TypeScript loop with a table-driven exp
 * (fastExpNonPositive); both judged against the float64 primitives in the tests, with row sums in
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
  // The divisor of a mean is known before the sweep, so the sweep writes final gradients
  // instead of scaling them in a second pass.
  const divisor = classTargetDivisor(targets, rows, cols, weight, ignoreIndex);
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
