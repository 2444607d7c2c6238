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

/**
 * About 1.2 MB of text-like bytes, more than one 1 MiB chunk of container version 2:
 * copies of englishText() with 1% of the bytes replaced by seeded random ones (so no
 * copy repeats the last exactly), then 30 kB of random bytes.
 */
export function multiChunkText(): Uint8Array {
  const text = englishText();
  const rng = createRng(15);
  const out = new Uint8Array(1_200_000 + 30_000);
  for (let at = 0; at < 1_200_000; at += text.length) out.set(text.subarray(0, Math.min(text.length, 1_200_000 - at)), at);
  for (let i = 0; i < 12_000; i++) out[rng.int(1_200_000)] = rng.int(256);
  out.set(randomBytes(30_000, 16), 1_200_000);
  return out;
}
