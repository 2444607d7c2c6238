/**
 * The two storage types a loss computes in. Arithmetic happens in JavaScript doubles
 * either way; `float32` rounds what is stored (inputs, per-element losses, gradients)
 * to single precision, as a Float32Array does, so one code path serves both dtypes.
 */
export type FloatArray = Float64Array | Float32Array;

export type Dtype = 'float64' | 'float32';

export const DTYPES: readonly Dtype[] = ['float64', 'float32'];

/** A zero-filled array of `length` elements of `dtype`. */
export function newFloatArray(dtype: Dtype, length: number): FloatArray {
  return dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
}

/** `x` rounded to what a scalar of `dtype` holds (Math.fround for float32). */
export function roundToDtype(x: number, dtype: Dtype): number {
  return dtype === 'float32' ? Math.fround(x) : x;
}
