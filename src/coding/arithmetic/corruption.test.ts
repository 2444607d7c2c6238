import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/random/createRng.js';
import { compressBytes, decompressBytes } from './compressBytes.js';
import { MODEL_NAMES } from './container.js';
import { CorruptInputError } from './CorruptInputError.js';
import { englishText, randomBytes } from '../../../test/coding/testData.js';

const original = englishText().subarray(1000, 1600);
const containers = MODEL_NAMES.map((model) => compressBytes(original, { model }).bytes);

/** Decompresses, returning the error if any (which must be a CorruptInputError). */
function attempt(bytes: Uint8Array): Uint8Array | CorruptInputError {
  try {
    return decompressBytes(bytes);
  } catch (e) {
    if (e instanceof CorruptInputError) return e;
    throw e;
  }
}

function expectCorrupt(bytes: Uint8Array, detail: RegExp): void {
  const result = attempt(bytes);
  expect(result).toBeInstanceOf(CorruptInputError);
  expect((result as CorruptInputError).message).toMatch(/^corrupt input \(/);
  expect((result as CorruptInputError).message).toMatch(detail);
}

describe('damaged containers', () => {
  const good = containers[2];

  it('names a wrong magic, an unknown version, a damaged header', () => {
    expectCorrupt(new TextEncoder().encode('hello, world: not a container'), /wrong magic/);
    expectCorrupt(new Uint8Array(0), /truncated header/);
    const v2 = good.slice();
    v2[4] = 2;
    expectCorrupt(v2, /unsupported container version 2/);
    const badModel = good.slice();
    badModel[5] = 9;
    expectCorrupt(badModel, /unknown model id 9/);
    const badLength = good.slice();
    badLength[12] ^= 0x40; // length × 2^48: caught by the header checksum, not decoded
    expectCorrupt(badLength, /header checksum mismatch/);
  });

  it('refuses truncation, trailing bytes and a damaged payload', () => {
    expectCorrupt(good.subarray(0, 10), /truncated header/);
    expectCorrupt(good.subarray(0, good.length - 40), /truncated payload|CRC-32/);
    expectCorrupt(Uint8Array.from([...good, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), /bytes appended|CRC-32|outside/);
    for (const c of containers) expectCorrupt(Uint8Array.from([...c, 0]), /bytes appended/);
    const flipped = good.slice();
    flipped[40] ^= 0x10;
    expectCorrupt(flipped, /CRC-32|outside|truncated|bytes appended/);
  });

  it('every prefix of every container fails cleanly or (if only padding-equivalent bytes are gone) decodes exactly', () => {
    for (const c of containers) {
      for (let n = 0; n < c.length; n++) {
        const r = attempt(c.subarray(0, n));
        if (!(r instanceof CorruptInputError)) expect(Buffer.from(r).equals(Buffer.from(original))).toBe(true);
      }
    }
  });

  it('fuzz: 4000 seeded variants (bit flips, byte changes, truncations, extensions, deletions) fail cleanly or decode exactly', () => {
    const rng = createRng(2024);
    const inputs = [...containers, ...MODEL_NAMES.map((model) => compressBytes(randomBytes(300, 7), { model }).bytes)];
    const originals = [...containers.map(() => original), ...MODEL_NAMES.map(() => randomBytes(300, 7))];
    let failed = 0;
    let decoded = 0;
    for (let t = 0; t < 4000; t++) {
      const which = rng.int(inputs.length);
      const variant = mutate(inputs[which], rng);
      const r = attempt(variant);
      if (r instanceof CorruptInputError) failed++;
      else {
        decoded++;
        expect(Buffer.from(r).equals(Buffer.from(originals[which]))).toBe(true);
      }
    }
    // Almost every variant must be caught: a variant can only decode exactly when the
    // change touched nothing the decoder relies on (say, the last payload byte dropped).
    expect(failed + decoded).toBe(4000);
    expect(failed).toBeGreaterThan(3950);
  });
});

function mutate(bytes: Uint8Array, rng: ReturnType<typeof createRng>): Uint8Array {
  const out = bytes.slice();
  switch (rng.int(5)) {
    case 0: {
      const flips = 1 + rng.int(3);
      for (let i = 0; i < flips; i++) out[rng.int(out.length)] ^= 1 << rng.int(8);
      return out;
    }
    case 1: {
      const at = rng.int(out.length);
      out[at] = (out[at] + 1 + rng.int(255)) & 0xff;
      return out;
    }
    case 2:
      return out.subarray(0, rng.int(out.length));
    case 3:
      return Uint8Array.from([...out, ...Array.from({ length: 1 + rng.int(16) }, () => rng.int(256))]);
    default: {
      const at = rng.int(out.length);
      return Uint8Array.from([...out.subarray(0, at), ...out.subarray(at + 1)]);
    }
  }
}
