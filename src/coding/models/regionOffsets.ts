/**
 * Where each region starts when regions of the given sizes lie back to back in one
 * table, with the end of the last at index n: the models keep all their contexts'
 * statistics in one typed array (one array keeps the per-bit path monomorphic), each
 * context in a region of its own.
 *
 * @example
 * Array.from(regionOffsets([256, 65536, 16])) // [0, 256, 65792, 65808]
 */
export function regionOffsets(sizes: readonly number[]): Int32Array {
  const offsets = new Int32Array(sizes.length + 1);
  for (let i = 0; i < sizes.length; i++) offsets[i + 1] = offsets[i] + sizes[i];
  return offsets;
}
