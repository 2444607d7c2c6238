import { jsRunner, type Runner } from './interleave.js';

/**
 * The floor of a memory-bound kernel over `bytes` of float32 input that writes as many
 * bytes of output: one read pass and one write pass over the same bytes, two ways.
 *
 * - `streaming limit`: TypedArray.prototype.set, which V8 hands to memcpy: the floor of
 *   the memory system itself, and a stable one;
 * - `JS copy loop`: the same copy as a plain JS loop, for reference only. Its speed
 *   depends on how V8 happens to compile it (measured between 1.9 and 9 ms for the same
 *   16 MB in one process: fast for the first closure of a kind, scalar and bounds-checked
 *   afterwards), so it is no floor.
 */
export function streamingRunners(bytes: number): { streamingLimit: Runner; jsCopyLoop: Runner } {
  const n = bytes >> 2;
  const src = new Float32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  const dst = new Float32Array(n);
  return {
    streamingLimit: jsRunner('streaming limit', () => dst.set(src)),
    jsCopyLoop: jsRunner('JS copy loop', () => copyLoop(dst, src)),
  };
}


function copyLoop(dst: Float32Array, src: Float32Array): void {
  for (let i = 0; i < src.length; i++) dst[i] = src[i];
}
