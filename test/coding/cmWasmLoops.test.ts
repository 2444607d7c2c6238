// The WebAssembly engine of the cm model (assembly/cmModel.ts, the binary the library
// embeds), driven as scripts/coding/cmWasmSpike.mjs drives it, against CmModel.ts: the same 12-bit
// probability for every bit of revisions 2 to 5, the same range-coded bytes, and a
// clone (saveState, a copy of the memory into another instance, restoreState) that goes on
// predicting as the original does.
import { beforeAll, describe, expect, it } from 'vitest';
import { SQUASH_TABLE, STRETCH } from '../../src/coding/arithmetic/logistic.js';
import { RangeEncoder } from '../../src/coding/arithmetic/RangeEncoder.js';
import { ChunkWriter } from '../../src/coding/arithmetic/chunks.js';
import { BIT_HISTORY, BIT_HISTORY_REVISION_4 } from '../../src/coding/cm/bitHistory.js';
import { CmModel, DETERMINISTIC, type MixerCost } from '../../src/coding/cm/CmModel.js';
import type { CmRevision } from '../../src/coding/cm/CmRevision.js';
import { CM_MODEL_WASM_BASE64 } from '../../src/coding/cm/cmModelWasmBinary.js';
import type { CmWasmExports } from '../../src/coding/cm/CmWasmModel.js';
import { encodeBitwise } from '../../src/coding/models/BitwiseCodingModel.js';
import { englishText, randomBytes } from './testData.js';

/** The exports of assembly/cmModel.ts that the checks use: the engine's, and the module's own loops. */
interface CmWasm extends CmWasmExports {
  probabilitiesAddress(): number;
  outputAddress(): number;
  stateAddress(): number;
  run(length: number, keep: number): number;
  encode(length: number): number;
}

/** assembly/cmModel.ts as the library embeds it (cmModelWasmBinary.ts, which the build checks is current). */
function compileCmModel(): Promise<WebAssembly.Module> {
  return WebAssembly.compile(Buffer.from(CM_MODEL_WASM_BASE64, 'base64'));
}

/** A fresh instance set up as CmModel(tableBits, cost, revision) for `bytes` (copied in). */
function wasmModel(module: WebAssembly.Module, bytes: Uint8Array, tableBits: number, revision: CmRevision, cost: MixerCost, keep: boolean): CmWasm {
  const x = new WebAssembly.Instance(module, {}).exports as unknown as CmWasm;
  const input = x.prepare(tableBits, revision, bytes.length, keep ? 1 : 0);
  const mem = x.memory.buffer;
  const bitHistory = revision >= 4 ? BIT_HISTORY_REVISION_4 : BIT_HISTORY;
  new Int16Array(mem, x.stretchAddress(), STRETCH.length).set(STRETCH);
  new Int16Array(mem, x.squashAddress(), SQUASH_TABLE.length).set(SQUASH_TABLE);
  new Uint8Array(mem, x.nextStateAddress(), bitHistory.next.length).set(bitHistory.next);
  new Uint8Array(mem, x.totalAddress(), bitHistory.total.length).set(bitHistory.total);
  new Uint16Array(mem, x.initialP16Address(), bitHistory.initialP16.length).set(bitHistory.initialP16);
  if (revision >= 5) new Uint8Array(mem, x.deterministicAddress(), 256).set(DETERMINISTIC);
  new Uint8Array(mem, input, bytes.length).set(bytes);
  x.init(cost === 'quadratic' ? 1 : 0, bitHistory.count);
  return x;
}

/** CmModel's probability before each bit, most significant bit of each byte first. */
function jsProbabilities(bytes: Uint8Array, tableBits: number, revision: CmRevision, cost: MixerCost): Uint16Array {
  const m = new CmModel(tableBits, cost, revision);
  const p = new Uint16Array(bytes.length * 8);
  let j = 0;
  for (const byte of bytes) {
    for (let k = 7; k >= 0; k--) {
      const bit = (byte >> k) & 1;
      p[j++] = m.predict();
      m.update(bit);
    }
  }
  return p;
}

/** The first bit at which two runs of probabilities differ, or undefined. */
function firstDifference(js: Uint16Array, wasm: Uint16Array): { bit: number; js: number; wasm: number } | undefined {
  for (let i = 0; i < js.length; i++) if (js[i] !== wasm[i]) return { bit: i, js: js[i], wasm: wasm[i] };
  return undefined;
}

/** English, then random bytes (the model's worst case, where its tables fill with misses). */
function input(): Uint8Array {
  const text = englishText();
  const out = new Uint8Array(text.length + 4096);
  out.set(text);
  out.set(randomBytes(4096, 41), text.length);
  return out;
}

describe('assembly/cmModel.ts, the WebAssembly engine of the cm model, in its own loops', () => {
  let module: WebAssembly.Module;
  const bytes = input();
  // CmModel's probabilities over `bytes` by case, computed once (the clones reuse them).
  const reference = new Map<string, Uint16Array>();
  const want = (tableBits: number, revision: CmRevision, cost: MixerCost): Uint16Array => {
    const key = `${tableBits} ${revision} ${cost}`;
    let p = reference.get(key);
    if (p === undefined) reference.set(key, (p = jsProbabilities(bytes, tableBits, revision, cost)));
    return p;
  };
  // Compiling takes a few seconds, more on a busy machine.
  beforeAll(async () => {
    module = await compileCmModel();
  }, 60_000);

  // Every revision, both costs and both sizes through step() are CmWasmModel.test.ts's;
  // here the module's own loop, once per revision (the clones below reuse these).
  const cases: [CmRevision, MixerCost, number][] = [
    [5, 'cross-entropy', 12],
    [5, 'quadratic', 8],
    [4, 'cross-entropy', 12],
    [3, 'quadratic', 8],
    [2, 'cross-entropy', 12],
  ];
  it.each(cases)('predicts every bit as CmModel does: revision %i, %s, tableBits %i', (revision, cost, tableBits) => {
    const expected = want(tableBits, revision, cost);
    const x = wasmModel(module, bytes, tableBits, revision, cost, true);
    x.run(bytes.length, 1);
    const got = new Uint16Array(x.memory.buffer, x.probabilitiesAddress(), expected.length);
    expect(firstDifference(expected, got)).toBeUndefined();
  });

  it.each([3, 4, 5] as const)('predicts bit by bit through predict() and update(), and through step(), as CmModel does: revision %i', (revision) => {
    const head = bytes.subarray(0, 2000);
    const want = jsProbabilities(head, 10, revision, 'cross-entropy');
    const x = wasmModel(module, head, 10, revision, 'cross-entropy', false);
    const y = wasmModel(module, head, 10, revision, 'cross-entropy', false);
    const got = new Uint16Array(want.length);
    const stepped = new Uint16Array(want.length);
    let j = 0;
    let next = y.predict();
    for (const byte of head) {
      for (let k = 7; k >= 0; k--) {
        got[j] = x.predict();
        stepped[j++] = next;
        x.update((byte >> k) & 1);
        next = y.step((byte >> k) & 1);
      }
    }
    expect(firstDifference(want, got)).toBeUndefined();
    expect(firstDifference(want, stepped)).toBeUndefined();
  });

  // The clone's instance is first set up as another model (other revision, cost and
  // tableBits) and run a while, so that any global restoreState() missed would show.
  it.each([
    [5, 'cross-entropy', 12],
    [4, 'cross-entropy', 12],
    [3, 'quadratic', 8],
    [2, 'cross-entropy', 12],
  ] as [CmRevision, MixerCost, number][])('clones mid-stream: the copy predicts the following bytes as the original and CmModel do: revision %i, %s, tableBits %i', (revision, cost, tableBits) => {
    const split = 20011;
    const expected = want(tableBits, revision, cost);
    const original = wasmModel(module, bytes, tableBits, revision, cost, false);
    for (let i = 0; i < split; i++) for (let k = 7; k >= 0; k--) original.update((bytes[i] >> k) & 1);
    const other = bytes.subarray(30000, 31000);
    const otherRevision: CmRevision = revision === 5 ? 2 : revision === 4 ? 5 : 4;
    const copy = wasmModel(module, other, revision >= 4 ? 8 : 14, otherRevision, cost === 'quadratic' ? 'cross-entropy' : 'quadratic', false);
    copy.encode(other.length);
    for (const byte of other) for (let k = 7; k >= 0; k--) copy.update((byte >> k) & 1);

    original.saveState();
    const size = original.memory.buffer.byteLength;
    const pages = (size - copy.memory.buffer.byteLength) / 65536;
    if (pages > 0) copy.memory.grow(pages);
    new Uint8Array(copy.memory.buffer).set(new Uint8Array(original.memory.buffer, 0, size));
    copy.restoreState();

    const tail = expected.length - 8 * split;
    const fromOriginal = new Uint16Array(tail);
    const fromCopy = new Uint16Array(tail);
    let j = 0;
    for (let i = split; i < bytes.length; i++) {
      for (let k = 7; k >= 0; k--) {
        fromOriginal[j] = original.predict();
        fromCopy[j++] = copy.predict();
        original.update((bytes[i] >> k) & 1);
        copy.update((bytes[i] >> k) & 1);
      }
    }
    expect(firstDifference(expected.subarray(8 * split), fromOriginal)).toBeUndefined();
    expect(firstDifference(fromOriginal, fromCopy)).toBeUndefined();
  });

  it.each([
    [5, 'quadratic', 12],
    [4, 'cross-entropy', 12],
    [3, 'cross-entropy', 12],
    [2, 'quadratic', 8],
  ] as [CmRevision, MixerCost, number][])('range-codes the bytes RangeEncoder writes: revision %i, %s, tableBits %i', (revision, cost, tableBits) => {
    const chunks: Uint8Array[] = [];
    const enc = new RangeEncoder(new ChunkWriter((c) => chunks.push(c.slice())));
    encodeBitwise(new CmModel(tableBits, cost, revision), enc, bytes, 0, bytes.length);
    enc.finish();
    const want = Buffer.concat(chunks);
    const x = wasmModel(module, bytes, tableBits, revision, cost, false);
    const n = x.encode(bytes.length);
    const got = Buffer.from(x.memory.buffer, x.outputAddress(), n);
    expect(n).toBe(want.length);
    expect(got.equals(want)).toBe(true);
  });
});
