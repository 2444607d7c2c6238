import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/random/createRng.js';
import { ChunkReader, ChunkWriter } from './chunks.js';
import { SQUASH_TABLE, STRETCH, squash } from './logistic.js';
import { RangeDecoder } from './RangeDecoder.js';
import { RangeEncoder } from './RangeEncoder.js';

describe('RangeEncoder / RangeDecoder', () => {
  it('round-trip random symbol streams under random distributions (totals up to 2^16, freq 1 included)', () => {
    const rng = createRng(8);
    for (let t = 0; t < 40; t++) {
      // A distribution with k symbols, total ≤ 2^16, some frequencies 1.
      const k = 1 + rng.int(300);
      const freqs = Array.from({ length: k }, () => (rng.uniform() < 0.3 ? 1 : 1 + rng.int(Math.floor(65536 / k))));
      const cum = [0];
      for (const f of freqs) cum.push(cum[cum.length - 1] + f);
      const total = cum[k];
      const n = rng.int(3000);
      const symbols = Array.from({ length: n }, () => rng.int(k));
      const chunks: Uint8Array[] = [];
      const enc = new RangeEncoder(new ChunkWriter((c) => chunks.push(c.slice()), 100));
      let ideal = 0;
      for (const s of symbols) {
        enc.encode(cum[s], freqs[s], total);
        ideal += Math.log2(total / freqs[s]);
      }
      enc.finish();
      expect(enc.crossEntropyBits).toBeCloseTo(ideal, 6);
      const bytes = chunks.reduce((a, c) => a + c.length, 0);
      expect(Math.abs(8 * bytes - ideal)).toBeLessThanOrEqual(1e-4 * ideal + 32);

      let i = 0;
      const dec = new RangeDecoder(new ChunkReader(() => chunks[i++]));
      for (const s of symbols) {
        const v = dec.target(total);
        // Binary search for the symbol whose interval holds v.
        let lo = 0;
        let hi = k - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (cum[mid] <= v) lo = mid;
          else hi = mid - 1;
        }
        expect(lo).toBe(s);
        dec.consume(cum[lo], freqs[lo], total);
      }
    }
  });

  it('codes long runs of near-certain bits in almost no space (carry propagation exercised)', () => {
    const rng = createRng(9);
    const bits = Array.from({ length: 200_000 }, () => (rng.uniform() < 0.001 ? 0 : 1));
    const chunks: Uint8Array[] = [];
    const enc = new RangeEncoder(new ChunkWriter((c) => chunks.push(c.slice())));
    for (const b of bits) enc.encodeBit(b, 4095);
    enc.finish();
    const bytes = chunks.reduce((a, c) => a + c.length, 0);
    expect(Math.abs(8 * bytes - enc.crossEntropyBits)).toBeLessThanOrEqual(1e-4 * enc.crossEntropyBits + 32);
    let i = 0;
    const dec = new RangeDecoder(new ChunkReader(() => chunks[i++]));
    expect(bits.every((b) => dec.decodeBit(4095) === b)).toBe(true);
  });
});

describe('squash and stretch', () => {
  it('SQUASH_TABLE holds squash(d) at d + 2047 for every d in [−2047, 2047]', () => {
    expect(SQUASH_TABLE.length).toBe(4095);
    for (let d = -2047; d <= 2047; d++) expect(SQUASH_TABLE[d + 2047], `d = ${d}`).toBe(squash(d));
  });

  it('squash is monotone and within 16/4096 of 4096/(1 + e^(−d/256)) (the precision of its 33-point table)', () => {
    for (let d = -2047; d <= 2047; d++) {
      expect(Math.abs(squash(d) - 4096 / (1 + Math.exp(-d / 256)))).toBeLessThan(16);
      if (d > -2047) expect(squash(d)).toBeGreaterThanOrEqual(squash(d - 1));
    }
    expect(Math.abs(squash(0) - 2048)).toBeLessThanOrEqual(1);
  });

  it('stretch inverts squash: STRETCH[p] is the least d with squash(d) ≥ p', () => {
    for (let p = 1; p <= 4094; p++) {
      const d = STRETCH[p];
      expect(squash(d)).toBeGreaterThanOrEqual(p);
      if (d > -2047) expect(squash(d - 1)).toBeLessThan(p);
    }
  });
});
