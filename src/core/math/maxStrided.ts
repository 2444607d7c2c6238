/**
 * The largest of x[offset], x[offset + stride], … (`length` values): the shift that
 * makes exponentials safe. NaN if any value is NaN; −Infinity for length 0.
 *
 * The strided form serves both layouts of a class axis: contiguous rows of an (N, C)
 * tensor (stride 1) and the class axis of (N, C, d1, …), whose stride is d1·…·dK.
 *
 * @example
 * maxStrided([1, 9, 5, 2], 1, 2, 2) // 9 (the values at 1 and 3)
 */
export function maxStrided(x: ArrayLike<number>, offset: number, length: number, stride: number): number {
  let m = -Infinity;
  for (let j = 0, o = offset; j < length; j++, o += stride) {
    const v = x[o];
    if (v > m) m = v;
    else if (v !== v) return NaN;
  }
  return m;
}
