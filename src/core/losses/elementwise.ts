import { XentError } from '../XentError.js';
import { checkNonNegative } from './classLayout.js';
import { newFloatArray, type Dtype, type FloatArray } from './FloatArray.js';
import { formatShape, numel, shapesEqual } from './shape.js';
import { toTensor, type Tensor, type TensorInput } from './tensor.js';

/**
 * The input and target of an elementwise loss (mse, binary cross-entropies, kl_div,
 * sigmoid focal). They must have the same shape: PyTorch broadcasts a mismatched target
 * with a warning, which hides bugs, so xent refuses.
 */
export function inputAndTarget(input: TensorInput, target: TensorInput, dtype: Dtype): { x: Tensor; t: FloatArray } {
  const x = toTensor(input, 'input', dtype);
  const t = toTensor(target, 'target', dtype);
  if (!shapesEqual(x.shape, t.shape)) {
    throw new XentError(`has shape ${formatShape(t.shape)} but input has shape ${formatShape(x.shape)}`, { field: 'target' });
  }
  return { x, t: t.data };
}

/**
 * A weight broadcast to `shape` by NumPy's rules (trailing axes aligned, each of size 1
 * or equal), as binary_cross_entropy's `weight` and `pos_weight` are; finite and ≥ 0.
 * Expanded once per call, so the loss loops index it like the input.
 *
 * @example
 * broadcastWeight([1, 2], [2, 2], 'float64', 'weight') // Float64Array [1, 2, 1, 2]
 */
export function broadcastWeight(value: TensorInput | undefined, shape: readonly number[], dtype: Dtype, field: string): FloatArray | undefined {
  if (value === undefined || value === null) return undefined;
  const w = toTensor(value, field, dtype);
  checkNonNegative(w.data, field);
  if (w.shape.length > shape.length) {
    throw new XentError(`has shape ${formatShape(w.shape)}, which does not broadcast to the input's ${formatShape(shape)}`, { field });
  }
  const rank = shape.length;
  const offset = rank - w.shape.length;
  // Strides of w in the input's axes, 0 where w is broadcast.
  const strides = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let a = rank - 1; a >= offset; a--) {
    const size = w.shape[a - offset];
    if (size !== 1 && size !== shape[a]) {
      throw new XentError(`has shape ${formatShape(w.shape)}, which does not broadcast to the input's ${formatShape(shape)}`, { field });
    }
    strides[a] = size === 1 ? 0 : stride;
    stride *= size;
  }
  if (shapesEqual(w.shape, shape)) return w.data;
  const out = newFloatArray(dtype, numel(shape));
  const counter = new Int32Array(rank);
  let source = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = w.data[source];
    // Odometer step over the input's index, moving `source` by w's strides.
    for (let a = rank - 1; a >= 0; a--) {
      counter[a]++;
      source += strides[a];
      if (counter[a] < shape[a]) break;
      source -= strides[a] * counter[a];
      counter[a] = 0;
    }
  }
  return out;
}
