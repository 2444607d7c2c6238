import type { Rng } from './createRng.js';

/**
 * Fisher–Yates shuffle (Knuth, TAOCP vol. 2, Algorithm P): every permutation is equally
 * likely given uniform `rng.int`. Shuffles `array` in place and returns it.
 *
 * @example
 * shuffleInPlace([0, 1, 2, 3], createRng(1)); // a permutation of 0..3, the same for seed 1
 */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(array: T, rng: Rng): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = array[i];
    array[i] = array[j];
    array[j] = t;
  }
  return array;
}
