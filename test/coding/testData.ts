// Inputs shared by the coder's tests in src/coding and src/cli (not part of the library).
import { readFileSync } from 'node:fs';
import { createRng } from '../../src/core/random/createRng.js';

/** Seeded random bytes. */
export function randomBytes(n: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    const x = rng.nextUint32();
    for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (x >>> (8 * j)) & 0xff;
  }
  return out;
}

/** English text: commander's README (43 kB), a dependency that is always installed. */
export function englishText(): Uint8Array {
  return new Uint8Array(readFileSync(new URL('../../node_modules/commander/Readme.md', import.meta.url)));
}
