import { XentError } from '../../core/XentError.js';
import type { RangeDecoder } from '../arithmetic/RangeDecoder.js';
import type { RangeEncoder } from '../arithmetic/RangeEncoder.js';
import { fmix32 } from '../arithmetic/fmix32.js';
import { STRETCH, squash } from '../arithmetic/logistic.js';
import { BIT_HISTORY } from './bitHistory.js';

/** How the mixer learns: the gradient of the coding cost, or of the squared error. */
export type MixerCost = 'cross-entropy' | 'quadratic';
export const MIXER_COSTS: readonly MixerCost[] = ['cross-entropy', 'quadratic'];

/** The checked mixer cost (an XentError naming `field` otherwise). */
export function parseMixerCost(name: string, field = 'mixerCost'): MixerCost {
  if ((MIXER_COSTS as readonly string[]).includes(name)) return name as MixerCost;
  throw new XentError(`unknown mixer cost '${name}': expected one of ${MIXER_COSTS.join(', ')}`, { field });
}

/**
 * `cm`: a context-mixing model in the manner of M. Mahoney's lpaq1 and paq8 (described in
 * "Data Compression Explained", mattmahoney.net/dc/dce.html), written for this project.
 *
 * Bits are predicted most significant first. For each bit:
 * 1. NCTX contexts (orders 1, 2, 3, 4, 6, two word contexts and a column context for
 *    code and tables) each select a bit history (bitHistory.ts) in a hash table;
 *    a StateMap per context turns the history into a probability, learnt from what
 *    followed that history before (an indirect model: it learns what "seen 3 ones, no
 *    zero" means in this file). An order-0 counter and a match model join them: the match
 *    model finds the last place the current 6-byte context occurred and predicts the bit
 *    that followed there, as strongly as the match has been long.
 * 2. A mixer combines the stretched probabilities, p = squash(Σ w_i·stretch(p_i)), with one
 *    weight vector per (match state, partial byte) so that how inputs are trusted depends
 *    on where in the byte we are and whether a long repeat is running.
 * 3. An APM/SSE stage refines p by the order-1 context and the partial byte: it learns
 *    how far to trust the mix there, interpolating over 33 points of stretch(p); its
 *    output is averaged with the mix, 3 : 1.
 *
 * The mixer's weights follow the gradient of a cost. With cross-entropy (coding cost) the
 * gradient in w_i is (p − y)·x_i, x_i = stretch(p_i): large steps exactly when a confident
 * prediction was wrong. With quadratic cost (p − y)²/2 it is p(1 − p)·(p − y)·x_i, whose
 * p(1 − p) factor nearly stops learning there: the learning slowdown of the neuron story.
 *
 * Hash tables: 16-byte buckets (a check byte and the 15 bit histories of one half-byte),
 * found by probing 3 neighbours in one cache line; on a miss the least-used bucket is
 * replaced. All lookups are in typed arrays; probabilities and counters are integers, and
 * the mixer is float64 with only +, −, × (IEEE-754 exact rounding, so every engine agrees).
 *
 * Memory: each context has its own region of the hash table, 2^min(CONTEXT_BITS[i],
 * tableBits) buckets of 16 bytes, so that the short contexts, few and busy, stay in the
 * processor's cache while the long ones spread out (a shared table thrashes: a random
 * read from 64 MB costs ~100 ns here, from 1 MB ~10 ns). With the largest tableBits, 22,
 * that is 174.3 MB, plus 2^min(tableBits + 4, 24) bytes of match history and 2^tableBits
 * match pointers (4 bytes each; 32 MB together), 4.3 MB of APM and under 1 MB of the rest:
 * about 212 MB, whatever the input's length.
 */
export class CmModel {
  private readonly table: Uint8Array;
  /** The same memory as words, to clear a bucket quickly. */
  private readonly table32: Uint32Array;
  /** Per context: the first bucket of its region and the region's bucket mask. */
  private readonly regionStart = new Int32Array(NCTX);
  private readonly regionMask = new Int32Array(NCTX);
  /** Context hashes of the current byte (set at byte boundaries). */
  private readonly hashes = new Int32Array(NCTX);
  /** Byte offset of each context's current bucket. */
  private readonly bucket = new Int32Array(NCTX);
  /** Offset in `table` of each context's bit history for the current bit. */
  private readonly slot = new Int32Array(NCTX);
  /** StateMaps: per context, per state, p (22 bits) << 10 | count (10 bits). */
  private readonly stateMaps: Uint32Array;
  /** Order 0: a direct counter per partial byte, same format. */
  private readonly order0 = new Uint32Array(256);
  /** Match model: p per (expected bit, length bucket). */
  private readonly matchMap = new Uint32Array(2 * 16);
  private readonly history: Uint8Array;
  private readonly historyMask: number;
  private readonly matchTable: Int32Array;
  private readonly matchMask: number;
  private pos = 0;
  private matchPtr = 0;
  private matchLength = 0;
  private matchByte = 0;
  private matchSlot = -1;
  /** Mixer. */
  private readonly inputs = new Float64Array(NINPUTS);
  private readonly weights: Float64Array;
  private weightBase = 0;
  private readonly learningRate: number;
  private readonly quadratic: boolean;
  /** APM: 33 interpolation points per context, 16-bit probabilities. */
  private readonly apm2: Uint16Array;
  private readonly apm2Mask: number;
  private apm2Index = 0;
  private apmWeight = 0;
  private prMix = 2048;
  private pr = 2048;

  // Byte state.
  private c0 = 1;
  private nibble = 1;
  private bitCount = 0;
  private c4 = 0;
  private c8 = 0;
  private word = 0;
  private previousWord = 0;
  private column = 0;
  private lineAbove = 0;

  /**
   * @param tableBits log2 of the largest context's bucket count, MIN_TABLE_BITS to
   *   MAX_TABLE_BITS (the container stores it: both sides must size alike)
   */
  constructor(
    readonly tableBits: number,
    readonly mixerCost: MixerCost = 'cross-entropy',
  ) {
    let buckets = 0;
    for (let i = 0; i < NCTX; i++) {
      const bits = Math.min(CONTEXT_BITS[i], tableBits);
      this.regionStart[i] = buckets;
      this.regionMask[i] = 2 ** bits - 1;
      buckets += 2 ** bits;
    }
    this.table = new Uint8Array(16 * buckets);
    this.table32 = new Uint32Array(this.table.buffer);
    this.history = new Uint8Array(2 ** Math.min(tableBits + 4, 24));
    this.historyMask = this.history.length - 1;
    this.matchTable = new Int32Array(2 ** tableBits);
    this.matchMask = this.matchTable.length - 1;
    this.apm2 = makeApm(2 ** Math.min(16, tableBits + 4));
    this.apm2Mask = 2 ** Math.min(16, tableBits + 4) - 1;
    this.stateMaps = new Uint32Array(NCTX * 256);
    for (let i = 0; i < NCTX; i++) {
      for (let s = 0; s < 256; s++) this.stateMaps[i * 256 + s] = s < BIT_HISTORY.count ? (BIT_HISTORY.initialP16[s] << 6) << 10 : 1 << 31;
    }
    this.order0.fill((1 << 21) << 10);
    for (let i = 0; i < 32; i++) this.matchMap[i] = (i & 1 ? (1 << 22) - (1 << 18) : 1 << 18) << 10;
    this.weights = new Float64Array(NWEIGHTSETS * NINPUTS).fill(INITIAL_WEIGHT);
    this.quadratic = mixerCost === 'quadratic';
    // The quadratic rule's p(1 − p) is at most 1/4; its rate was tuned separately (see
    // the README's mixer comparison) so that the comparison is of the rules, not of the rates.
    this.learningRate = this.quadratic ? QUADRATIC_RATE : CROSS_ENTROPY_RATE;
    this.inputs[NINPUTS - 1] = 256;
    this.startByte();
  }

  encodeByte(enc: RangeEncoder, byte: number): void {
    for (let i = 7; i >= 0; i--) {
      const bit = (byte >> i) & 1;
      enc.encodeBit(bit, this.predict());
      this.update(bit);
    }
  }

  decodeByte(dec: RangeDecoder): number {
    for (let i = 0; i < 8; i++) this.update(dec.decodeBit(this.predict()));
    return this.c4 & 0xff;
  }

  /** P(next bit = 1) in units of 1/4096, within [1, 4095]. */
  predict(): number {
    const { table, slot, bucket, inputs, stateMaps } = this;
    const nib = this.nibble;
    for (let i = 0; i < NCTX; i++) {
      const at = bucket[i] + nib;
      slot[i] = at;
      inputs[i] = STRETCH[stateMaps[(i << 8) | table[at]] >>> 20];
    }
    inputs[NCTX] = STRETCH[this.order0[this.c0] >>> 20];
    // Match model: the bit the match predicts, if its byte agrees with the bits so far.
    if (this.matchLength > 0 && ((this.matchByte + 256) >> (8 - this.bitCount)) === this.c0) {
      const expected = (this.matchByte >> (7 - this.bitCount)) & 1;
      const len = this.matchLength > 15 ? 15 : this.matchLength;
      this.matchSlot = 2 * len + expected;
      inputs[NCTX + 1] = STRETCH[this.matchMap[this.matchSlot] >>> 20];
    } else {
      this.matchSlot = -1;
      inputs[NCTX + 1] = 0;
    }
    const ml = this.matchSlot < 0 ? 0 : this.matchLength < 16 ? 1 : this.matchLength < 32 ? 2 : 3;
    const wb = (ml * 256 + this.c0) * NINPUTS;
    this.weightBase = wb;
    const w = this.weights;
    let dot = 0;
    for (let i = 0; i < NINPUTS; i++) dot += w[wb + i] * inputs[i];
    let d = Math.floor(dot);
    if (d > 2047) d = 2047;
    else if (d < -2047) d = -2047;
    const pm = squash(d);
    this.prMix = pm;
    // APM (SSE) on the stretched mix, by order 1 and the partial byte; an order-0 stage
    // as well was tried and did not help on the tuning corpora.
    const s = d + 2048;
    const j = s >> 7;
    const frac = s & 127;
    this.apm2Index = ((((this.c4 & 0xff) << 8) | this.c0) & this.apm2Mask) * 33 + j;
    this.apmWeight = frac;
    const a2 = (this.apm2[this.apm2Index] * (128 - frac) + this.apm2[this.apm2Index + 1] * frac) >> 11;
    let p = (pm + 3 * a2 + 2) >> 2;
    if (p < 1) p = 1;
    else if (p > 4095) p = 4095;
    this.pr = p;
    return p;
  }

  update(bit: number): void {
    const { table, slot, inputs, stateMaps } = this;
    // Mixer: one gradient step on the chosen cost.
    let err = ((bit << 12) - this.prMix) / 4096;
    if (this.quadratic) err *= (this.prMix * (4096 - this.prMix)) / 16777216;
    const step = err * this.learningRate;
    const w = this.weights;
    const wb = this.weightBase;
    for (let i = 0; i < NINPUTS; i++) w[wb + i] += step * inputs[i];
    // StateMaps and bit histories.
    const target = bit ? 4194303 : 0;
    const next = BIT_HISTORY.next;
    for (let i = 0; i < NCTX; i++) {
      const at = slot[i];
      const state = table[at];
      const k = (i << 8) | state;
      stateMaps[k] = adapt(stateMaps[k], target, STATE_MAP_LIMIT);
      table[at] = next[2 * state + bit];
    }
    this.order0[this.c0] = adapt(this.order0[this.c0], target, ORDER0_LIMIT);
    if (this.matchSlot >= 0) this.matchMap[this.matchSlot] = adapt(this.matchMap[this.matchSlot], target, 1023);
    // APM: move the nearer interpolation point towards the bit.
    const t16 = bit ? 65535 : 0;
    const near = this.apmWeight < 64 ? 0 : 1;
    const i2 = this.apm2Index + near;
    this.apm2[i2] += (t16 - this.apm2[i2]) >> APM_RATE;

    this.c0 = (this.c0 << 1) | bit;
    this.nibble = (this.nibble << 1) | bit;
    this.bitCount++;
    if (this.c0 >= 256) this.endByte(this.c0 & 0xff);
    else if (this.nibble >= 16) {
      this.nibble = 1;
      this.findBuckets(this.c0);
    }
  }

  private endByte(byte: number): void {
    this.c8 = ((this.c8 << 8) | (this.c4 >>> 24)) | 0;
    this.c4 = ((this.c4 << 8) | byte) | 0;
    this.history[this.pos & this.historyMask] = byte;
    this.pos++;
    // Words: letters (any case folded) and bytes ≥ 128 (UTF-8 of other scripts).
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
    this.updateMatch(byte);
    this.startByte();
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
        // Count how far back the match really goes (the hash may collide).
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

  private startByte(): void {
    const c4 = this.c4;
    const h = this.hashes;
    const c1 = c4 & 0xff;
    h[0] = c1 | 0x100;
    h[1] = hash2(1, c4 & 0xffff);
    h[2] = hash2(2, c4 & 0xffffff);
    h[3] = hash2(3, c4);
    h[4] = hash2(hash2(4, c4), this.c8 & 0xffff);
    h[5] = hash2(hash2(5, this.word), c1);
    h[6] = hash2(hash2(6, this.word), this.previousWord);
    const above = this.history[(this.lineAbove + this.column) & this.historyMask];
    h[7] = hash2(hash2(7, above), (c1 << 8) | (this.column > 255 ? 255 : this.column));
    this.c0 = 1;
    this.nibble = 1;
    this.bitCount = 0;
    this.findBuckets(0);
  }

  /** The bucket of each context for the half-byte starting now (tag: bits already known). */
  private findBuckets(tag: number): void {
    const t = this.table;
    const t32 = this.table32;
    const total = BIT_HISTORY.total;
    for (let i = 0; i < NCTX; i++) {
      const hh = fmix32(this.hashes[i] + Math.imul(tag + 1, 0x6f4f2a35)) >>> 0;
      const check = hh >>> 24;
      const home = this.regionStart[i] + (hh & this.regionMask[i]);
      let best = -1;
      let bestTotal = 1024;
      for (let k = 0; k < 3; k++) {
        const b = (home ^ k) * 16;
        if (t[b] === check) {
          best = b;
          bestTotal = -1;
          break;
        }
        const seen = total[t[b + 1]];
        if (seen < bestTotal) {
          bestTotal = seen;
          best = b;
        }
      }
      if (bestTotal >= 0) {
        // Four aligned words rather than TypedArray.fill, which costs a builtin call.
        const w = best >> 2;
        t32[w] = 0;
        t32[w + 1] = 0;
        t32[w + 2] = 0;
        t32[w + 3] = 0;
        t[best] = check;
      }
      this.bucket[i] = best;
    }
  }
}

/** Number of hashed contexts. */
const NCTX = 8;
/** Hashed contexts, order 0, match, bias. */
const NINPUTS = NCTX + 3;
const NWEIGHTSETS = 4 * 256;
const MATCH_ORDER = 6;
export const MIN_TABLE_BITS = 4;
export const MAX_TABLE_BITS = 22;
/** log2 of the most buckets each context gets (orders 1, 2, 3, 4, 6, word, two words, column). */
const CONTEXT_BITS = [14, 17, 20, 21, 22, 20, 21, 18];
// Tuned on the `tune` corpora (scripts/coding/buildCorpora.mjs), not on the reported ones.
const CROSS_ENTROPY_RATE = 0.000015;
const QUADRATIC_RATE = 0.00006;
const STATE_MAP_LIMIT = 1023;
/** Starting weight of every input: 8 agreeing inputs at 0.15 give a mildly confident blend. */
const INITIAL_WEIGHT = 0.15;
const ORDER0_LIMIT = 255;
const APM_RATE = 6;

/** 1/(n + 1.5) in units of 2^−16. */
const RECIPROCAL = Int32Array.from({ length: 1024 }, (_, n) => Math.floor(131072 / (2 * n + 3)));

/**
 * One step of an adaptive probability: p += (target − p)/(n + 1.5), n capped at limit.
 * In int32: |target − p| < 2^22, so |(target − p)/2^7| · 43690 < 2^31.
 */
function adapt(v: number, target: number, limit: number): number {
  const p = v >>> 10;
  const n = v & 1023;
  const q = p + ((((target - p) >> 7) * RECIPROCAL[n]) >> 9);
  return ((q << 10) | (n < limit ? n + 1 : n)) >>> 0;
}

function makeApm(contexts: number): Uint16Array {
  const t = new Uint16Array(contexts * 33);
  for (let j = 0; j < 33; j++) {
    const v = squash((j - 16) * 128) * 16;
    for (let c = 0; c < contexts; c++) t[c * 33 + j] = v;
  }
  return t;
}

function hash2(a: number, b: number): number {
  return Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b) ^ (b >>> 15);
}
