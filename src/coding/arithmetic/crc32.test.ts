import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/random/createRng.js';
import { crc32 } from './crc32.js';

describe('crc32', () => {
  it('gives the standard check value 0xCBF43926 for "123456789" and 0 for nothing', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it("agrees with zlib's crc32, in one piece and continued over chunks", () => {
    const rng = createRng(1);
    for (let t = 0; t < 20; t++) {
      // Lengths of every residue mod 8, so both the 8-byte loop and the tail run.
      const data = Uint8Array.from({ length: rng.int(5000) + (t % 8) }, () => rng.int(256));
      expect(crc32(data)).toBe(zlibCrc32(data));
      const cut = rng.int(data.length + 1);
      expect(crc32(data.subarray(cut), crc32(data.subarray(0, cut)))).toBe(zlibCrc32(data));
    }
  });
});
