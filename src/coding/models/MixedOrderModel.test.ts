import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/random/createRng.js';
import { englishText, randomBytes } from '../../../test/coding/testData.js';
import { ChunkReader, ChunkWriter, chunkSourceOf } from '../arithmetic/chunks.js';
import { RangeDecoder } from '../arithmetic/RangeDecoder.js';
import { RangeEncoder } from '../arithmetic/RangeEncoder.js';
import { decodeBitwise, encodeBitwise, measureBitwise } from './BitwiseCodingModel.js';
import { MixedOrderModel } from './MixedOrderModel.js';

const text = englishText().subarray(0, 4000);
const orders = [1, 2, 3] as const;
// Block bits 8: small tables, so hashed contexts collide too.
const BLOCK_BITS = 8;

const inputs: [string, Uint8Array][] = [
  ['English text', text],
  ['seeded random bytes', randomBytes(3000, 5)],
  ['one byte value repeated', new Uint8Array(2000).fill(0xe4)],
  ['all 256 byte values, twice', Uint8Array.from({ length: 512 }, (_, i) => i & 0xff)],
];

/** Cuts [0, n) into pieces of 1..300 bytes: the fast loop is called once per piece. */
function pieces(n: number): [number, number][] {
  const rng = createRng(7);
  const out: [number, number][] = [];
  for (let at = 0; at < n; ) {
    const end = Math.min(n, at + 1 + rng.int(300));
    out.push([at, end]);
    at = end;
  }
  return out;
}

function encodeWith(code: (enc: RangeEncoder) => void): Uint8Array {
  const parts: Uint8Array[] = [];
  const enc = new RangeEncoder(new ChunkWriter((c) => parts.push(c.slice())));
  code(enc);
  enc.finish();
  return new Uint8Array(Buffer.concat(parts));
}

describe('MixedOrderModel: its fused loop (run) against plain predict() and update(), bit by bit', () => {
  describe.each(orders)('order %i', (order) => {
    it.each(inputs)('%s: measureBytes gives exactly the costs of measureBitwise', (_, input) => {
      const fast = new Float64Array(input.length);
      const model = new MixedOrderModel(order, BLOCK_BITS);
      for (const [from, to] of pieces(input.length)) model.measureBytes(input, fast, from, to);
      const plain = new Float64Array(input.length);
      measureBitwise(new MixedOrderModel(order, BLOCK_BITS), input, plain, 0, input.length);
      expect(fast).toEqual(plain);
    });

    it.each(inputs)('%s: encodeBytes writes the bytes of encodeBitwise, and decodeBytes reads them back as decodeBitwise does', (_, input) => {
      const fastModel = new MixedOrderModel(order, BLOCK_BITS);
      const fast = encodeWith((enc) => {
        for (const [from, to] of pieces(input.length)) fastModel.encodeBytes(enc, input, from, to);
      });
      const plain = encodeWith((enc) => encodeBitwise(new MixedOrderModel(order, BLOCK_BITS), enc, input, 0, input.length));
      expect(fast).toEqual(plain);

      const decodedFast = new Uint8Array(input.length);
      const decoderModel = new MixedOrderModel(order, BLOCK_BITS);
      const dec = new RangeDecoder(new ChunkReader(chunkSourceOf(fast)));
      for (const [from, to] of pieces(input.length)) decoderModel.decodeBytes(dec, decodedFast, from, to);
      const decodedPlain = new Uint8Array(input.length);
      decodeBitwise(new MixedOrderModel(order, BLOCK_BITS), new RangeDecoder(new ChunkReader(chunkSourceOf(plain))), decodedPlain, 0, input.length);
      expect(decodedFast).toEqual(input);
      expect(decodedPlain).toEqual(input);
    });
  });
});

describe('MixedOrderModel: the next byte', () => {
  it.each(orders)('order %i: nextByteDistribution is, for every byte, the product of its bit probabilities', (order) => {
    const prefix = text.subarray(0, 300);
    const model = new MixedOrderModel(order, BLOCK_BITS);
    model.measureBytes(prefix, new Float64Array(prefix.length));
    const distribution = model.nextByteDistribution();
    let total = 0;
    for (let b = 0; b < 256; b++) {
      // A fresh model replayed bit by bit, then taken down b's path.
      const reference = new MixedOrderModel(order, BLOCK_BITS);
      measureBitwise(reference, prefix, new Float64Array(prefix.length), 0, prefix.length);
      const cost = new Float64Array(1);
      measureBitwise(reference, Uint8Array.of(b), cost, 0, 1);
      expect(distribution[b]).toBeCloseTo(2 ** -cost[0], 14);
      total += distribution[b];
    }
    expect(total).toBeCloseTo(1, 12);
  });

  it.each(orders)('order %i: nextByteDistribution and topNextBytes leave the model as it was', (order) => {
    const untouched = new MixedOrderModel(order, BLOCK_BITS);
    const probed = new MixedOrderModel(order, BLOCK_BITS);
    const costsA = new Float64Array(text.length);
    const costsB = new Float64Array(text.length);
    for (let at = 0; at < text.length; at += 500) {
      untouched.measureBytes(text, costsA, at, at + 500);
      probed.nextByteDistribution();
      probed.topNextBytes(3);
      probed.measureBytes(text, costsB, at, at + 500);
    }
    expect(costsB).toEqual(costsA);
  });
});
