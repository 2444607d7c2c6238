import { XentError } from '../XentError.js';
import { newFloatArray, type Dtype, type FloatArray } from './FloatArray.js';
import { formatShape, numel } from './shape.js';

/** A dense row-major tensor: flat storage and its shape. */
export interface Tensor<A extends ArrayLike<number> = FloatArray> {
  readonly data: A;
  readonly shape: readonly number[];
}

/** Nested arrays of numbers (a rectangular tensor of up to MAX_TENSOR_DIMS axes). */
export type NestedNumbers = number | readonly NestedNumbers[];

/**
 * The most axes a tensor may have: PyTorch's own limit (c10's "Tensors of dimension
 * larger than 64 are not supported"). Anything deeper is a malformed request, refused
 * before any recursion can run out of stack.
 */
export const MAX_TENSOR_DIMS = 64;

/**
 * What the losses accept for a tensor: nested arrays (`[[2, -1, 0.5]]`), a typed array
 * (one axis), or flat storage with its shape. A Float64Array/Float32Array of the loss's
 * dtype is used without a copy.
 */
export type TensorInput =
  | NestedNumbers
  | Float64Array
  | Float32Array
  | Int32Array
  | { readonly data: ArrayLike<number>; readonly shape: readonly number[] };

/**
 * Converts `value` to a tensor of `dtype`, rejecting ragged nesting, non-numbers, NaN and
 * more than MAX_TENSOR_DIMS axes with an XentError naming `field`. Infinities are allowed
 * (the losses define them). Wire spellings ("Infinity" strings in JSON) are the edge's to
 * decode (src/cli/decodeLossRequest.ts); here a string is not a number.
 *
 * @example
 * toTensor([[1, 2], [3, 4]], 'input', 'float64') // { data: Float64Array [1, 2, 3, 4], shape: [2, 2] }
 */
export function toTensor(value: TensorInput | unknown, field: string, dtype: Dtype): Tensor {
  if (isTypedArray(value)) return toTensor({ data: value, shape: [value.length] }, field, dtype);
  if (isFlat(value)) {
    const shape = checkShape(value.shape, field);
    if (value.data.length !== numel(shape)) {
      throw new XentError(`has ${value.data.length} values but shape ${formatShape(shape)} needs ${numel(shape)}`, { field });
    }
    const sameType = dtype === 'float32' ? value.data instanceof Float32Array : value.data instanceof Float64Array;
    const data = sameType ? (value.data as FloatArray) : newFloatArray(dtype, value.data.length);
    for (let i = 0; i < data.length; i++) {
      const x = value.data[i];
      if (sameType) {
        if (x !== x) throw new XentError('value is NaN', { field, index: i });
      } else {
        data[i] = checkNumber(x, field, i);
      }
    }
    return { data, shape };
  }
  const shape = nestedShape(value, field);
  const data = newFloatArray(dtype, numel(shape));
  let k = 0;
  const fill = (v: unknown, depth: number): void => {
    if (depth === shape.length) {
      data[k] = checkNumber(v, field, k);
      k++;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      throw new XentError(`is ragged: expected ${shape[depth]} entries at depth ${depth} like the first`, { field, index: k });
    }
    for (const e of v) fill(e, depth + 1);
  };
  fill(value, 0);
  return { data, shape };
}

/**
 * Converts class indices to an Int32Array tensor; every value must be an integer that
 * fits in 32 bits (range against the number of classes is the loss's check).
 */
export function toIndexTensor(value: TensorInput | unknown, field: string): Tensor<Int32Array> {
  const t = toTensor(value, field, 'float64');
  const data = new Int32Array(t.data.length);
  for (let i = 0; i < data.length; i++) {
    const x = t.data[i];
    if (!Number.isInteger(x) || x < -2147483648 || x > 2147483647) {
      throw new XentError(`class index ${x} is not an integer`, { field, index: i });
    }
    data[i] = x;
  }
  return { data, shape: t.shape };
}

/** The shape `value` has (or claims, for flat storage), without converting it. */
export function shapeOf(value: TensorInput | unknown, field: string): number[] {
  if (isTypedArray(value)) return [value.length];
  return isFlat(value) ? checkShape(value.shape, field) : nestedShape(value, field);
}

function isTypedArray(v: unknown): v is Float64Array | Float32Array | Int32Array {
  return v instanceof Float64Array || v instanceof Float32Array || v instanceof Int32Array;
}

function isFlat(v: unknown): v is { data: ArrayLike<number>; shape: readonly number[] } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'data' in v && 'shape' in v;
}

function checkShape(shape: unknown, field: string): number[] {
  if (!Array.isArray(shape) || shape.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new XentError('shape must be a list of non-negative integers', { field });
  }
  checkDims(shape.length, field);
  return [...(shape as number[])];
}

function checkDims(dims: number, field: string): void {
  if (dims > MAX_TENSOR_DIMS) throw new XentError(`has more than ${MAX_TENSOR_DIMS} dimensions`, { field });
}

/** The shape read along the first entry of each level; `fill` then checks the rest. */
function nestedShape(value: unknown, field: string): number[] {
  const shape: number[] = [];
  let v = value;
  while (Array.isArray(v)) {
    shape.push(v.length);
    checkDims(shape.length, field);
    if (v.length === 0) break;
    v = v[0];
  }
  if (shape.length === 0 && typeof v !== 'number') {
    throw new XentError(`expected a number or nested arrays of numbers, got ${describe(v)}`, { field });
  }
  return shape;
}

function checkNumber(v: unknown, field: string, index: number): number {
  if (typeof v !== 'number') throw new XentError(`value ${describe(v)} is not a number`, { field, index });
  if (v !== v) throw new XentError('value is NaN', { field, index });
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  return JSON.stringify(v);
}
