import type { RangeDecoder } from '../arithmetic/RangeDecoder.js';
import type { RangeEncoder } from '../arithmetic/RangeEncoder.js';
import { fmix32 } from '../arithmetic/fmix32.js';
import { SQUASH_TABLE, STRETCH } from '../arithmetic/logistic.js';
import { BitwiseCodingModel } from './BitwiseCodingModel.js';
import { mostProbableBytes, type BytePrediction } from './CodingModel.js';
import { regionOffsets } from './regionOffsets.js';

/**
 * The adaptive models order1, order2 and order3: the predictions of every context of
 * 0..k bytes (k = 1, 2 or 3) mixed bit by bit (context mixing, the design of
 * M. Mahoney's PAQ/lpaq family cut down to orders 0..k).
 *
 * A byte is coded as 8 binary decisions, most significant bit first. For each decision,
 * every order j = 0..k predicts P(bit = 1) from what followed the same j previous bytes
 * (and the bits of the current byte seen so far), and a mixer blends these predictions:
 *   p = squash(Σ_j w_j · stretch(p_j)),   stretch(p) = ln(p/(1−p)),
 * with the weights learnt online by gradient descent on the coding cost, so the blend
 * leans on the long contexts where they have seen enough and falls back on short ones
 * where they have not (this plays the part of PPM's escapes). The byte's probability
 * q(x | context) is the product of its 8 bit probabilities, so the coder's
 * Σ −log2 of what it coded is exactly Σ −log2 q(x_i | context).
 *
 * The statistics:
 * - each order keeps, per (context, partial byte), a 16-bit probability and a count n;
 *   the probability moves towards each new bit by 1/(n + 1.5) until n reaches
 *   COUNT_LIMIT = 6 (so it starts as a frequency count, then becomes a moving average
 *   with step 1/7.5 that follows change quickly: text is far from stationary);
 * - order 0 (256 slots) and order 1 (65536 slots) are indexed directly; orders 2 and 3
 *   are hashed into fixed tables of 16-slot blocks, one block per (context, half-byte).
 *   Collisions are not detected: they cost compression, never correctness, since the
 *   decoder makes the same ones. Table sizes grow with the input length, up to 2^21 slots
 *   (8 MB) per order, so memory is bounded whatever the input size;
 * - the mixer has one weight vector per partial byte (256 sets).
 *
 * Everything is integer arithmetic (see logistic.ts), so the decoder reproduces the
 * encoder's probabilities exactly on any engine.
 *
 * @example
 * const model = new MixedOrderModel(3, blockBitsFor(10));
 * const costs = new Float64Array(data.length);
 * model.measureBytes(data, costs);
 * costs.length // 11
 */
export class MixedOrderModel extends BitwiseCodingModel {
  /**
   * Every order's slots in one table (order 0 at 0, order 1 at ORDER1_BASE, then the
   * hashed orders): the probability in the low 16 bits (XOR SLOT_FLIP), the count n
   * above. One array keeps the per-bit path monomorphic, and one 64-byte cache line
   * holds a block.
   */
  private readonly stats: Int32Array;
  private readonly blockShift: number;
  private readonly nInputs: number;
  private readonly weights: Int32Array;
  /** Where the hashed orders' slots start in stats. */
  private readonly order2Base: number;
  private readonly order3Base: number;
  /** The previous three bytes, most recent in the low byte. */
  private history = 0;
  /** The bits of the current byte so far, after a leading 1 (1..255). */
  private c0 = 1;
  /** The bits of the current half-byte so far, after a leading 1 (1..15). */
  private nibble = 1;
  /** ORDER1_BASE + 256 × the previous byte: order 1's row. */
  private row1 = ORDER1_BASE;
  /** Index into stats of the current 16-slot block of orders 2 and 3. */
  private block2 = 0;
  private block3 = 0;
  // What predict() used, for update(): the slots, their stretched probabilities (the
  // mixer's inputs), the weight set, and the prediction. Scalars rather than arrays: the
  // orders are unrolled (1..3 of them, each test on `order` always goes the same way).
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private st0 = 0;
  private st1 = 0;
  private st2 = 0;
  private st3 = 0;
  private weightBase = 0;
  private pr = 2048;
  /** What run() read ahead of use (see there): never used otherwise. */
  private touched = 0;

  /**
   * @param order the longest context, 1, 2 or 3 bytes
   * @param blockBits log2 of the 16-slot blocks of each hashed order, 8..17 (both sides
   *   read it from the container, so they size the tables alike; see blockBitsFor)
   */
  constructor(
    readonly order: 1 | 2 | 3,
    blockBits: number,
  ) {
    super();
    this.blockShift = 32 - blockBits;
    const hashedSlots = 16 * 2 ** blockBits;
    // Orders 0 and 1 indexed directly, then orders 2 and 3 hashed (the model uses the
    // first order + 1 regions).
    const offsets = regionOffsets([256, 65536, hashedSlots, hashedSlots]);
    this.order2Base = offsets[2];
    this.order3Base = offsets[3];
    // All zeros: probability 1/2, count 0 (see SLOT_FLIP). A zeroed typed array costs
    // nothing until touched, where filling 17 MB took 0.1 s.
    this.stats = new Int32Array(offsets[order + 1]);
    this.nInputs = order + 2;
    this.weights = new Int32Array(256 * this.nInputs);
    for (let c = 0; c < 256; c++) {
      for (let j = 0; j <= order; j++) this.weights[c * this.nInputs + j] = INITIAL_WEIGHT;
    }
    this.locateBlocks(0);
  }

  override encodeBytes(enc: RangeEncoder, bytes: Uint8Array, from = 0, to = bytes.length): void {
    this.run(bytes, from, to, enc, undefined, undefined);
  }

  override decodeBytes(dec: RangeDecoder, out: Uint8Array, from = 0, to = out.length): void {
    this.run(out, from, to, undefined, dec, undefined);
  }

  override measureBytes(bytes: Uint8Array, costs: Float64Array, from = 0, to = bytes.length): void {
    this.run(bytes, from, to, undefined, undefined, costs);
  }

  /** From the exact distribution of the next byte (nextByteDistribution): no byte is missed. */
  override topNextBytes(k: number): BytePrediction[] {
    return mostProbableBytes(this.nextByteDistribution(), k);
  }

  /**
   * The per-bit path of predict() and update() for a run of whole bytes, with the state
   * in local variables: encodes bytes[from..to) if `enc` is given, decodes into them if
   * `dec` is, and otherwise measures their costs into `costs`. The same arithmetic as
   * predict() then update(), which stay the readable reference: the tests hold this loop
   * to encodeBitwise, decodeBitwise and measureBitwise over them, bit for bit.
   *
   * Kept for speed: through predict() and update() (BitwiseCodingModel's bulk paths),
   * 1 MiB of English text compressed at 2.60, 1.53 and 1.14 MB/s (orders 1, 2, 3) where
   * this loop does 3.01, 1.79 and 1.29, and decompressed at 2.23, 1.44 and 1.08 against
   * 2.64, 1.50 and 1.15 (scripts/coding/benchTeachingModels.mjs, both builds interleaved
   * on one pinned core, medians of 7, on a machine at load average 22).
   */
  private run(bytes: Uint8Array, from: number, to: number, enc: RangeEncoder | undefined, dec: RangeDecoder | undefined, costs: Float64Array | undefined): void {
    if (this.c0 !== 1) throw new Error('MixedOrderModel: whole bytes only after a partial one');
    const stats = this.stats;
    const weights = this.weights;
    const order = this.order;
    const nInputs = this.nInputs;
    const biasAt = order + 1;
    const blockShift = this.blockShift;
    const order2Base = this.order2Base;
    const order3Base = this.order3Base;
    let history = this.history;
    let row1 = this.row1;
    let block2 = this.block2;
    let block3 = this.block3;
    let p = this.pr;
    // When the bytes are known (encoding, measuring), the blocks that this byte's second
    // half and the next byte's first half will use are located now and read once, so that
    // their cache misses overlap the coding of the bits in between instead of stalling it.
    const known = enc !== undefined || costs !== undefined;
    let nextHalf2 = 0;
    let nextHalf3 = 0;
    let nextByte2 = 0;
    let nextByte3 = 0;
    let touched = 0;
    for (let k = from; k < to; k++) {
      const byte = known ? bytes[k] : 0;
      if (known && order >= 2) {
        // After the high half-byte, c0 = 16 + (byte >> 4).
        const tag = 16 | (byte >> 4);
        const next = ((history << 8) | byte) & 0xffffff;
        nextHalf2 = order2Base + ((fmix32(((history & 0xffff) << 5) | tag) >>> blockShift) << 4);
        nextByte2 = order2Base + ((fmix32((next & 0xffff) << 5) >>> blockShift) << 4);
        touched ^= stats[nextHalf2] ^ stats[nextByte2];
        if (order === 3) {
          nextHalf3 = order3Base + ((fmix32(((history & 0xffffff) << 5) | tag) >>> blockShift) << 4);
          nextByte3 = order3Base + ((fmix32((next & 0xffffff) << 5) >>> blockShift) << 4);
          touched ^= stats[nextHalf3] ^ stats[nextByte3];
        }
      }
      let c0 = 1;
      let nibble = 1;
      let bits = 0;
      for (let i = 7; i >= 0; i--) {
        // predict()
        const wb = c0 * nInputs;
        const s0 = c0;
        const s1 = row1 + c0;
        const st0 = STRETCH_OF_SLOT[(stats[s0] & 0xffff) >>> 4];
        const st1 = STRETCH_OF_SLOT[(stats[s1] & 0xffff) >>> 4];
        let dot = weights[wb] * st0 + weights[wb + 1] * st1 + BIAS_INPUT * weights[wb + biasAt];
        let s2 = 0;
        let s3 = 0;
        let st2 = 0;
        let st3 = 0;
        if (order >= 2) {
          s2 = block2 + nibble;
          st2 = STRETCH_OF_SLOT[(stats[s2] & 0xffff) >>> 4];
          dot += weights[wb + 2] * st2;
          if (order === 3) {
            s3 = block3 + nibble;
            st3 = STRETCH_OF_SLOT[(stats[s3] & 0xffff) >>> 4];
            dot += weights[wb + 3] * st3;
          }
        }
        const d = Math.floor(dot * (1 / 65536));
        p = d > 2047 ? 4095 : d < -2047 ? 1 : SQUASH_TABLE[d + 2047];
        // Code the bit, or measure it.
        let bit: number;
        if (enc !== undefined) {
          bit = (byte >> i) & 1;
          enc.encodeBit(bit, p);
        } else if (dec !== undefined) {
          bit = dec.decodeBit(p);
        } else {
          bit = (byte >> i) & 1;
          const p1 = p / 4096;
          bits -= Math.log2(bit ? p1 : 1 - p1);
        }
        // update()
        const err = ((bit << 12) - p) * LEARNING_RATE;
        weights[wb] = learn(weights[wb], st0, err);
        weights[wb + 1] = learn(weights[wb + 1], st1, err);
        weights[wb + biasAt] = learn(weights[wb + biasAt], BIAS_INPUT, err);
        const target = -bit & 65535;
        stats[s0] = adapt(stats[s0], target);
        stats[s1] = adapt(stats[s1], target);
        if (order >= 2) {
          weights[wb + 2] = learn(weights[wb + 2], st2, err);
          stats[s2] = adapt(stats[s2], target);
          if (order === 3) {
            weights[wb + 3] = learn(weights[wb + 3], st3, err);
            stats[s3] = adapt(stats[s3], target);
          }
        }
        c0 = (c0 << 1) | bit;
        nibble = (nibble << 1) | bit;
        if (i === 4 && order >= 2) {
          nibble = 1;
          if (known) {
            block2 = nextHalf2;
            block3 = nextHalf3;
          } else {
            block2 = order2Base + ((fmix32(((history & 0xffff) << 5) | c0) >>> blockShift) << 4);
            if (order === 3) block3 = order3Base + ((fmix32(((history & 0xffffff) << 5) | c0) >>> blockShift) << 4);
          }
        }
      }
      const b = c0 & 0xff;
      if (dec !== undefined) bytes[k] = b;
      else if (costs !== undefined) costs[k] = bits;
      history = ((history << 8) | b) & 0xffffff;
      row1 = ORDER1_BASE + (b << 8);
      if (known) {
        block2 = nextByte2;
        block3 = nextByte3;
      } else if (order >= 2) {
        block2 = order2Base + ((fmix32((history & 0xffff) << 5) >>> blockShift) << 4);
        if (order === 3) block3 = order3Base + ((fmix32((history & 0xffffff) << 5) >>> blockShift) << 4);
      }
    }
    this.history = history;
    this.row1 = row1;
    this.block2 = block2;
    this.block3 = block3;
    this.pr = p;
    // Kept, so that the reads above are not optimised away.
    this.touched = touched;
  }

  /** P(next bit = 1) in units of 1/4096, within [1, 4095]. */
  predict(): number {
    const stats = this.stats;
    const weights = this.weights;
    const order = this.order;
    const c0 = this.c0;
    const wb = c0 * this.nInputs;
    const s0 = c0;
    const s1 = this.row1 + c0;
    const st0 = STRETCH_OF_SLOT[(stats[s0] & 0xffff) >>> 4];
    const st1 = STRETCH_OF_SLOT[(stats[s1] & 0xffff) >>> 4];
    // A sum of integers below 2^53 in magnitude (|dot| < 5·2^20·2^11), so exact in any
    // order, and so is the floor of dot/2^16.
    let dot = weights[wb] * st0 + weights[wb + 1] * st1 + BIAS_INPUT * weights[wb + order + 1];
    this.s0 = s0;
    this.s1 = s1;
    this.st0 = st0;
    this.st1 = st1;
    if (order >= 2) {
      const s2 = this.block2 + this.nibble;
      const st2 = STRETCH_OF_SLOT[(stats[s2] & 0xffff) >>> 4];
      dot += weights[wb + 2] * st2;
      this.s2 = s2;
      this.st2 = st2;
      if (order === 3) {
        const s3 = this.block3 + this.nibble;
        const st3 = STRETCH_OF_SLOT[(stats[s3] & 0xffff) >>> 4];
        dot += weights[wb + 3] * st3;
        this.s3 = s3;
        this.st3 = st3;
      }
    }
    this.weightBase = wb;
    // The table's values lie in [1, 4094]: p needs no clamping.
    const d = Math.floor(dot * (1 / 65536));
    const p = d > 2047 ? 4095 : d < -2047 ? 1 : SQUASH_TABLE[d + 2047];
    this.pr = p;
    return p;
  }

  /** Learns the bit just coded (after predict). */
  update(bit: number): void {
    const stats = this.stats;
    const weights = this.weights;
    const order = this.order;
    // Mixer: one step of gradient descent on −log2 p(bit), whose gradient in w_j is
    // (p − bit)·stretch(p_j). cm's mixer takes the same step in float64 weights; these are
    // lpaq's rounded integers, clamped. Neither can take the other's arithmetic without
    // changing every container it wrote, so the two steps stay apart.
    const err = ((bit << 12) - this.pr) * LEARNING_RATE;
    const wb = this.weightBase;
    weights[wb] = learn(weights[wb], this.st0, err);
    weights[wb + 1] = learn(weights[wb + 1], this.st1, err);
    weights[wb + order + 1] = learn(weights[wb + order + 1], BIAS_INPUT, err);
    // −bit & 65535: 65535 for a 1, 0 for a 0, without a branch on the bit.
    const target = -bit & 65535;
    stats[this.s0] = adapt(stats[this.s0], target);
    stats[this.s1] = adapt(stats[this.s1], target);
    if (order >= 2) {
      weights[wb + 2] = learn(weights[wb + 2], this.st2, err);
      stats[this.s2] = adapt(stats[this.s2], target);
      if (order === 3) {
        weights[wb + 3] = learn(weights[wb + 3], this.st3, err);
        stats[this.s3] = adapt(stats[this.s3], target);
      }
    }
    const c0 = (this.c0 << 1) | bit;
    const nibble = (this.nibble << 1) | bit;
    if (c0 >= 256) {
      this.history = ((this.history << 8) | (c0 & 0xff)) & 0xffffff;
      this.row1 = ORDER1_BASE + ((c0 & 0xff) << 8);
      this.c0 = 1;
      this.nibble = 1;
      if (order >= 2) this.locateBlocks(0);
    } else if (nibble >= 16) {
      this.c0 = c0;
      this.nibble = 1;
      if (order >= 2) this.locateBlocks(c0);
    } else {
      this.c0 = c0;
      this.nibble = nibble;
    }
  }

  /**
   * The exact distribution of the next byte (at a byte boundary): P(b) for every b, the
   * product of its 8 bit probabilities with the model learning along the way as coding
   * would, found by walking the tree of bit decisions depth first and undoing each
   * update on the way back (255 predictions, where copying the model per branch would
   * copy its tables). The model is left as it was.
   */
  nextByteDistribution(): Float64Array {
    if (this.c0 !== 1) throw new Error('MixedOrderModel: nextByteDistribution at a byte boundary only');
    const probabilities = new Float64Array(256);
    const saved = new Int32Array(UNDO_WORDS);
    this.walk(1, 1, probabilities, saved);
    return probabilities;
  }

  private walk(prefix: number, probability: number, out: Float64Array, saved: Int32Array): void {
    const p1 = this.predict() / 4096;
    for (let bit = 0; bit <= 1; bit++) {
      const q = probability * (bit ? p1 : 1 - p1);
      const child = (prefix << 1) | bit;
      if (child >= 256) {
        out[child & 0xff] = q;
        continue;
      }
      this.save(saved);
      this.update(bit);
      this.walk(child, q, out, new Int32Array(UNDO_WORDS));
      this.restore(saved);
    }
  }

  /** What update() changes: the touched weights and slots, and the state scalars. */
  private save(to: Int32Array): void {
    const wb = this.weightBase;
    for (let j = 0; j < this.nInputs; j++) to[j] = this.weights[wb + j];
    to[5] = this.stats[this.s0];
    to[6] = this.stats[this.s1];
    to[7] = this.stats[this.s2];
    to[8] = this.stats[this.s3];
    to[9] = this.c0;
    to[10] = this.nibble;
    to[11] = this.history;
    to[12] = this.row1;
    to[13] = this.block2;
    to[14] = this.block3;
  }

  /**
   * Undoes update() after save(), the walk below it having undone its own: the state
   * scalars first, then the slots and weights they locate, then predict() again for its
   * per-bit fields (which the walk below overwrote; a pure function of the state).
   */
  private restore(from: Int32Array): void {
    this.c0 = from[9];
    this.nibble = from[10];
    this.history = from[11];
    this.row1 = from[12];
    this.block2 = from[13];
    this.block3 = from[14];
    const wb = this.c0 * this.nInputs;
    for (let j = 0; j < this.nInputs; j++) this.weights[wb + j] = from[j];
    this.stats[this.c0] = from[5];
    this.stats[this.row1 + this.c0] = from[6];
    if (this.order >= 2) this.stats[this.block2 + this.nibble] = from[7];
    if (this.order === 3) this.stats[this.block3 + this.nibble] = from[8];
    this.predict();
  }

  /** Finds the 16-slot block of each hashed order for the half-byte starting now. */
  private locateBlocks(tag: number): void {
    // (context, tag) fits in 29 bits (tag is 0 or 16..31); the orders use separate tables.
    this.block2 = this.order2Base + ((fmix32(((this.history & 0xffff) << 5) | tag) >>> this.blockShift) << 4);
    if (this.order === 3) this.block3 = this.order3Base + ((fmix32(((this.history & 0xffffff) << 5) | tag) >>> this.blockShift) << 4);
  }
}

/** A mixer weight after one step: w + input·err/2^14, rounded, within ±MAX_WEIGHT. */
function learn(w: number, input: number, err: number): number {
  const v = w + ((input * err + 8192) >> 14);
  return v > MAX_WEIGHT ? MAX_WEIGHT : v < -MAX_WEIGHT ? -MAX_WEIGHT : v;
}

/**
 * A slot after one bit: the probability moves by 1/(n + 1.5) towards target and the count
 * grows up to COUNT_LIMIT. The step is at most 2/3 of the distance (rounded), so the
 * probability stays within [0, 65535] and never spills into the count.
 */
function adapt(slot: number, target: number): number {
  const p = (slot & 0xffff) ^ SLOT_FLIP;
  const n = slot >>> 16;
  return ((p + (((target - p) * RATE[n] + 512) >> 10)) ^ SLOT_FLIP) | ((n < COUNT_LIMIT ? n + 1 : n) << 16);
}

/**
 * Slots hold the probability XOR 2^15, so that the initial probability 1/2 is a zero
 * slot and a new table is all zeros.
 */
const SLOT_FLIP = 0x8000;
/** STRETCH of a slot's probability, indexed by its stored 12 top bits (flipped: XOR 2^11). */
const STRETCH_OF_SLOT = Int16Array.from({ length: 4096 }, (_, i) => STRETCH[i ^ (SLOT_FLIP >> 4)]);

/**
 * log2 of the hashed blocks for a version-2 container's tableBits: tableBitsFor(n) is
 * about log2(n/8), so 2^(tableBits + 4) is about 2n blocks, enough for two half-byte
 * contexts per input byte as version 1 sized them (blockBitsForLength), at most 2^17.
 */
export function blockBitsFor(tableBits: number): number {
  return Math.min(MAX_BLOCK_BITS, tableBits + 4);
}

/**
 * Enough blocks for two half-byte contexts per input byte, between 2^8 and 2^17: the
 * sizing of version-1 containers, whose header holds the input length.
 */
export function blockBitsForLength(inputLength: number): number {
  // Counted in integers: a Math.log2 one ulp off on some engine would change the tables.
  let blockBits = 8;
  while (blockBits < MAX_BLOCK_BITS && 2 ** blockBits < 2 * inputLength) blockBits++;
  return blockBits;
}

/**
 * At most 2^17 blocks of 16 slots of 4 bytes: 8 MB per hashed order, so that order3
 * (two hashed orders) keeps `xent compress` under 100 MB of peak memory on any input.
 */
const MAX_BLOCK_BITS = 17;
/** Words of one undo record: 5 weights, 4 slots, 6 scalars. */
const UNDO_WORDS = 15;
/** Where order 1's slots start in the table, after order 0's 256. */
const ORDER1_BASE = 256;
/** Initial mixer weight, 0.3 in units of 2^−16: a plain average-ish blend to start. */
const INITIAL_WEIGHT = 19661;
const MAX_WEIGHT = 1 << 20;
const BIAS_INPUT = 256;
// Tuned on the benchmark's English text (bench/cases/compression.ts): a low count limit
// (the probability soon becomes a fast moving average) and a small mixer step did best,
// 11% smaller than with a limit of 60 and a 16 times larger step.
/** Mixer step: err·LEARNING_RATE·input/2^14, err in units of 1/4096. */
const LEARNING_RATE = 10;
const COUNT_LIMIT = 6;
/** Adaptation rate 1/(n + 1.5) in units of 2^−10. */
const RATE = Int32Array.from({ length: COUNT_LIMIT + 1 }, (_, n) => Math.floor(2048 / (2 * n + 3)));
