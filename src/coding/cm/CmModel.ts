import { XentError } from '../../core/XentError.js';
import { fmix32 } from '../arithmetic/fmix32.js';
import { SQUASH_TABLE, STRETCH, squash } from '../arithmetic/logistic.js';
import { BitwiseCodingModel } from '../models/BitwiseCodingModel.js';
import { regionOffsets } from '../models/regionOffsets.js';
import { BIT_HISTORY, BIT_HISTORY_REVISION_4, bitHistoryCounts, type BitHistoryTable } from './bitHistory.js';
import { CM_REVISION_NEWEST, type CmRevision } from './CmRevision.js';

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
 * 1. NCTX contexts (orders 1, 2, 3, 4, two word contexts and a column context for code
 *    and tables; revision 5 adds order 6) each select a bit history (bitHistory.ts) in a hash table;
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
 * four to a 64-byte line; on a miss the least-used bucket of the line is replaced. A
 * random read from tens of MB costs hundreds of ns, many bits' arithmetic, so each byte is
 * arranged to cost few of them (what is left is about a fifth of the time: with tables
 * small enough for the cache the model runs about 20% faster): a context's second
 * half-byte is looked up in the line of its first (except orders 1 and 2, whose many
 * distinct second half-bytes would crowd one line), and every context's line is touched before any is probed, so that their
 * misses, and the match model's, overlap. All lookups are in typed arrays; probabilities
 * and counters are integers, and the mixer is float64 with only +, −, × (IEEE-754 exact
 * rounding, so every engine agrees).
 *
 * Memory: each context has its own region of the hash table, 2^min(CONTEXT_BITS[i],
 * tableBits) buckets of 16 bytes in revision 2, 2^min(CONTEXT_BITS[i], tableBits + 1) in
 * revision 3 (a 1.5 MB input's long contexts were crowded: 0.2–1% smaller files for the
 * same speed, since tableBits grows with the input and the caps stay), so that the short contexts, few and busy, stay in the
 * processor's cache while the long ones spread out (a shared table thrashes). With the
 * largest tableBits, 22, that is 107.2 MB, plus 2^min(tableBits + 4, 24) bytes of match
 * history and 2^tableBits match pointers (4 bytes each; 32 MB together), 4.3 MB of APM
 * and under 1 MB of the rest: about 145 MB, whatever the input's length.
 *
 * Revision 4 (what `compress` writes) changes four things, each chosen on the tuning
 * corpora and kept for what it gained on held-out texts (the King James Bible, the Jargon
 * File, Python's library) at no more than a few per cent of time; together its files are
 * 1.9–3.1% smaller there than revision 3's, for about 12% more time:
 * - bit histories of 233 states (BIT_HISTORY_REVISION_4: longer runs told apart);
 * - an order-0 counter that moves a third of the way to each bit (what the last few
 *   bytes did at this partial byte);
 * - in place of order 1 (the weakest context once order 2 and the APM are there), the
 *   previous byte with the classes of the seven before it (CHARACTER_CLASS): a coarse
 *   picture of the line's shape (word, number, indentation, punctuation);
 * - the mixer's weights chosen also by the previous byte's class and by how many contexts
 *   have seen this point before, 24 times the weight sets at no more products per bit;
 *   the word context's cap drops to 2^19 buckets so that the 2.2 MB of weights fit the
 *   same memory (139.7 MB at tableBits 22).
 *
 * Revision 5 adds four things to revision 4. Each was kept for what it gained on the
 * held-out texts (bytes on the King James Bible / Jargon File / Python's library, each
 * step measured on the one before); together its files there are 1.2–1.7% smaller than
 * revision 4's, for about 1.5 times its CPU time:
 * - order 6 as an eighth context (2^19 buckets): −2512 / −2225 / −1559, for 1.19× the time;
 * - a second APM, by a hash of order 2 and the partial byte (lpaq1's second), its output
 *   weighted with the mix and the first APM's 10 : 2 : 4 (in sixteenths; 4 : 6 : 6 at
 *   first, the tuned weights gave a further −139 / −188 / −30): −1171 / −1467 / −768, most
 *   of the remaining time;
 * - StateMaps that count up to 1023 visits rather than 255 (STATE_MAP_LIMIT_REVISION_5):
 *   −175 / −253 / −42;
 * - three confidence inputs, the inputs of orders 3, 4 and word again where their bit
 *   history has seen one bit value only (DETERMINISTIC), so that the mixer weighs a
 *   certain context apart from an uncertain one of the same probability: −322 / −842 / −265.
 * At tableBits 22 it holds 144.6 MB: order 6's region and the second APM are paid for by
 * half the match pointers (2^21, MATCH_TABLE_BITS_REVISION_5).
 */
export class CmModel extends BitwiseCodingModel {
  private readonly table: Uint8Array;
  /** The same memory as words, to clear a bucket quickly. */
  private readonly table32: Int32Array;
  /** Per context: the first bucket of its region (then the end of the last) and the region's bucket mask. */
  private readonly regionStart: Int32Array;
  private readonly regionMask = new Int32Array(NCTX_REVISION_5);
  /** Context hashes of the current byte (set at byte boundaries). */
  private readonly hashes = new Int32Array(NCTX_REVISION_5);
  /** Byte offset of each context's current bucket. */
  private readonly bucket = new Int32Array(NCTX_REVISION_5);
  /** locate's results for probe: each context's line (byte offset) and check byte. */
  private readonly lines = new Int32Array(NCTX_REVISION_5);
  private readonly checks = new Int32Array(NCTX_REVISION_5);
  /** Hashed contexts: NCTX, or NCTX_REVISION_5 with order 6 (revision 5). */
  private readonly contexts: number;
  /** Revision 5: order 6 as an eighth hashed context (its input is inputs[NINPUTS]). */
  private readonly order6: boolean;
  /** Mixer inputs: NINPUTS, or NINPUTS_REVISION_5 with order 6's and the confidence inputs. */
  private readonly inputCount: number;
  /** Revision 5: inputs that repeat the prediction of orders 3, 4 and word when their history has seen one bit value only. */
  private readonly confidenceInputs: boolean;
  /** The StateMaps' count limit (revision 5: 1023, slower to forget). */
  private readonly stateMapLimit: number;
  /** Revision 5: a second APM by a hash of order 2 and the partial byte, as lpaq1's second. */
  private readonly apmOrder2: Uint16Array | null;
  private apmOrder2Hash = 0;
  private apmOrder2Index = 0;
  /** The OR of the home buckets' first bytes, kept so that their loads are not dropped. */
  private touched = 0;
  /**
   * StateMaps: per context, per state, p (22 bits) << 10 | count (10 bits), kept as int32
   * bit patterns (read with >>>) so that V8 never boxes a value ≥ 2^31.
   */
  private readonly stateMaps: Int32Array;
  /** Order 0: a direct counter per partial byte, same format. */
  private readonly order0 = new Int32Array(256);
  /** Match model: p per (expected bit, length bucket). */
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
  /** Mixer. */
  private readonly inputs = new Float64Array(NINPUTS_REVISION_5);
  private readonly weights: Float64Array;
  private weightBase = 0;
  /** Revision 4: weight sets also by the previous byte's class and how many contexts have seen this point. */
  private readonly wideSelector: boolean;
  private readonly learningRate: number;
  private readonly quadratic: boolean;
  /** APM: 33 interpolation points per context, 16-bit probabilities. */
  private readonly apm2: Uint16Array;
  private readonly apm2Mask: number;
  private apm2Index = 0;
  private apmWeight = 0;
  private prMix = 2048;
  private pr = 2048;
  /** The revision's bit-history table, its next states by rows (nextStateByBit) and limits. */
  private readonly bitHistory: BitHistoryTable;
  private readonly nextStateByBit: Uint8Array;
  private readonly order0Limit: number;
  /** Contexts 0 … ownLineContexts − 1 give their second half-byte a line of its own. */
  private readonly ownLineContexts: number;
  /** Revision 4: order 1 gives way to the previous byte with the classes of the 7 before it. */
  private readonly classContext: boolean;

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
  /** CHARACTER_CLASS of the last 8 bytes, 4 bits each, the last byte's lowest. */
  private classes = 0;

  /**
   * @param tableBits log2 of the largest context's bucket count, MIN_TABLE_BITS to
   *   MAX_TABLE_BITS (the container stores it: both sides must size alike)
   * @param revision the model revision (CmRevision.ts), which the container also stores:
   *   revision 3 gives each context up to twice the buckets of revision 2 for the same
   *   tableBits (2^min(CONTEXT_BITS[i], tableBits + 1)), and is otherwise revision 2;
   *   revision 4 is revision 3 with the changes listed in the class comment, and
   *   revision 5 is revision 4 with the additions listed there
   */
  constructor(
    readonly tableBits: number,
    readonly mixerCost: MixerCost = 'cross-entropy',
    readonly revision: CmRevision = CM_REVISION_NEWEST,
  ) {
    super();
    const extraBits = revision >= 3 ? 1 : 0;
    const revision4 = revision >= 4;
    const revision5 = revision >= 5;
    this.order6 = revision5;
    this.contexts = revision5 ? NCTX_REVISION_5 : NCTX;
    this.confidenceInputs = revision5;
    this.inputCount = revision5 ? NINPUTS_REVISION_5 : NINPUTS;
    this.stateMapLimit = revision5 ? STATE_MAP_LIMIT_REVISION_5 : STATE_MAP_LIMIT;
    this.bitHistory = revision4 ? BIT_HISTORY_REVISION_4 : BIT_HISTORY;
    this.nextStateByBit = revision4 ? NEXT_STATE_BY_BIT_REVISION_4 : NEXT_STATE_BY_BIT;
    this.order0Limit = revision4 ? ORDER0_LIMIT_REVISION_4 : ORDER0_LIMIT;
    this.ownLineContexts = revision4 ? 1 : OWN_LINE_CONTEXTS;
    this.classContext = revision4;
    this.wideSelector = revision4;
    const contextBits = revision5 ? CONTEXT_BITS_REVISION_5 : revision4 ? CONTEXT_BITS_REVISION_4 : CONTEXT_BITS;
    const regionBuckets = contextBits.map((bits) => 2 ** Math.min(bits, tableBits + extraBits));
    this.regionStart = regionOffsets(regionBuckets);
    for (let i = 0; i < this.contexts; i++) this.regionMask[i] = regionBuckets[i] - 1;
    this.table = new Uint8Array(16 * this.regionStart[this.contexts]);
    this.table32 = new Int32Array(this.table.buffer);
    this.history = new Uint8Array(2 ** Math.min(tableBits + 4, 24));
    this.historyMask = this.history.length - 1;
    this.matchTable = new Int32Array(2 ** (revision5 ? Math.min(tableBits, MATCH_TABLE_BITS_REVISION_5) : tableBits));
    this.matchMask = this.matchTable.length - 1;
    this.apm2 = makeApm(2 ** Math.min(16, tableBits + 4));
    this.apm2Mask = 2 ** Math.min(16, tableBits + 4) - 1;
    // As many rows as the first APM (apm2Mask + 1).
    this.apmOrder2 = revision5 ? makeApm(2 ** Math.min(16, tableBits + 4)) : null;
    this.stateMaps = new Int32Array(this.contexts * 256);
    for (let i = 0; i < this.contexts; i++) {
      for (let s = 0; s < 256; s++) this.stateMaps[i * 256 + s] = s < this.bitHistory.count ? (this.bitHistory.initialP16[s] << 6) << 10 : 1 << 31;
    }
    this.order0.fill((1 << 21) << 10);
    for (let i = 0; i < 32; i++) this.matchMap[i] = (i & 1 ? (1 << 22) - (1 << 18) : 1 << 18) << 10;
    this.weights = new Float64Array((revision4 ? NWEIGHTSETS_REVISION_4 : NWEIGHTSETS) * this.inputCount).fill(INITIAL_WEIGHT);
    this.quadratic = mixerCost === 'quadratic';
    // The quadratic rule's p(1 − p) is at most 1/4; its rate was tuned separately (see
    // the README's mixer comparison) so that the comparison is of the rules, not of the rates.
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

  /**
   * Learns `bit`, then predicts the next one. Learning and predicting are fused per
   * context: context i's StateMap and bit history are updated and its next input is read
   * in one pass (inside a half-byte its next history is in the same bucket), which is
   * exactly the order of two separate passes, since no two contexts share a bucket or a
   * StateMap.
   */
  update(bit: number): void {
    const { table, bucket, inputs, stateMaps, nextStateByBit } = this;
    // Each context's bit history for this bit is at bucket + nibble (the partial half-byte
    // with a leading 1), for the next bit at bucket + the nibble after this bit.
    const nibbleBefore = this.nibble;
    // NEXT_STATE_BY_BIT's row for this bit.
    const bitRow = bit << 8;
    // At a byte's last bit the next byte's contexts are known: their lines are touched
    // first, so that their cache misses overlap the learning below rather than stall
    // the probe after it (the learning touches only the old buckets, so the order of
    // the two does not change a bit).
    const byteEnds = this.bitCount === 7;
    if (byteEnds) this.beginByte(((this.c0 << 1) | bit) & 0xff);
    // Mixer: one gradient step on the chosen cost.
    const prMix = this.prMix;
    let err = ((bit << 12) - prMix) / 4096;
    if (this.quadratic) err *= (prMix * (4096 - prMix)) / 16777216;
    const step = err * this.learningRate;
    const w = this.weights;
    const wb = this.weightBase;
    // Written out (NINPUTS = 10): TurboFan does not unroll the loop, and its counter and
    // bounds checks cost about as much as the arithmetic.
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
    if (this.inputCount > NINPUTS) {
      w[wb + 10] += step * inputs[10];
      w[wb + 11] += step * inputs[11];
      w[wb + 12] += step * inputs[12];
      w[wb + 13] += step * inputs[13];
    }
    // The bit is what no predictor knows in advance: the values chosen by it are computed
    // (−bit is 0 or all ones) rather than branched on.
    const target = -bit & 4194303;
    const c0 = this.c0;
    this.order0[c0] = adapt(this.order0[c0], target, this.order0Limit);
    if (this.matchSlot >= 0) this.matchMap[this.matchSlot] = adapt(this.matchMap[this.matchSlot], target, 1023);
    // APM: move the nearer interpolation point towards the bit.
    const i2 = this.apm2Index + (this.apmWeight >> 6);
    this.apm2[i2] += ((-bit & 65535) - this.apm2[i2]) >> APM_RATE;
    const apmOrder2 = this.apmOrder2;
    if (apmOrder2 !== null) {
      const iB = this.apmOrder2Index + (this.apmWeight >> 6);
      apmOrder2[iB] += ((-bit & 65535) - apmOrder2[iB]) >> APM_RATE;
    }
    const stateMapLimit = this.stateMapLimit;

    const nextC0 = (c0 << 1) | bit;
    const nibble = (this.nibble << 1) | bit;
    this.c0 = nextC0;
    this.nibble = nibble;
    this.bitCount++;
    if (nibble < 16) {
      // Six bits in eight take this path: written out per context (NCTX = 7), with the
      // StateMap offsets i·256 as constants, it runs about 10% faster than the loop (the
      // same loop as a function called 7 times was slower, and writing out the two
      // rarer loops below did not pay).
      {
        const home = bucket[0];
        const at = home + nibbleBefore;
        const state = table[at];
        const k = 0 | state;
        stateMaps[k] = adapt(stateMaps[k], target, stateMapLimit);
        table[at] = nextStateByBit[bitRow | state];
        const now = home + nibble;
        inputs[0] = STRETCH[stateMaps[0 | table[now]] >>> 20];
      }
      {
        const home = bucket[1];
        const at = home + nibbleBefore;
        const state = table[at];
        const k = 256 | state;
        stateMaps[k] = adapt(stateMaps[k], target, stateMapLimit);
        table[at] = nextStateByBit[bitRow | state];
        const now = home + nibble;
        inputs[1] = STRETCH[stateMaps[256 | table[now]] >>> 20];
      }
      {
        const home = bucket[2];
        const at = home + nibbleBefore;
        const state = table[at];
        const k = 512 | state;
        stateMaps[k] = adapt(stateMaps[k], target, stateMapLimit);
        table[at] = nextStateByBit[bitRow | state];
        const now = home + nibble;
        inputs[2] = STRETCH[stateMaps[512 | table[now]] >>> 20];
      }
      {
        const home = bucket[3];
        const at = home + nibbleBefore;
        const state = table[at];
        const k = 768 | state;
        stateMaps[k] = adapt(stateMaps[k], target, stateMapLimit);
        table[at] = nextStateByBit[bitRow | state];
        const now = home + nibble;
        inputs[3] = STRETCH[stateMaps[768 | table[now]] >>> 20];
      }
      {
        const home = bucket[4];
        const at = home + nibbleBefore;
        const state = table[at];
        const k = 1024 | state;
        stateMaps[k] = adapt(stateMaps[k], target, stateMapLimit);
        table[at] = nextStateByBit[bitRow | state];
        const now = home + nibble;
        inputs[4] = STRETCH[stateMaps[1024 | table[now]] >>> 20];
      }
      {
        const home = bucket[5];
        const at = home + nibbleBefore;
        const state = table[at];
        const k = 1280 | state;
        stateMaps[k] = adapt(stateMaps[k], target, stateMapLimit);
        table[at] = nextStateByBit[bitRow | state];
        const now = home + nibble;
        inputs[5] = STRETCH[stateMaps[1280 | table[now]] >>> 20];
      }
      {
        const home = bucket[6];
        const at = home + nibbleBefore;
        const state = table[at];
        const k = 1536 | state;
        stateMaps[k] = adapt(stateMaps[k], target, stateMapLimit);
        table[at] = nextStateByBit[bitRow | state];
        const now = home + nibble;
        inputs[6] = STRETCH[stateMaps[1536 | table[now]] >>> 20];
      }
      if (this.order6) {
        const home = bucket[7];
        const at = home + nibbleBefore;
        const state = table[at];
        const k = 1792 | state;
        stateMaps[k] = adapt(stateMaps[k], target, stateMapLimit);
        table[at] = nextStateByBit[bitRow | state];
        const now = home + nibble;
        inputs[NINPUTS] = STRETCH[stateMaps[1792 | table[now]] >>> 20];
      }
    } else {
      for (let i = 0; i < this.contexts; i++) {
        const at = bucket[i] + nibbleBefore;
        const state = table[at];
        const k = (i << 8) | state;
        stateMaps[k] = adapt(stateMaps[k], target, stateMapLimit);
        table[at] = nextStateByBit[bitRow | state];
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

  /** The hashed contexts' inputs at the start of a half-byte. */
  private readInputs(): void {
    const { table, bucket, inputs, stateMaps } = this;
    const nibble = this.nibble;
    for (let i = 0; i < NCTX; i++) {
      inputs[i] = STRETCH[stateMaps[(i << 8) | table[bucket[i] + nibble]] >>> 20];
    }
    if (this.order6) inputs[NINPUTS] = STRETCH[stateMaps[(NCTX << 8) | table[bucket[NCTX] + nibble]] >>> 20];
  }

  /** The order-0 and match inputs, the mix and the APM: sets pr. */
  private mix(): void {
    const inputs = this.inputs;
    const c0 = this.c0;
    inputs[NCTX] = STRETCH[this.order0[c0] >>> 20];
    // Match model: the bit the match predicts, if its byte agrees with the bits so far.
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
    let set = ml;
    if (this.wideSelector) {
      // How many contexts have seen this point of the byte before (a state other than 0)
      // says how much the higher orders know; the previous byte's class, where in a word or
      // line we are. Both pick the weights rather than feed the mix, so they cost no more
      // products (0.6–1.7% smaller files on the held-out texts).
      const t = this.table;
      const b = this.bucket;
      const n = this.nibble;
      let seen =
        (-t[b[0] + n] >>> 31) + (-t[b[1] + n] >>> 31) + (-t[b[2] + n] >>> 31) + (-t[b[3] + n] >>> 31) + (-t[b[4] + n] >>> 31) + (-t[b[5] + n] >>> 31) + (-t[b[6] + n] >>> 31);
      if (this.order6) seen += -t[b[7] + n] >>> 31;
      if (this.confidenceInputs) {
        // A history that has seen only one bit value: its prediction again, so that the
        // mixer can trust a certain context apart from an uncertain one of the same p.
        inputs[NINPUTS + 1] = DETERMINISTIC[t[b[2] + n]] * inputs[2];
        inputs[NINPUTS + 2] = DETERMINISTIC[t[b[3] + n]] * inputs[3];
        inputs[NINPUTS + 3] = DETERMINISTIC[t[b[4] + n]] * inputs[4];
      }
      set += 4 * (SEEN_CONTEXTS_BUCKET[seen] * MIXER_BYTE_CLASSES + MIXER_BYTE_CLASS[this.c4 & 0xff]);
    }
    const wb = (set * 256 + c0) * this.inputCount;
    this.weightBase = wb;
    const w = this.weights;
    // Summed in the loop's order (left to right), so the rounding is the same.
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
    if (this.inputCount > NINPUTS) {
      dot += w[wb + 10] * inputs[10];
      dot += w[wb + 11] * inputs[11];
      dot += w[wb + 12] * inputs[12];
      dot += w[wb + 13] * inputs[13];
    }
    // ⌊dot⌋ clamped to ±2047, in int32 throughout: dot is clamped first (⌊dot⌋ ≥ 2047 iff
    // dot ≥ 2047, ⌊dot⌋ < −2047 iff dot < −2047), then truncated, which is ⌊dot⌋ except for
    // a negative non-integer, one more.
    let d = 2047;
    if (dot < 2047) {
      if (dot < -2047) d = -2047;
      else {
        d = dot | 0;
        d -= +(d > dot);
      }
    }
    const pm = SQUASH_TABLE[d + 2047];
    this.prMix = pm;
    // APM (SSE) on the stretched mix, by order 1 and the partial byte; an order-0 stage
    // as well was tried and did not help on the tuning corpora.
    const s = d + 2048;
    const frac = s & 127;
    const at = ((((this.c4 & 0xff) << 8) | c0) & this.apm2Mask) * 33 + (s >> 7);
    this.apm2Index = at;
    this.apmWeight = frac;
    const apm = this.apm2;
    const a2 = (apm[at] * (128 - frac) + apm[at + 1] * frac) >> 11;
    let p: number;
    const apmOrder2 = this.apmOrder2;
    if (apmOrder2 === null) p = (pm + 3 * a2 + 2) >> 2;
    else {
      const atB = ((this.apmOrder2Hash ^ c0) & this.apm2Mask) * 33 + (s >> 7);
      this.apmOrder2Index = atB;
      const aB = (apmOrder2[atB] * (128 - frac) + apmOrder2[atB + 1] * frac) >> 11;
      // As for the first APM below: the next bit's rows touched now.
      const aheadB = ((this.apmOrder2Hash ^ (c0 << 1)) & (this.apm2Mask - 1)) * 33;
      this.touched = (this.touched + apmOrder2[aheadB] + apmOrder2[aheadB + 32] + apmOrder2[aheadB + 65]) | 0;
      p = (MIX_SHARE_REVISION_5 * pm + APM_ORDER1_SHARE_REVISION_5 * a2 + APM_ORDER2_SHARE_REVISION_5 * aB + 8) >> 4;
    }
    if (p < 1) p = 1;
    else if (p > 4095) p = 4095;
    this.pr = p;
    // The next bit's APM rows, (c1, 2·c0) and (c1, 2·c0 + 1), are adjacent: touch them
    // now so that their cache misses overlap the coding of this bit instead of stalling
    // the next prediction. (At the last bit of a byte this touches rows that are not used.)
    const ahead = ((((this.c4 & 0xff) << 8) | (c0 << 1)) & (this.apm2Mask - 1)) * 33;
    this.touched = (this.touched + apm[ahead] + apm[ahead + 32] + apm[ahead + 65]) | 0;
  }

  /** The byte state after `byte`, the next byte's context hashes and lines (touched), and the match. */
  private beginByte(byte: number): void {
    this.classes = (this.classes << 4) | CHARACTER_CLASS[byte];
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
    // The buckets' lines are touched first, so that the match model's cache misses
    // overlap theirs (neither reads what the other writes).
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

  /** The contexts' hashes for the byte about to start, and their lines (locate). */
  private hashContexts(): void {
    const c4 = this.c4;
    const h = this.hashes;
    const c1 = c4 & 0xff;
    if (this.classContext) {
      h[0] = hash2(1, c4 & 0xffff);
      h[1] = hash2(hash2(16, this.classes & 0xfffffff0), c1);
    } else {
      h[0] = c1 | 0x100;
      h[1] = hash2(1, c4 & 0xffff);
    }
    h[2] = hash2(2, c4 & 0xffffff);
    h[3] = hash2(3, c4);
    h[4] = hash2(hash2(5, this.word), c1);
    h[5] = hash2(hash2(6, this.word), this.previousWord);
    const above = this.history[(this.lineAbove + this.column) & this.historyMask];
    h[6] = hash2(hash2(7, above), (c1 << 8) | (this.column > 255 ? 255 : this.column));
    if (this.order6) h[7] = hash2(hash2(8, this.c8 & 0xffff), c4);
    if (this.apmOrder2 !== null) this.apmOrder2Hash = (fmix32(hash2(9, c4 & 0xffff)) >>> 8) & this.apm2Mask;
    this.locate(0);
  }

  /**
   * The bucket of each context for the half-byte starting now (tag: the bits already
   * known). A context's buckets share one 64-byte line (4 buckets): the first half-byte's
   * is looked up there by the context's hash, the second's in the same line, so a byte
   * costs each context one cache miss rather than two. Within the line a bucket is found
   * by its check byte, else the least-used one is replaced (never the first half-byte's,
   * whose states the second half-byte follows). In two steps: locate, then probe.
   */
  private locate(tag: number): void {
    const t = this.table;
    const bucket = this.bucket;
    const lines = this.lines;
    const checks = this.checks;
    const tagHash = Math.imul(tag + 1, 0x6f4f2a35);
    if (tag === 0) {
      // Two passes: the first only computes each context's line and touches it, so that
      // the likely cache misses are in flight together rather than one after another
      // behind the probing's branches.
      let touched = 0;
      for (let i = 0; i < this.contexts; i++) {
        const hh = fmix32(this.hashes[i] + tagHash) >>> 0;
        checks[i] = hh >>> 24;
        const line = (this.regionStart[i] + (hh & this.regionMask[i] & ~3)) * 16;
        lines[i] = line;
        touched |= t[line];
      }
      this.touched = touched;
    } else {
      let touched = 0;
      const ownLineContexts = this.ownLineContexts;
      for (let i = 0; i < ownLineContexts; i++) {
        const hh = fmix32(this.hashes[i] + tagHash) >>> 0;
        checks[i] = hh >>> 24;
        const line = (this.regionStart[i] + (hh & this.regionMask[i] & ~3)) * 16;
        lines[i] = line;
        touched |= t[line];
      }
      this.touched = touched;
      for (let i = ownLineContexts; i < this.contexts; i++) {
        const first = bucket[i];
        let check = fmix32(this.hashes[i] + tagHash) >>> 24;
        if (check === t[first]) check = (check + 1) & 255;
        checks[i] = check;
        lines[i] = first & ~63;
      }
    }
  }

  /** The second step of finding buckets: each context's bucket in its line (after locate). */
  private probe(tag: number): void {
    const t = this.table;
    const t32 = this.table32;
    const total = this.bitHistory.total;
    const ownLineContexts = this.ownLineContexts;
    const bucket = this.bucket;
    const lines = this.lines;
    const checks = this.checks;
    for (let i = 0; i < this.contexts; i++) {
      const check = checks[i];
      const line = lines[i];
      // Which of the line's four buckets hold the check byte, as a 4-bit mask (x − 1 < 0
      // only for x = 0, x a byte): the first of them is found without a branch per
      // bucket, whose outcome, a hash's, no predictor can learn.
      const hits =
        (((t[line] ^ check) - 1) >>> 31) |
        ((((t[line + 16] ^ check) - 1) >>> 31) << 1) |
        ((((t[line + 32] ^ check) - 1) >>> 31) << 2) |
        ((((t[line + 48] ^ check) - 1) >>> 31) << 3);
      if (hits !== 0) {
        bucket[i] = line + 16 * (31 - Math.clz32(hits & -hits));
        continue;
      }
      // A miss: the least-used bucket, the first of equals, never the first half-byte's.
      const mine = tag === 0 || i < ownLineContexts ? -1 : bucket[i];
      let best = -1;
      let bestTotal = 1024;
      for (let b = line; b < line + 64; b += 16) {
        const seen = total[t[b + 1]];
        if (seen < bestTotal && b !== mine) {
          bestTotal = seen;
          best = b;
        }
      }
      // Four aligned words rather than TypedArray.fill, which costs a builtin call.
      const w = best >> 2;
      t32[w] = 0;
      t32[w + 1] = 0;
      t32[w + 2] = 0;
      t32[w + 3] = 0;
      t[best] = check;
      bucket[i] = best;
    }
  }
}

/**
 * Orders 1 and 2 see many distinct second half-bytes: their buckets get lines of their own
 * (revision 4: only order 2, its context 0).
 */
const OWN_LINE_CONTEXTS = 2;
/** Number of hashed contexts. */
const NCTX = 7;
/** Hashed contexts, order 0, match, bias. */
const NINPUTS = NCTX + 3;
/** Revision 5: order 6 as an eighth hashed context. */
const NCTX_REVISION_5 = NCTX + 1;
/** Revision 5: order 6's input and three confidence inputs, after the bias. */
const NINPUTS_REVISION_5 = NINPUTS + 4;
// update() and the mixer are written out for exactly these counts.
if (NCTX !== 7 || NINPUTS !== 10 || NCTX_REVISION_5 !== 8 || NINPUTS_REVISION_5 !== 14) {
  throw new Error('CmModel: the context update and the mixer are written out for 7 (8) contexts, 10 (14) inputs');
}
/** Weight sets: match-length bucket × partial byte (revision 4: × MIXER_BYTE_CLASSES × 4 SEEN_CONTEXTS_BUCKETs). */
const NWEIGHTSETS = 4 * 256;
/**
 * The previous byte's class for picking weights: letter (either case), space, newline,
 * digit, byte ≥ 128, anything else.
 */
const MIXER_BYTE_CLASS = Uint8Array.from({ length: 256 }, (_, c) => {
  const lower = c | 32;
  return lower >= 97 && lower <= 122 ? 0 : c === 32 ? 1 : c === 10 ? 2 : c >= 48 && c <= 57 ? 3 : c >= 128 ? 4 : 5;
});
const MIXER_BYTE_CLASSES = 6;
/** Contexts (of 7, or 8 in revision 5) that have seen this point before, in 4 buckets. */
const SEEN_CONTEXTS_BUCKET = Int32Array.of(0, 0, 0, 1, 1, 2, 2, 3, 3);
const NWEIGHTSETS_REVISION_4 = NWEIGHTSETS * MIXER_BYTE_CLASSES * 4;
/**
 * A byte's class for the classes context (4 bits): lower-case letter, upper-case letter,
 * digit, space, newline, byte ≥ 128, other control byte, and punctuation in 8 groups
 * (by its low 3 bits).
 */
const CHARACTER_CLASS = Uint8Array.from({ length: 256 }, (_, b) =>
  b >= 97 && b <= 122 ? 1 : b >= 65 && b <= 90 ? 2 : b >= 48 && b <= 57 ? 3 : b === 32 ? 4 : b === 10 ? 5 : b >= 128 ? 6 : b < 32 ? 7 : 8 + (b & 7),
);
const MATCH_ORDER = 6;
export const MIN_TABLE_BITS = 4;
export const MAX_TABLE_BITS = 22;
/** log2 of the most buckets each context gets (orders 1, 2, 3, 4, word, two words, column). */
const CONTEXT_BITS = [14, 17, 20, 21, 20, 21, 18];
/**
 * Revision 4 (order 2, classes, 3, 4, word, two words, column): the classes context takes
 * 2^16 buckets, and the word context gives back 2^19 (for inputs over about 2 MB) so that
 * the weight sets fit the same 145 MB.
 */
const CONTEXT_BITS_REVISION_4 = [17, 16, 20, 21, 19, 21, 18];
/** Revision 5: revision 4's and order 6's, 2^19 buckets. */
const CONTEXT_BITS_REVISION_5 = [17, 16, 20, 21, 19, 21, 18, 19];
/**
 * Revision 5 keeps at most 2^21 match pointers (the most recent occurrence of a 6-byte
 * context), so that order 6 and the second APM fit the same memory.
 */
const MATCH_TABLE_BITS_REVISION_5 = 21;
// Tuned on the `tune` corpora (scripts/coding/buildCorpora.mjs), not on the reported ones.
const CROSS_ENTROPY_RATE = 0.000015;
const QUADRATIC_RATE = 0.00006;
const STATE_MAP_LIMIT = 255;
/** Revision 5's StateMaps average over up to 1023 visits, as lpaq1's do. */
const STATE_MAP_LIMIT_REVISION_5 = 1023;
/** Starting weight of every input: 7 agreeing inputs at 0.15 give a mildly confident blend. */
const INITIAL_WEIGHT = 0.15;
const ORDER0_LIMIT = 255;
/**
 * Revision 4's order-0 counter moves a third of the way to each bit (n ≤ 2): it says what
 * the last few bytes did at this partial byte, which the slow StateMaps do not; limits
 * from 255 down to 2 gave steadily smaller files on the tuning corpora (0.5%).
 */
const ORDER0_LIMIT_REVISION_4 = 2;
const APM_RATE = 6;
/**
 * Revision 5's final probability, in sixteenths: the mix, the order-1 APM and the order-2
 * APM weighted 2 : 4 : 10 (in place of revision 4's mix and APM at 1 : 3).
 */
const MIX_SHARE_REVISION_5 = 2;
const APM_ORDER1_SHARE_REVISION_5 = 4;
const APM_ORDER2_SHARE_REVISION_5 = 10;
if (MIX_SHARE_REVISION_5 + APM_ORDER1_SHARE_REVISION_5 + APM_ORDER2_SHARE_REVISION_5 !== 16) throw new Error('CmModel: the shares are sixteenths');
/**
 * 1 for a revision-4 bit history that has seen only one bit value (n0 = 0 or n1 = 0, not
 * both), else 0: what revision 5's confidence inputs read (the WebAssembly engine too).
 */
export const DETERMINISTIC = Float64Array.from({ length: 256 }, (_, s) => {
  if (s === 0 || s >= BIT_HISTORY_REVISION_4.count) return 0;
  const { n0, n1 } = bitHistoryCounts(s, true);
  return (n0 === 0) !== (n1 === 0) ? 1 : 0;
});

/**
 * BIT_HISTORY.next by rows: the state after `bit` in state s at bit·256 + s (0 beyond the
 * states), so that a bit's row is chosen once for all contexts.
 */
function nextStateByBit(table: BitHistoryTable): Uint8Array {
  return Uint8Array.from({ length: 512 }, (_, i) => {
    const state = i & 255;
    return state < table.count ? table.next[2 * state + (i >> 8)] : 0;
  });
}
const NEXT_STATE_BY_BIT = nextStateByBit(BIT_HISTORY);
const NEXT_STATE_BY_BIT_REVISION_4 = nextStateByBit(BIT_HISTORY_REVISION_4);

/** 1/(n + 1.5) in units of 2^−16. */
const RECIPROCAL = Int32Array.from({ length: 1024 }, (_, n) => Math.floor(131072 / (2 * n + 3)));

/**
 * One step of an adaptive probability: p += (target − p)/(n + 1.5), n capped at limit.
 * In int32: |target − p| < 2^22, so |(target − p)/2^7| · 43690 < 2^31.
 */
function adapt(v: number, target: number, limit: number): number {
  const p = v >>> 10;
  const n = v & 1023;
  const q = p + (Math.imul((target - p) >> 7, RECIPROCAL[n]) >> 9);
  return (q << 10) | (n < limit ? n + 1 : n);
}

function makeApm(contexts: number): Uint16Array {
  const t = new Uint16Array(contexts * 33);
  for (let j = 0; j < 33; j++) t[j] = squash((j - 16) * 128) * 16;
  // Every context starts as the first: copied in doubling blocks (memcpy), since a loop
  // over the up to 2.2 million entries runs before any JIT, on every compress and decompress.
  for (let filled = 33; filled < t.length; filled *= 2) t.copyWithin(filled, 0, Math.min(filled, t.length - filled));
  return t;
}

function hash2(a: number, b: number): number {
  return Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b) ^ (b >>> 15);
}
