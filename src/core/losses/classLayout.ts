import { XentError } from '../XentError.js';
import type { Dtype, FloatArray } from './FloatArray.js';
import { formatShape, shapesEqual } from './shape.js';
import { logSoftmaxStrided } from '../math/logSoftmax.js';
import { toIndexTensor, toTensor, type Tensor, type TensorInput } from './tensor.js';

/**
 * How a classification input (C), (N, C) or (N, C, d1, …, dK) is laid out: `batch`
 * blocks of `classes` × `inner` values, the class axis of position (b, d) starting at
 * b·C·inner + d with stride `inner` = d1·…·dK. Each (b, d) is one "row" (one prediction),
 * numbered b·inner + d like the flat index of a target of shape (N, d1, …, dK).
 */
export interface ClassLayout {
  readonly batch: number;
  readonly classes: number;
  readonly inner: number;
  /** Shape of a class-index target and of the per-element losses: the input without its class axis. */
  readonly rowShape: readonly number[];
}

export function classLayout(inputShape: readonly number[]): ClassLayout {
  if (inputShape.length === 0) {
    throw new XentError('needs a class dimension: shape (C), (N, C) or (N, C, d1, …), got a scalar', { field: 'input' });
  }
  if (inputShape.length === 1) {
    const classes = inputShape[0];
    if (classes === 0) throw new XentError('has no classes (C = 0)', { field: 'input' });
    return { batch: 1, classes, inner: 1, rowShape: [] };
  }
  const [batch, classes, ...rest] = inputShape;
  if (classes === 0) throw new XentError('has no classes (C = 0)', { field: 'input' });
  let inner = 1;
  for (const s of rest) inner *= s;
  return { batch, classes, inner, rowShape: [batch, ...rest] };
}

/**
 * Where row r (numbered like a flat target index, b·inner + d) starts in the input:
 * b·C·inner + d. Its classes follow at stride `inner`.
 */
export function rowOffset(layout: ClassLayout, r: number): number {
  const b = Math.floor(r / layout.inner);
  return r + b * (layout.classes - 1) * layout.inner;
}

/**
 * log softmax along the class axis of every row, in doubles whatever the dtype: the one
 * row primitive (logSoftmaxStrided) every softmax loss reads its log-probabilities from.
 */
export function logSoftmaxClassAxis(x: ArrayLike<number>, layout: ClassLayout): Float64Array {
  const logP = new Float64Array(x.length);
  const rows = layout.batch * layout.inner;
  for (let r = 0; r < rows; r++) logSoftmaxStrided(x, rowOffset(layout, r), layout.classes, layout.inner, logP);
  return logP;
}

/**
 * Converts and checks class-index targets: shape (N, d1, …), and, unless the caller
 * leaves it to the fused kernel (`checkRange: false`, which checks the same thing with
 * the same error), every value in [0, C) or equal to ignoreIndex. PyTorch raises the same
 * way ("Target 7 is out of bounds").
 */
export function classTargets(target: TensorInput, layout: ClassLayout, ignoreIndex: number, checkRange = true): Tensor<Int32Array> {
  const t = toIndexTensor(target, 'target');
  if (!shapesEqual(t.shape, layout.rowShape)) {
    throw new XentError(
      `class-index target has shape ${formatShape(t.shape)} but the input needs ${formatShape(layout.rowShape)} (or the input's own shape for probabilities)`,
      { field: 'target' },
    );
  }
  if (checkRange) {
    const c = layout.classes;
    for (let i = 0; i < t.data.length; i++) {
      const y = t.data[i];
      // The message is softmaxCrossEntropyKernel's, word for word: either path reports a bad target alike.
      if ((y < 0 || y >= c) && y !== ignoreIndex) throw new XentError(`target ${y} is not a class index in [0, ${c})`, { field: 'target', index: i });
    }
  }
  return t;
}

/** What a class-index 'mean' divides by: Σ w_y over the targets that are not ignored (PyTorch's weighted mean). */
export function targetWeightSum(target: Int32Array, weight: ArrayLike<number> | undefined, ignoreIndex: number): number {
  let sum = 0;
  for (let r = 0; r < target.length; r++) {
    const y = target[r];
    if (y !== ignoreIndex) sum += weight === undefined ? 1 : weight[y];
  }
  return sum;
}

/** A per-class weight: shape (C), finite and non-negative. undefined means all ones. */
export function classWeight(value: TensorInput | undefined, classes: number, dtype: Dtype, field = 'weight'): FloatArray | undefined {
  if (value === undefined || value === null) return undefined;
  const w = toTensor(value, field, dtype);
  if (w.shape.length !== 1 || w.shape[0] !== classes) {
    throw new XentError(`has shape ${formatShape(w.shape)} but there are ${classes} classes: give one weight per class`, { field });
  }
  checkNonNegative(w.data, field);
  return w.data;
}

/** Weights must be finite and ≥ 0: a negative weight turns a loss into a reward. */
export function checkNonNegative(w: ArrayLike<number>, field: string): void {
  for (let i = 0; i < w.length; i++) {
    if (!(w[i] >= 0) || w[i] === Infinity) throw new XentError(`weight ${w[i]} is not a finite non-negative number`, { field, index: i });
  }
}

