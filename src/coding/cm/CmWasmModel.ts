import { SQUASH_TABLE, STRETCH } from '../arithmetic/logistic.js';
import type { RangeDecoder } from '../arithmetic/RangeDecoder.js';
import type { RangeEncoder } from '../arithmetic/RangeEncoder.js';
import { BitwiseCodingModel } from '../models/BitwiseCodingModel.js';
import { BIT_HISTORY, BIT_HISTORY_REVISION_4 } from './bitHistory.js';
import { DETERMINISTIC, type MixerCost } from './CmModel.js';
import { CM_REVISION_NEWEST, type CmRevision } from './CmRevision.js';
import { CM_MODEL_WASM_BASE64 } from './cmModelWasmBinary.js';

/**
 * The revisions that assembly/cmModel.ts computes bit for bit as CmModel.ts does (its
 * tests, CmWasmModel.test.ts, hold it to that for each one listed here); the others run
 * in CmModel.ts.
 */
const WASM_REVISIONS: readonly CmRevision[] = [2, 3, 4, 5];

/** The exports of assembly/cmModel.ts that the engine uses (see that file); addresses are byte offsets into `memory`. */
export interface CmWasmExports {
  readonly memory: WebAssembly.Memory;
  stretchAddress(): number;
  squashAddress(): number;
  nextStateAddress(): number;
  totalAddress(): number;
  initialP16Address(): number;
  deterministicAddress(): number;
  prepare(tableBits: number, revision: number, length: number, keepProbabilities: number): number;
  init(quadraticCost: number, stateCount: number): void;
  predict(): number;
  update(bit: number): void;
  /** update(bit), then predict(), in one call. */
  step(bit: number): number;
  /** Writes the module's scalar state (its globals) into its memory, for a copy of the memory to carry. */
  saveState(): void;
  /** Reads that state back, in the instance the memory was copied into. */
  restoreState(): void;
}

let compiled: WebAssembly.Module | null | undefined;
/** The model that clone() is copying, for the constructor it calls to take its state. */
let cloning: CmWasmModel | undefined;

/**
 * assembly/cmModel.ts compiled once (from the base64 of cmModelWasmBinary.ts), or null
 * where the runtime has no WebAssembly, no SIMD, or refuses to compile it. The binary is
 * about 9 kB: a browser compiles it synchronously on its main thread (Chrome allows up to
 * 8 MB there since version 114; older versions refused above 4 kB, and run CmModel).
 */
function cmWasmModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      const bytes = base64Bytes(CM_MODEL_WASM_BASE64);
      compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * The cm revisions the WebAssembly engine runs here: none where the module cannot be
 * compiled (no WebAssembly or no SIMD), else those it computes exactly as CmModel.ts.
 *
 * @example
 * cmWasmRevisions().includes(3) // true on Node ≥ 16 and current browsers
 */
export function cmWasmRevisions(): readonly CmRevision[] {
  return cmWasmModule() === null ? [] : WASM_REVISIONS;
}

/**
 * The cm model of CmModel.ts run by its WebAssembly port (assembly/cmModel.ts), which
 * predicts exactly the same probability for every bit, in about half the time: each model
 * its own instance and memory, the tables that logistic.ts and bitHistory.ts define
 * written in at the start, and one call into the module per bit. The range coder stays in
 * TypeScript (RangeEncoder, RangeDecoder), so the bytes coded are CmModel's bytes.
 * Build it where cmWasmRevisions() lists the revision (createCodingModel chooses).
 *
 * Encoding heldout-kjv (1.5 MB, revision 4) took 0.51 of CmModel's CPU time, and the whole
 * loop inside the module, range coder too (assembly/cmModel.ts's encode), 0.55: the calls
 * from JavaScript cost nothing measurable (Node 20, one core, medians of 3, 2026-12-07).
 */
export class CmWasmModel extends BitwiseCodingModel {
  private readonly wasm: CmWasmExports;

  /** As CmModel's constructor; throws where cmWasmRevisions() does not list `revision`. */
  constructor(
    readonly tableBits: number,
    readonly mixerCost: MixerCost = 'cross-entropy',
    readonly revision: CmRevision = CM_REVISION_NEWEST,
  ) {
    super();
    const from = cloning;
    cloning = undefined;
    const module = cmWasmModule();
    if (module === null || !WASM_REVISIONS.includes(revision)) {
      throw new Error(`the WebAssembly cm engine does not run revision ${revision} here (cmWasmRevisions() says which do)`);
    }
    this.wasm = new WebAssembly.Instance(module, {}).exports as unknown as CmWasmExports;
    if (from === undefined) this.start();
    else this.copyFrom(from);
  }

  /** CmModel's constructor: the layout, the shared tables, the starting state. */
  private start(): void {
    const x = this.wasm;
    x.prepare(this.tableBits, this.revision, 0, 0);
    const history = this.revision >= 4 ? BIT_HISTORY_REVISION_4 : BIT_HISTORY;
    const memory = x.memory.buffer;
    new Int16Array(memory, x.stretchAddress(), STRETCH.length).set(STRETCH);
    new Int16Array(memory, x.squashAddress(), SQUASH_TABLE.length).set(SQUASH_TABLE);
    new Uint8Array(memory, x.nextStateAddress(), history.next.length).set(history.next);
    new Uint8Array(memory, x.totalAddress(), history.total.length).set(history.total);
    new Uint16Array(memory, x.initialP16Address(), history.initialP16.length).set(history.initialP16);
    if (this.revision >= 5) new Uint8Array(memory, x.deterministicAddress(), 256).set(DETERMINISTIC);
    x.init(this.mixerCost === 'quadratic' ? 1 : 0, history.count);
  }

  /** `source`'s state into this fresh instance: its memory, grown to the same size, with its globals saved in it. */
  private copyFrom(source: CmWasmModel): void {
    source.wasm.saveState();
    const memory = this.wasm.memory;
    const bytes = source.wasm.memory.buffer.byteLength;
    if (bytes > memory.buffer.byteLength) memory.grow((bytes - memory.buffer.byteLength) / 65536);
    new Uint8Array(memory.buffer).set(new Uint8Array(source.wasm.memory.buffer));
    this.wasm.restoreState();
  }

  predict(): number {
    return this.wasm.predict();
  }

  update(bit: number): void {
    this.wasm.update(bit);
  }

  // The bulk paths are encodeBitwise, decodeBitwise and measureBitwise written out with one
  // call into the module per bit (step: learn the bit, predict the next).

  override encodeBytes(enc: RangeEncoder, bytes: Uint8Array, from = 0, to = bytes.length): void {
    const x = this.wasm;
    let p = x.predict();
    for (let i = from; i < to; i++) {
      const byte = bytes[i];
      for (let k = 7; k >= 0; k--) {
        const bit = (byte >> k) & 1;
        enc.encodeBit(bit, p);
        p = x.step(bit);
      }
    }
  }

  override decodeBytes(dec: RangeDecoder, out: Uint8Array, from = 0, to = out.length): void {
    const x = this.wasm;
    let p = x.predict();
    for (let i = from; i < to; i++) {
      let byte = 0;
      for (let k = 0; k < 8; k++) {
        const bit = dec.decodeBit(p);
        p = x.step(bit);
        byte = (byte << 1) | bit;
      }
      out[i] = byte;
    }
  }

  override measureBytes(bytes: Uint8Array, costs: Float64Array, from = 0, to = bytes.length): void {
    const x = this.wasm;
    let p = x.predict();
    for (let i = from; i < to; i++) {
      let bits = 0;
      for (let k = 7; k >= 0; k--) {
        const bit = (bytes[i] >> k) & 1;
        const p1 = p / 4096;
        bits -= Math.log2(bit ? p1 : 1 - p1);
        p = x.step(bit);
      }
      costs[i] = bits;
    }
  }

  /** A fresh instance with this one's memory and scalar state. */
  override clone(): this {
    return copying(this, () => new CmWasmModel(this.tableBits, this.mixerCost, this.revision)) as this;
  }
}

/** `build()`, whose CmWasmModel constructor takes `source`'s state rather than starting afresh. */
function copying(source: CmWasmModel, build: () => CmWasmModel): CmWasmModel {
  cloning = source;
  try {
    return build();
  } finally {
    cloning = undefined;
  }
}

function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  // atob is a global in browsers and in Node ≥ 16.
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
