import type { RangeDecoder } from './RangeDecoder.js';
import type { RangeEncoder } from './RangeEncoder.js';
import { fmix32 } from './fmix32.js';
import { STRETCH, squash } from './logistic.js';

/**
 * The adaptive order-1, -2 and -3 models: context mixing over bits (the design of
 * M. Mahoney's PAQ/lpaq family, cut down to orders 0..k).
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
 * const model = new ContextMixingModel(3, blockBitsForLength(data.length));
 * for (const b of data) model.encodeByte(encoder, b);
 */
export class ContextMixingModel {
  /** Per order, interleaved (probability, count) pairs: one cache line holds a whole block. */
  private readonly stats: Uint16Array[] = [];
  private readonly blockShift: number;
  private readonly nInputs: number;
  private readonly weights: Int32Array;
  /** Slot used by each order for the current bit. */
  private readonly slot: Int32Array;
  /** Base of the current 16-slot block of each hashed order. */
  private readonly block: Int32Array;
  /** Mixer inputs: stretched predictions, then the bias. */
  private readonly inputs: Int32Array;
  /** The previous three bytes, most recent in the low byte. */
  private history = 0;
  /** The bits of the current byte so far, after a leading 1 (1..255). */
  private c0 = 1;
  /** The bits of the current half-byte so far, after a leading 1 (1..15). */
  private nibble = 1;
  private pr = 2048;

  /**
   * @param order the longest context, 1, 2 or 3 bytes
   * @param blockBits log2 of the 16-slot blocks of each hashed order, 8..17 (both sides
   *   read it from the container, so they size the tables alike; see blockBitsForLength)
   */
  constructor(
    readonly order: 1 | 2 | 3,
    blockBits: number,
  ) {
    this.blockShift = 32 - blockBits;
    const hashedSlots = 16 * 2 ** (32 - this.blockShift);
    for (let j = 0; j <= order; j++) {
      const size = j === 0 ? 256 : j === 1 ? 65536 : hashedSlots;
      const pairs = new Uint16Array(2 * size);
      for (let i = 0; i < pairs.length; i += 2) pairs[i] = 32768;
      this.stats.push(pairs);
    }
    this.nInputs = order + 2;
    this.weights = new Int32Array(256 * this.nInputs);
    for (let c = 0; c < 256; c++) {
      for (let j = 0; j <= order; j++) this.weights[c * this.nInputs + j] = INITIAL_WEIGHT;
    }
    this.slot = new Int32Array(order + 1);
    this.block = new Int32Array(order + 1);
    this.inputs = new Int32Array(this.nInputs);
    this.inputs[order + 1] = BIAS_INPUT;
    this.locateBlocks(0);
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
    return this.history & 0xff;
  }

  /** P(next bit = 1) in units of 1/4096, within [1, 4095]. */
  predict(): number {
    const { stats, slot, inputs, weights } = this;
    const c0 = this.c0;
    slot[0] = c0;
    if (this.order >= 1) slot[1] = ((this.history & 0xff) << 8) | c0;
    for (let j = 2; j <= this.order; j++) slot[j] = this.block[j] + this.nibble;
    const base = c0 * this.nInputs;
    let dot = BIAS_INPUT * weights[base + this.order + 1];
    for (let j = 0; j <= this.order; j++) {
      const st = STRETCH[stats[j][2 * slot[j]] >>> 4];
      inputs[j] = st;
      dot += weights[base + j] * st;
    }
    // |dot| < 5·2^20·2^11 < 2^53: exact, and so is the floor of dot/2^16.
    const p = squash(Math.floor(dot / 65536));
    this.pr = p < 1 ? 1 : p > 4095 ? 4095 : p;
    return this.pr;
  }

  /** Learns the bit just coded (after predict). */
  update(bit: number): void {
    const { stats, slot, inputs, weights } = this;
    // Mixer: one step of gradient descent on −log2 p(bit), whose gradient in w_j is
    // (p − bit)·stretch(p_j).
    const err = ((bit << 12) - this.pr) * LEARNING_RATE;
    const base = this.c0 * this.nInputs;
    for (let j = 0; j < this.nInputs; j++) {
      const w = weights[base + j] + ((inputs[j] * err + 8192) >> 14);
      weights[base + j] = w > MAX_WEIGHT ? MAX_WEIGHT : w < -MAX_WEIGHT ? -MAX_WEIGHT : w;
    }
    const target = bit ? 65535 : 0;
    for (let j = 0; j <= this.order; j++) {
      const pairs = stats[j];
      const s = 2 * slot[j];
      const n = pairs[s + 1];
      pairs[s] += ((target - pairs[s]) * RATE[n] + 512) >> 10;
      if (n < COUNT_LIMIT) pairs[s + 1] = n + 1;
    }
    this.c0 = (this.c0 << 1) | bit;
    this.nibble = (this.nibble << 1) | bit;
    if (this.c0 >= 256) {
      this.history = ((this.history << 8) | (this.c0 & 0xff)) & 0xffffff;
      this.c0 = 1;
      this.nibble = 1;
      this.locateBlocks(0);
    } else if (this.nibble >= 16) {
      this.nibble = 1;
      this.locateBlocks(this.c0);
    }
  }

  /** Finds the 16-slot block of each hashed order for the half-byte starting now. */
  private locateBlocks(tag: number): void {
    for (let j = 2; j <= this.order; j++) {
      const context = this.history & ((1 << (8 * j)) - 1);
      // (context, tag) fits in 29 bits (tag is 0 or 16..31); the orders use separate tables.
      this.block[j] = (fmix32((context << 5) | tag) >>> this.blockShift) << 4;
    }
  }
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
const RATE = Int32Array.from({ length: 256 }, (_, n) => Math.floor(2048 / (2 * n + 3)));
