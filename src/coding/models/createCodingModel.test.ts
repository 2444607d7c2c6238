import { describe, expect, it } from 'vitest';
import { XentError } from '../../core/XentError.js';
import { englishText } from '../../../test/coding/testData.js';
import { ChunkReader, ChunkWriter, chunkSourceOf } from '../arithmetic/chunks.js';
import { MODEL_NAMES } from '../arithmetic/container.js';
import { CorruptInputError } from '../arithmetic/CorruptInputError.js';
import { RangeDecoder } from '../arithmetic/RangeDecoder.js';
import { RangeEncoder } from '../arithmetic/RangeEncoder.js';
import { createCodingModel } from './createCodingModel.js';

const text = englishText().subarray(0, 3000);
const options = { tableBits: 6 };

/** One chunk through the interface alone: its prefix and code, as the container holds them. */
function encodeChunk(name: (typeof MODEL_NAMES)[number], chunk: Uint8Array): { payload: Uint8Array; crossEntropyBits: number } {
  const parts: Uint8Array[] = [];
  const out = new ChunkWriter((c) => parts.push(c.slice()));
  const model = createCodingModel(name, options);
  out.writeBytes(model.beginChunk(chunk));
  const enc = new RangeEncoder(out);
  model.encodeBytes(enc, chunk);
  enc.finish();
  return { payload: new Uint8Array(Buffer.concat(parts)), crossEntropyBits: enc.crossEntropyBits };
}

describe('createCodingModel', () => {
  it.each(MODEL_NAMES)('%s: what encodeBytes writes after beginChunk, readChunkPrefix and decodeBytes read back', (name) => {
    const { payload } = encodeChunk(name, text);
    const model = createCodingModel(name, options);
    const reader = new ChunkReader(chunkSourceOf(payload));
    model.readChunkPrefix((n) => reader.readExactly(n, 'prefix'));
    const decoded = new Uint8Array(text.length);
    model.decodeBytes(new RangeDecoder(reader), decoded);
    expect(decoded).toEqual(text);
  });

  it.each(MODEL_NAMES)('%s: measureBytes costs add up to the cross-entropy the encoder summed', (name) => {
    const { crossEntropyBits } = encodeChunk(name, text);
    const model = createCodingModel(name, options);
    model.beginChunk(text);
    const costs = new Float64Array(text.length);
    model.measureBytes(text, costs);
    expect(costs.reduce((a, b) => a + b, 0)).toBeCloseTo(crossEntropyBits, 6);
  });

  it.each(MODEL_NAMES)('%s: a clone goes on exactly as the original, and coding with it leaves the original as it was', (name) => {
    const model = createCodingModel(name, options);
    model.beginChunk(text);
    const half = text.length >> 1;
    model.measureBytes(text, new Float64Array(text.length), 0, half);
    const copy = model.clone();
    const fromCopy = new Float64Array(text.length);
    copy.measureBytes(text, fromCopy, half, text.length);
    copy.measureBytes(text, new Float64Array(text.length), 0, half);
    const fromOriginal = new Float64Array(text.length);
    model.measureBytes(text, fromOriginal, half, text.length);
    expect(fromOriginal).toEqual(fromCopy);
  });

  it('order0 is the only model that is not adaptive', () => {
    expect(MODEL_NAMES.filter((name) => !createCodingModel(name, options).adaptive)).toEqual(['order0']);
  });

  it('order0 refuses an empty frequency table as corrupt', () => {
    const model = createCodingModel('order0', options);
    expect(() => model.readChunkPrefix(() => new Uint8Array(2))).toThrow(CorruptInputError);
  });

  it.each([
    ['an unknown name', () => createCodingModel('order9' as never, options), 'model'],
    ['tableBits below 4', () => createCodingModel('cm', { tableBits: 3 }), 'tableBits'],
    ['tableBits above 22', () => createCodingModel('order2', { tableBits: 23 }), 'tableBits'],
    ['a fractional tableBits', () => createCodingModel('order1', { tableBits: 5.5 }), 'tableBits'],
  ] as const)('%s is an XentError naming the field', (_, build, field) => {
    let error: unknown;
    try {
      build();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XentError);
    expect((error as XentError).field).toBe(field);
  });
});
