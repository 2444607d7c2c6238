/** The storage types of the kernels: float64 is the exact path, float32 the fast one. */
export type KernelArray = Float32Array | Float64Array;
