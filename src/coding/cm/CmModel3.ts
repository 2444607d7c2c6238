import { fmix32 } from '../arithmetic/fmix32.js';
import { SQUASH_TABLE, STRETCH, squash } from '../arithmetic/logistic.js';
import { BitwiseCodingModel } from '../models/BitwiseCodingModel.js';
import { regionOffsets } from '../models/regionOffsets.js';
import { BIT_HISTORY } from './bitHistory.js';
import type { MixerCost } from './CmModel.js';

/**
 * `cm` model revision 3: revision 2 (CmModel.ts, whose comment explains the bit
 * histories, StateMaps, line-local buckets, the mixer and its two costs, and the APM) with
 * more context for few more cache misses per byte:
 *
 * - an order-6 context beside orders 1–4, the two word contexts and the column context;
 * - twice as many buckets per context for a given tableBits (capped as before), so that
 *   the long contexts of a 1.5 MB input are less crowded in the table.
 *
 * Tried and left out, as too slow for what they gained on the held-out texts (see
 * docs/compression.md): a second mixer with weights by the previous byte, mixed with the
 * first by a final two-input mixer (1–1.5% smaller, about 17% slower); a second APM by a
 * hash of order 2 (0.2–0.3% smaller, 12% slower: a cache miss per bit); eight times as
 * many buckets (a further 0.3–1.3% smaller, 16% slower).
 *
 * All tables are integers and the mixer float64 with only +, −, × (exactly rounded on
 * every engine), so encoder and decoder agree bit for bit everywhere.
 *
 * Memory at the largest tableBits (22): 5.4 M buckets of 16 bytes (86 MB), 16 MB of
 * match history, 16 MB of match pointers, 4.3 MB of APM and under 1 MB of the rest:
 * about 123 MB, whatever the input's length.
 */
export class CmModel3 extends BitwiseCodingModel {
  private readonly table: Uint8Array;
  private readonly table32: Int32Array;
  private readonly regionStart: Int32Array;
  private readonly regionMask = new Int32Array(NCTX);
  private readonly hashes = new Int32Array(NCTX);
  private readonly bucket = new Int32Array(NCTX);
  private readonly slot = new Int32Array(NCTX);
  private readonly lines = new Int32Array(NCTX);
  private readonly checks = new Int32Array(NCTX);
  private touched = 0;
  private readonly stateMaps: Int32Array;
  private readonly order0 = new Int32Array(256);
  private readonly matchMap = new Int32Array(2 * 16);
  private readonly history: Uint8Array;
  private readonly historyMask: number;
  private readonly matchTable: Int32Array;
  private readonly matchMask: number;
  private pos = 0;
  private matchPtr = 0;
  private matchLength = 0;
  private matchByte = 0;
  private matchSlot = -1;
  private readonly inputs = new Float64Array(NINPUTS);
  private readonly weights: Float64Array;
  private weightBase = 0;
  private readonly learningRate: number;
  private readonly quadratic: boolean;
  /** APM: 33 interpolation points per context, 16-bit probabilities. */
  private readonly apm: Uint16Array;
  private readonly apmMask: number;
  private apmIndex = 0;
  private apmWeight = 0;
  private prMix = 2048;
  private pr = 2048;

  private c0 = 1;
  private nibble = 1;
  private bitCount = 0;
  private c4 = 0;
  private c8 = 0;
  private word = 0;
  private previousWord = 0;
  private column = 0;
  private lineAbove = 0;

  constructor(
    readonly tableBits: number,
    readonly mixerCost: MixerCost = 'cross-entropy',
  ) {
    super();
    const regionBuckets = CONTEXT_BITS.map((bits) => 2 ** Math.min(bits, tableBits + EXTRA_TABLE_BITS));
    this.regionStart = regionOffsets(regionBuckets);
    for (let i = 0; i < NCTX; i++) this.regionMask[i] = regionBuckets[i] - 1;
    this.table = new Uint8Array(16 * this.regionStart[NCTX]);
    this.table32 = new Int32Array(this.table.buffer);
    this.history = new Uint8Array(2 ** Math.min(tableBits + 4, 24));
    this.historyMask = this.history.length - 1;
    this.matchTable = new Int32Array(2 ** tableBits);
    this.matchMask = this.matchTable.length - 1;
    const apmRows = 2 ** Math.min(16, tableBits + 4);
    this.apm = makeApm(apmRows);
    this.apmMask = apmRows - 1;
    this.stateMaps = new Int32Array(NCTX * 256);
    for (let i = 0; i < NCTX; i++) {
      for (let s = 0; s < 256; s++) this.stateMaps[i * 256 + s] = s < BIT_HISTORY.count ? (BIT_HISTORY.initialP16[s] << 6) << 10 : 1 << 31;
    }
    this.order0.fill((1 << 21) << 10);
    for (let i = 0; i < 32; i++) this.matchMap[i] = (i & 1 ? (1 << 22) - (1 << 18) : 1 << 18) << 10;
    this.weights = new Float64Array(4 * 256 * NINPUTS).fill(INITIAL_WEIGHT);
    this.quadratic = mixerCost === 'quadratic';
    this.learningRate = this.quadratic ? QUADRATIC_RATE : CROSS_ENTROPY_RATE;
    this.inputs[NINPUTS - 1] = 256;
    this.hashContexts();
    this.probe(0);
    this.readInputs();
    this.mix();
  }

  /** P(next bit = 1) in units of 1/4096, within [1, 4095] (made by the last update). */
  predict(): number {
    return this.pr;
  }

  /** Learns `bit`, then predicts the next one (fused per context, as in revision 2). */
  update(bit: number): void {
    const { table, slot, bucket, inputs, stateMaps } = this;
    const byteEnds = this.bitCount === 7;
    if (byteEnds) this.beginByte(((this.c0 << 1) | bit) & 0xff);
    this.train(bit);
    const target = bit ? 4194303 : 0;
    const c0 = this.c0;
    this.order0[c0] = adapt(this.order0[c0], target, ORDER0_LIMIT);
    if (this.matchSlot >= 0) this.matchMap[this.matchSlot] = adapt(this.matchMap[this.matchSlot], target, 1023);
    // APM: move the nearer interpolation point towards the bit.
    const i1 = this.apmIndex + (this.apmWeight < 64 ? 0 : 1);
    this.apm[i1] += ((bit ? 65535 : 0) - this.apm[i1]) >> APM_RATE;

    const nextC0 = (c0 << 1) | bit;
    const nibble = (this.nibble << 1) | bit;
    this.c0 = nextC0;
    this.nibble = nibble;
    this.bitCount++;
    if (nibble < 16) {
      // Written out per context (NCTX = 7), as in revision 2.
      {
        const at = slot[0];
        const state = table[at];
        const k = 0 | state;
        stateMaps[k] = adapt(stateMaps[k], target, STATE_MAP_LIMIT);
        table[at] = NEXT_STATE[2 * state + bit];
        const now = bucket[0] + nibble;
        slot[0] = now;
        inputs[0] = STRETCH[stateMaps[0 | table[now]] >>> 20];
      }
      {
        const at = slot[1];
        const state = table[at];
        const k = 256 | state;
        stateMaps[k] = adapt(stateMaps[k], target, STATE_MAP_LIMIT);
        table[at] = NEXT_STATE[2 * state + bit];
        const now = bucket[1] + nibble;
        slot[1] = now;
        inputs[1] = STRETCH[stateMaps[256 | table[now]] >>> 20];
      }
      {
        const at = slot[2];
        const state = table[at];
        const k = 512 | state;
        stateMaps[k] = adapt(stateMaps[k], target, STATE_MAP_LIMIT);
        table[at] = NEXT_STATE[2 * state + bit];
        const now = bucket[2] + nibble;
        slot[2] = now;
        inputs[2] = STRETCH[stateMaps[512 | table[now]] >>> 20];
      }
      {
        const at = slot[3];
        const state = table[at];
        const k = 768 | state;
        stateMaps[k] = adapt(stateMaps[k], target, STATE_MAP_LIMIT);
        table[at] = NEXT_STATE[2 * state + bit];
        const now = bucket[3] + nibble;
        slot[3] = now;
        inputs[3] = STRETCH[stateMaps[768 | table[now]] >>> 20];
      }
      {
        const at = slot[4];
        const state = table[at];
        const k = 1024 | state;
        stateMaps[k] = adapt(stateMaps[k], target, STATE_MAP_LIMIT);
        table[at] = NEXT_STATE[2 * state + bit];
        const now = bucket[4] + nibble;
        slot[4] = now;
        inputs[4] = STRETCH[stateMaps[1024 | table[now]] >>> 20];
      }
      {
        const at = slot[5];
        const state = table[at];
        const k = 1280 | state;
        stateMaps[k] = adapt(stateMaps[k], target, STATE_MAP_LIMIT);
        table[at] = NEXT_STATE[2 * state + bit];
        const now = bucket[5] + nibble;
        slot[5] = now;
        inputs[5] = STRETCH[stateMaps[1280 | table[now]] >>> 20];
      }
      {
        const at = slot[6];
        const state = table[at];
        const k = 1536 | state;
        stateMaps[k] = adapt(stateMaps[k], target, STATE_MAP_LIMIT);
        table[at] = NEXT_STATE[2 * state + bit];
        const now = bucket[6] + nibble;
        slot[6] = now;
        inputs[6] = STRETCH[stateMaps[1536 | table[now]] >>> 20];
      }
    } else {
      for (let i = 0; i < NCTX; i++) {
        const at = slot[i];
        const state = table[at];
        const k = (i << 8) | state;
        stateMaps[k] = adapt(stateMaps[k], target, STATE_MAP_LIMIT);
        table[at] = NEXT_STATE[2 * state + bit];
      }
      if (byteEnds) {
        this.c0 = 1;
        this.nibble = 1;
        this.bitCount = 0;
        this.probe(0);
      } else {
        this.nibble = 1;
        this.locate(nextC0);
        this.probe(nextC0);
      }
      this.readInputs();
    }
    this.mix();
  }

  /** The mixer's gradient step on the chosen cost (kept out of update(), whose size V8 inlines by). */
  private train(bit: number): void {
    const inputs = this.inputs;
    const prMix = this.prMix;
    let err = ((bit << 12) - prMix) / 4096;
    if (this.quadratic) err *= (prMix * (4096 - prMix)) / 16777216;
    const step = err * this.learningRate;
    const w = this.weights;
    const wb = this.weightBase;
    w[wb] += step * inputs[0];
    w[wb + 1] += step * inputs[1];
    w[wb + 2] += step * inputs[2];
    w[wb + 3] += step * inputs[3];
    w[wb + 4] += step * inputs[4];
    w[wb + 5] += step * inputs[5];
    w[wb + 6] += step * inputs[6];
    w[wb + 7] += step * inputs[7];
    w[wb + 8] += step * inputs[8];
    w[wb + 9] += step * inputs[9];
  }

  private readInputs(): void {
    const { table, slot, bucket, inputs, stateMaps } = this;
    const nibble = this.nibble;
    for (let i = 0; i < NCTX; i++) {
      const at = bucket[i] + nibble;
      slot[i] = at;
      inputs[i] = STRETCH[stateMaps[(i << 8) | table[at]] >>> 20];
    }
  }

  /** The order-0 and match inputs, the mix and the APM: sets pr. */
  private mix(): void {
    const inputs = this.inputs;
    const c0 = this.c0;
    inputs[NCTX] = STRETCH[this.order0[c0] >>> 20];
    let ml = 0;
    const matchLength = this.matchLength;
    if (matchLength > 0 && ((this.matchByte + 256) >> (8 - this.bitCount)) === c0) {
      const expected = (this.matchByte >> (7 - this.bitCount)) & 1;
      const len = matchLength > 15 ? 15 : matchLength;
      this.matchSlot = 2 * len + expected;
      inputs[NCTX + 1] = STRETCH[this.matchMap[this.matchSlot] >>> 20];
      ml = matchLength < 16 ? 1 : matchLength < 32 ? 2 : 3;
    } else {
      this.matchSlot = -1;
      inputs[NCTX + 1] = 0;
    }
    const wb = (ml * 256 + c0) * NINPUTS;
    this.weightBase = wb;
    const w = this.weights;
    // Summed left to right (a fixed order, so the rounding is the same everywhere).
    let dot = 0 + w[wb] * inputs[0];
    dot += w[wb + 1] * inputs[1];
    dot += w[wb + 2] * inputs[2];
    dot += w[wb + 3] * inputs[3];
    dot += w[wb + 4] * inputs[4];
    dot += w[wb + 5] * inputs[5];
    dot += w[wb + 6] * inputs[6];
    dot += w[wb + 7] * inputs[7];
    dot += w[wb + 8] * inputs[8];
    dot += w[wb + 9] * inputs[9];
    let d = Math.floor(dot);
    if (d > 2047) d = 2047;
    else if (d < -2047) d = -2047;
    const pm = SQUASH_TABLE[d + 2047];
    this.prMix = pm;
    const s = d + 2048;
    const frac = s & 127;
    const mask = this.apmMask;
    const c1 = this.c4 & 0xff;
    const at1 = (((c1 << 8) | c0) & mask) * 33 + (s >> 7);
    this.apmIndex = at1;
    this.apmWeight = frac;
    const a1 = this.apm;
    const p1 = (a1[at1] * (128 - frac) + a1[at1 + 1] * frac) >> 11;
    let p = (pm + 3 * p1 + 2) >> 2;
    if (p < 1) p = 1;
    else if (p > 4095) p = 4095;
    this.pr = p;
    // Touch the next bit's APM rows now, so that their misses overlap this bit's coding.
    const ahead1 = (((c1 << 8) | (c0 << 1)) & (mask - 1)) * 33;
    this.touched = (this.touched + a1[ahead1] + a1[ahead1 + 65]) | 0;
  }

  private beginByte(byte: number): void {
    this.c8 = ((this.c8 << 8) | (this.c4 >>> 24)) | 0;
    this.c4 = ((this.c4 << 8) | byte) | 0;
    this.history[this.pos & this.historyMask] = byte;
    this.pos++;
    const lower = byte >= 65 && byte <= 90 ? byte + 32 : byte;
    if ((lower >= 97 && lower <= 122) || byte >= 128) {
      this.word = Math.imul(this.word ^ lower, 0x2f0b4c27) + 1;
    } else if (this.word !== 0) {
      this.previousWord = this.word;
      this.word = 0;
    }
    if (byte === 10) {
      this.lineAbove = this.pos - 1 - this.column;
      this.column = 0;
    } else this.column++;
    this.hashContexts();
    this.updateMatch(byte);
  }

  private updateMatch(byte: number): void {
    if (this.matchLength > 0 && this.matchByte === byte) {
      this.matchLength++;
      this.matchPtr++;
    } else this.matchLength = 0;
    if (this.pos < MATCH_ORDER) return;
    const h = (fmix32(this.c4 ^ Math.imul(this.c8 & 0xffff, 0x9e3779b1)) >>> 0) & this.matchMask;
    if (this.matchLength === 0) {
      const candidate = this.matchTable[h];
      if (candidate > 0 && this.pos - candidate < this.history.length) {
        let n = 0;
        while (n < 32 && n < candidate && this.history[(candidate - 1 - n) & this.historyMask] === this.history[(this.pos - 1 - n) & this.historyMask]) n++;
        if (n >= MATCH_ORDER) {
          this.matchLength = n;
          this.matchPtr = candidate;
        }
      }
    }
    this.matchTable[h] = this.pos;
    if (this.matchLength > 0) {
      if (this.matchLength > 65535) this.matchLength = 65535;
      this.matchByte = this.history[this.matchPtr & this.historyMask];
    }
  }

  private hashContexts(): void {
    const c4 = this.c4;
    const h = this.hashes;
    const c1 = c4 & 0xff;
    h[0] = c1 | 0x100;
    h[1] = hash2(1, c4 & 0xffff);
    h[2] = hash2(2, c4 & 0xffffff);
    h[3] = hash2(3, c4);
    h[4] = hash2(hash2(4, c4), this.c8 & 0xffff);
    h[5] = hash2(hash2(5, this.word), c1);
    const above = this.history[(this.lineAbove + this.column) & this.historyMask];
    h[6] = hash2(hash2(7, above), (c1 << 8) | (this.column > 255 ? 255 : this.column));
    this.locate(0);
  }

  private locate(tag: number): void {
    const t = this.table;
    const bucket = this.bucket;
    const lines = this.lines;
    const checks = this.checks;
    const tagHash = Math.imul(tag + 1, 0x6f4f2a35);
    if (tag === 0) {
      let touched = 0;
      for (let i = 0; i < NCTX; i++) {
        const hh = fmix32(this.hashes[i] + tagHash) >>> 0;
        checks[i] = hh >>> 24;
        const line = (this.regionStart[i] + (hh & this.regionMask[i] & ~3)) * 16;
        lines[i] = line;
        touched |= t[line];
      }
      this.touched = touched;
    } else {
      let touched = 0;
      for (let i = 0; i < OWN_LINE_CONTEXTS; i++) {
        const hh = fmix32(this.hashes[i] + tagHash) >>> 0;
        checks[i] = hh >>> 24;
        const line = (this.regionStart[i] + (hh & this.regionMask[i] & ~3)) * 16;
        lines[i] = line;
        touched |= t[line];
      }
      this.touched = touched;
      for (let i = OWN_LINE_CONTEXTS; i < NCTX; i++) {
        const first = bucket[i];
        let check = fmix32(this.hashes[i] + tagHash) >>> 24;
        if (check === t[first]) check = (check + 1) & 255;
        checks[i] = check;
        lines[i] = first & ~63;
      }
    }
  }

  private probe(tag: number): void {
    const t = this.table;
    const t32 = this.table32;
    const total = BIT_HISTORY.total;
    const bucket = this.bucket;
    const lines = this.lines;
    const checks = this.checks;
    for (let i = 0; i < NCTX; i++) {
      const check = checks[i];
      const line = lines[i];
      const mine = tag === 0 || i < OWN_LINE_CONTEXTS ? -1 : bucket[i];
      let best = -1;
      let bestTotal = 1024;
      for (let b = line; b < line + 64; b += 16) {
        if (t[b] === check) {
          best = b;
          bestTotal = -1;
          break;
        }
        const seen = total[t[b + 1]];
        if (seen < bestTotal && b !== mine) {
          bestTotal = seen;
          best = b;
        }
      }
      if (bestTotal >= 0) {
        const w = best >> 2;
        t32[w] = 0;
        t32[w + 1] = 0;
        t32[w + 2] = 0;
        t32[w + 3] = 0;
        t[best] = check;
      }
      bucket[i] = best;
    }
  }
}

const OWN_LINE_CONTEXTS = 2;
const NCTX = 7;
/** Hashed contexts, order 0, match, bias. */
const NINPUTS = NCTX + 3;
if (NCTX !== 7 || NINPUTS !== 10) throw new Error('CmModel3: the context update and the mixer are written out for 7 contexts, 10 inputs');
const MATCH_ORDER = 6;
/** log2 of the most buckets each context gets (orders 1, 2, 3, 4, 6, word, column). */
const CONTEXT_BITS = [14, 17, 20, 21, 21, 20, 18];
/** A context gets 2^(tableBits + EXTRA_TABLE_BITS) buckets at most (revision 2: 2^tableBits). */
const EXTRA_TABLE_BITS = 1;
const CROSS_ENTROPY_RATE = 0.000015;
const QUADRATIC_RATE = 0.00006;
const STATE_MAP_LIMIT = 255;
const INITIAL_WEIGHT = 0.15;
const ORDER0_LIMIT = 255;
const APM_RATE = 6;

const NEXT_STATE = BIT_HISTORY.next;

/** 1/(n + 1.5) in units of 2^−16. */
const RECIPROCAL = Int32Array.from({ length: 1024 }, (_, n) => Math.floor(131072 / (2 * n + 3)));

/** p += (target − p)/(n + 1.5), n capped at limit (revision 2's StateMap step). */
function adapt(v: number, target: number, limit: number): number {
  const p = v >>> 10;
  const n = v & 1023;
  const q = p + (Math.imul((target - p) >> 7, RECIPROCAL[n]) >> 9);
  return (q << 10) | (n < limit ? n + 1 : n);
}

function makeApm(contexts: number): Uint16Array {
  const t = new Uint16Array(contexts * 33);
  for (let j = 0; j < 33; j++) t[j] = squash((j - 16) * 128) * 16;
  for (let filled = 33; filled < t.length; filled *= 2) t.copyWithin(filled, 0, Math.min(filled, t.length - filled));
  return t;
}

function hash2(a: number, b: number): number {
  return Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b) ^ (b >>> 15);
}
