import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/random/createRng.js';
import { compressBytes, decompressBytes } from './compressBytes.js';
import { MODEL_NAMES } from './container.js';
import { CHUNK_RAW_BYTES, HEADER_V2_BYTES, RECORD_BYTES } from './containerV2.js';
import { CorruptInputError } from './CorruptInputError.js';
import { crc32 } from './crc32.js';
import { decompressStream } from './decompressStream.js';
import { englishText, randomBytes } from '../../../test/coding/testData.js';

const original = englishText().subarray(1000, 1600);
const V1_MODELS = ['order0', 'order1', 'order2', 'order3'];
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/coding/${name}`, import.meta.url)));
const uint32le = (v: number) => Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24);
const uint32At = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
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

  it('names a wrong magic, an unknown version, a damaged header or chunk record', () => {
    expectCorrupt(new TextEncoder().encode('hello, world: not a container'), /wrong magic/);
    expectCorrupt(new Uint8Array(0), /truncated header/);
    const v3 = good.slice();
    v3[4] = 3;
    expectCorrupt(v3, /unsupported container version 3/);
    const badHeader = good.slice();
    badHeader[7] ^= 1; // tableBits: caught by the header checksum, not used
    expectCorrupt(badHeader, /header checksum mismatch/);
    // Fields that are wrong although their checksum is right.
    const withChecksum = (edit: (h: Uint8Array) => void) => {
      const c = good.slice();
      edit(c);
      c.set(uint32le(crc32(c.subarray(0, 9))), 9);
      return c;
    };
    expectCorrupt(withChecksum((h) => (h[5] = 9)), /unknown model id 9/);
    expectCorrupt(withChecksum((h) => (h[7] = 30)), /table size 2\^30 out of range/);
    expectCorrupt(withChecksum((h) => (h[8] = 21)), /chunk size/);
    const badLength = good.slice();
    badLength[HEADER_V2_BYTES + 3] ^= 0x40; // chunk length × 2^30: caught by the record checksum
    expectCorrupt(badLength, /chunk 1 \(from byte 0 of the original\): record checksum mismatch/);
  });

  it('a version-1 container with a damaged length is refused by its header checksum', () => {
    const v1 = new Uint8Array(readFileSync(new URL('../../../test/fixtures/coding/v1-text.order2.xent', import.meta.url)));
    v1[12] ^= 0x40;
    expectCorrupt(v1, /header checksum mismatch/);
  });

  it('reports damage in the chunk where it is, after handing over the good chunks before it', () => {
    // 2.5 MiB in three chunks (order0: fast); a flipped bit in the second chunk's payload.
    const data = randomBytes(2.5 * CHUNK_RAW_BYTES, 11).map((b) => b & 0x3f);
    const container = compressBytes(data, { model: 'order0' }).bytes;
    const firstPayload = uint32At(container, HEADER_V2_BYTES + 4);
    const second = HEADER_V2_BYTES + RECORD_BYTES + firstPayload;
    const damaged = container.slice();
    damaged[second + RECORD_BYTES + 5000] ^= 0x08;
    const received: number[] = [];
    let error: unknown;
    try {
      let given = false;
      decompressStream(
        () => (given ? undefined : ((given = true), damaged)),
        (chunk) => received.push(chunk.length),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CorruptInputError);
    expect((error as Error).message).toMatch(new RegExp(`chunk 2 \\(from byte ${CHUNK_RAW_BYTES} of the original\\)`));
    expect(received).toEqual([CHUNK_RAW_BYTES]);
    expect(Buffer.from(decompressBytes(container)).equals(Buffer.from(data))).toBe(true);
  });

  it('refuses truncation, trailing bytes and a damaged payload', () => {
    expectCorrupt(good.subarray(0, 10), /truncated header/);
    expectCorrupt(good.subarray(0, good.length - 40), /truncated .*payload|CRC-32/);
    expectCorrupt(Uint8Array.from([...good, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), /bytes after the end/);
    for (const c of containers) expectCorrupt(Uint8Array.from([...c, 0]), /bytes after the end/);
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
    const v1 = V1_MODELS.map((model) => fixture(`v1-text.${model}.xent`));
    const inputs = [...containers, ...MODEL_NAMES.map((model) => compressBytes(randomBytes(300, 7), { model }).bytes), ...v1];
    const originals = [...containers.map(() => original), ...MODEL_NAMES.map(() => randomBytes(300, 7)), ...v1.map(() => fixture('v1-text.txt'))];
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
