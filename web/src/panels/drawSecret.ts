import { simulateGuessing, type PrefixCode } from '../../../src/coding/index.js';
import type { Rng } from '../../../src/core/random/createRng.js';

/**
 * Draws one secret from p with the library's own sampler: a one-round simulation whose
 * draw counts name the outcome. The page never re-implements sampling, so the animated
 * game and `xent huffman --simulate` draw secrets the same way.
 */
export function drawSecret(code: PrefixCode, p: readonly number[], rng: Rng): number {
  return simulateGuessing(code, p, 1, rng).draws.findIndex((count) => count === 1);
}
