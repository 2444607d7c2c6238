import { describe, expect, it } from 'vitest';
import { englishText, randomBytes } from '../../../test/coding/testData.js';
import { ChunkReader, ChunkWriter } from '../arithmetic/chunks.js';
import { RangeDecoder } from '../arithmetic/RangeDecoder.js';
import { RangeEncoder } from '../arithmetic/RangeEncoder.js';
import { createCodingModel } from '../models/createCodingModel.js';
import { decodeBitwise, encodeBitwise, measureBitwise, type BitPredictor } from '../models/BitwiseCodingModel.js';
import { CmModel, MIXER_COSTS, type MixerCost } from './CmModel.js';
import { CM_REVISIONS, type CmRevision } from './CmRevision.js';
import { CmWasmModel, cmWasmRevisions } from './CmWasmModel.js';

// The WebAssembly engine against CmModel.ts, its reference: the same probability before
// every bit, the same coded bytes and costs, and clones that go on as the original does.

const text = englishText().subarray(0, 20_000);
const random = randomBytes(6_000, 41);
const inputs = { text, random };

/** Each bit's P(1) before it is learnt, as predict/update give it. */
function probabilities(model: BitPredictor, bytes: Uint8Array): Uint16Array {
  const p = new Uint16Array(bytes.length * 8);
  let j = 0;
  for (const byte of bytes) {
    for (let k = 7; k >= 0; k--) {
      p[j++] = model.predict();
      model.update((byte >> k) & 1);
    }
  }
  return p;
}

/** The bytes a fresh RangeEncoder writes for `bytes` coded by `code`. */
function encoded(code: (enc: RangeEncoder) => void): Uint8Array {
  const pieces: Uint8Array[] = [];
  const enc = new RangeEncoder(new ChunkWriter((c) => pieces.push(c.slice())));
  code(enc);
  enc.finish();
  return Uint8Array.from(pieces.flatMap((c) => [...c]));
}

/** The index of the first place two arrays differ, or −1 (a readable failure, not a dump of both). */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

const revisions = cmWasmRevisions();

describe('the WebAssembly cm engine', () => {
  it('runs here, every revision, and createCodingModel uses it for each', () => {
    expect(revisions).toEqual(CM_REVISIONS);
    for (const revision of CM_REVISIONS) {
      const model = createCodingModel('cm', { tableBits: 8, cmRevision: revision });
      expect(model).toBeInstanceOf(revisions.includes(revision) ? CmWasmModel : CmModel);
    }
  });

  it('refuses a revision it does not run', () => {
    expect(() => new CmWasmModel(8, 'cross-entropy', 1 as CmRevision)).toThrow(/revision 1/);
  });

  for (const revision of revisions) {
    for (const cost of MIXER_COSTS) {
      for (const tableBits of [8, 12]) {
        for (const [name, bytes] of Object.entries(inputs)) {
          it(`revision ${revision}, ${cost}, tableBits ${tableBits}, ${name}: every bit's probability is CmModel's`, () => {
            const reference = probabilities(new CmModel(tableBits, cost, revision), bytes);
            const engine = probabilities(new CmWasmModel(tableBits, cost, revision), bytes);
            expect(firstDifference(engine, reference)).toBe(-1);
          });
        }
      }
    }

    const cases: [MixerCost, keyof typeof inputs][] = [
      ['cross-entropy', 'text'],
      ['quadratic', 'random'],
    ];
    for (const [cost, name] of cases) {
      const bytes = inputs[name];
      const tableBits = 10;
      it(`revision ${revision}, ${cost}, ${name}: encodeBytes writes CmModel's bytes, decodeBytes reads them back`, () => {
        const reference = encoded((enc) => encodeBitwise(new CmModel(tableBits, cost, revision), enc, bytes, 0, bytes.length));
        // In three calls, as the container's chunks and encodeByte come.
        const engine = new CmWasmModel(tableBits, cost, revision);
        const fast = encoded((enc) => {
          engine.encodeBytes(enc, bytes, 0, 1000);
          engine.encodeByte(enc, bytes[1000]);
          engine.encodeBytes(enc, bytes, 1001);
        });
        expect(firstDifference(fast, reference)).toBe(-1);

        const out = new Uint8Array(bytes.length);
        let given = false;
        const dec = new RangeDecoder(new ChunkReader(() => (given ? undefined : ((given = true), fast))));
        const decoder = new CmWasmModel(tableBits, cost, revision);
        decoder.decodeBytes(dec, out, 0, 777);
        out[777] = decoder.decodeByte(dec);
        decoder.decodeBytes(dec, out, 778);
        expect(firstDifference(out, bytes)).toBe(-1);
        // And the reference decoder reads the engine's bytes the same.
        given = false;
        const back = new Uint8Array(bytes.length);
        decodeBitwise(new CmModel(tableBits, cost, revision), new RangeDecoder(new ChunkReader(() => (given ? undefined : ((given = true), fast)))), back, 0, back.length);
        expect(firstDifference(back, bytes)).toBe(-1);
      });

      it(`revision ${revision}, ${cost}, ${name}: measureBytes gives CmModel's costs exactly`, () => {
        const reference = new Float64Array(bytes.length);
        measureBitwise(new CmModel(tableBits, cost, revision), bytes, reference, 0, bytes.length);
        const costs = new Float64Array(bytes.length);
        const engine = new CmWasmModel(tableBits, cost, revision);
        engine.measureBytes(bytes, costs, 0, 3000);
        engine.measureBytes(bytes, costs, 3000);
        expect(firstDifference(costs, reference)).toBe(-1);
      });
    }

    it(`revision ${revision}: a clone taken mid-stream (mid-byte too) goes on exactly as the original and leaves it untouched`, () => {
      const tableBits = 12;
      const reference = probabilities(new CmModel(tableBits, 'cross-entropy', revision), text);
      const engine = new CmWasmModel(tableBits, 'cross-entropy', revision);
      const half = 9_000;
      probabilities(engine, text.subarray(0, half));
      // Three bits of the next byte, so that the clone starts inside a byte.
      for (let k = 7; k >= 5; k--) engine.update((text[half] >> k) & 1);
      const copy = engine.clone();
      const rest = (model: BitPredictor) => {
        const p: number[] = [];
        for (let k = 4; k >= 0; k--) {
          p.push(model.predict());
          model.update((text[half] >> k) & 1);
        }
        return [...p, ...probabilities(model, text.subarray(half + 1))];
      };
      const expected = Array.from(reference.subarray(half * 8 + 3));
      // The clone learns first, on a different input: the original must not see it.
      probabilities(copy.clone(), random);
      expect(firstDifference(rest(copy), expected)).toBe(-1);
      expect(firstDifference(rest(engine), expected)).toBe(-1);
    });
  }

  it('topNextBytes (a beam of clones) gives CmModel its answer', () => {
    const revision = revisions[revisions.length - 1];
    const reference = new CmModel(10, 'cross-entropy', revision);
    const engine = new CmWasmModel(10, 'cross-entropy', revision);
    const prefix = text.subarray(0, 4000);
    reference.measureBytes(prefix, new Float64Array(prefix.length));
    engine.measureBytes(prefix, new Float64Array(prefix.length));
    expect(engine.topNextBytes(5)).toEqual(reference.topNextBytes(5));
    expect(engine.predict()).toBe(reference.predict());
  });
});
