import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/random/createRng.js';
import { compressBytes, decompressBytes } from './compressBytes.js';
import { Compressor } from './Compressor.js';
import { MODEL_NAMES, type ModelName } from './container.js';
import { decompressStream } from './decompressStream.js';
import { englishText, randomBytes } from '../../../test/coding/testData.js';

const text = englishText();
const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);
const inputs: [string, Uint8Array][] = [
  ['empty', new Uint8Array(0)],
  ['1 byte', Uint8Array.of(42)],
  ['all 256 byte values', allBytes],
  ['one byte value repeated', new Uint8Array(5000).fill(7)],
  ['seeded random bytes', randomBytes(20_000, 1)],
  ['English text', text],
];

/** |payload − cross-entropy| ≤ 0.01% of the cross-entropy + 32 bits (the coder's promise). */
function expectPayloadMatchesCrossEntropy(payloadBits: number, crossEntropyBits: number): void {
  expect(Math.abs(payloadBits - crossEntropyBits)).toBeLessThanOrEqual(1e-4 * crossEntropyBits + 32);
}

describe.each(MODEL_NAMES)('model %s', (model: ModelName) => {
  it.each(inputs)('round-trips %s exactly, with payload = cross-entropy ± (0.01% + 32 bits)', (_name, input) => {
    const r = compressBytes(input, { model });
    expect(decompressBytes(r.bytes)).toEqual(input);
    expect(r.outputBytes).toBe(r.bytes.length);
    expect(r.payloadBits).toBe(8 * (r.outputBytes - r.headerBytes));
    expectPayloadMatchesCrossEntropy(r.payloadBits, r.crossEntropyBits);
  });

  it('streams: any chunking gives the same container, and decoding 1 byte at a time works', () => {
    const input = text.subarray(0, 8000);
    const whole = compressBytes(input, { model }).bytes;
    const rng = createRng(3);
    const pieces: Uint8Array[] = [];
    for (let at = 0; at < input.length; ) {
      const n = 1 + rng.int(700);
      pieces.push(input.subarray(at, at + n));
      at += n;
    }
    const out: Uint8Array[] = [];
    const c = new Compressor(model, (chunk) => out.push(chunk.slice()), { sizeHint: input.length });
    pieces.forEach((p) => c.write(p));
    c.finish();
    expect(Buffer.concat(out)).toEqual(Buffer.from(whole));

    let i = 0;
    const decoded: number[] = [];
    const report = decompressStream(
      () => (i < whole.length ? whole.subarray(i, ++i) : undefined),
      (chunk) => decoded.push(...chunk),
    );
    expect(Uint8Array.from(decoded)).toEqual(input);
    // The decoder meets the same probabilities, so it reports the same cross-entropy.
    expect(report.crossEntropyBits).toBeCloseTo(compressBytes(input, { model }).crossEntropyBits, 6);
  });
});

describe('what the figures mean', () => {
  it('order0: the cross-entropy is Σ count·log2(total/freq) of the frequencies in the header', () => {
    const input = text;
    const r = compressBytes(input, { model: 'order0' });
    // Independent recomputation: counts, then the header's scaled frequencies.
    const counts = new Array<number>(256).fill(0);
    for (const b of input) counts[b]++;
    const n = input.length;
    const scale = (65536 - 256) / n;
    const freqs = counts.map((c) => (c === 0 ? 0 : n <= 65536 ? c : Math.max(1, Math.floor(c * scale))));
    const total = freqs.reduce((a, b) => a + b, 0);
    const expected = counts.reduce((s, c, b) => (c === 0 ? s : s + c * Math.log2(total / freqs[b])), 0);
    expect(r.crossEntropyBits).toBeCloseTo(expected, 6);
    // And the order-0 empirical entropy is a lower bound for it (Gibbs' inequality).
    const h = counts.reduce((s, c) => (c === 0 ? s : s + c * Math.log2(n / c)), 0);
    expect(r.crossEntropyBits).toBeGreaterThanOrEqual(h - 1e-6);
  });

  it('random bytes cannot be compressed: every model stays within 1.5% of 8 bits per byte', () => {
    const input = randomBytes(30_000, 2);
    for (const model of MODEL_NAMES) {
      const r = compressBytes(input, { model });
      expect(r.payloadBits / input.length).toBeGreaterThan(7.99);
      // The adaptive models pay a little for learning that there is nothing to learn.
      expect(r.payloadBits / input.length).toBeLessThan(8.12);
    }
  });

  it('longer contexts predict English better, and order3 beats gzip -9 on it', () => {
    const sizes = MODEL_NAMES.map((model) => compressBytes(text, { model }).outputBytes);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThan(sizes[i - 1]);
    expect(sizes[3]).toBeLessThan(gzipSync(text, { level: 9 }).length);
  });

  it('round-trips 10 MB of seeded random bytes with the static model', () => {
    const input = randomBytes(10 * 2 ** 20, 10);
    const r = compressBytes(input, { model: 'order0' });
    // Buffer.equals: a deep toEqual over 10 million elements is needlessly slow.
    expect(Buffer.from(decompressBytes(r.bytes)).equals(Buffer.from(input))).toBe(true);
    expectPayloadMatchesCrossEntropy(r.payloadBits, r.crossEntropyBits);
  });
});
