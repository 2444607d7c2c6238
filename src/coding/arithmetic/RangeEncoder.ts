import type { ChunkWriter } from './chunks.js';

// The coder keeps `low` and `range` as integers in JavaScript numbers. Every value
// stays below 2^50 and every operation on them (+, ×, and ⌊a/b⌋ with a < 2^50,
// b ≤ 2^16, ⌊x/2^40⌋, x mod 2^40) is exact in IEEE-754 doubles, which ECMAScript
// mandates: the results are the integers a C uint64 implementation would get, on every
// engine. No rounded value ever decides anything. (For ⌊a/b⌋: if a/b = k + f/b with
// 1 ≤ f < b, its distance to k + 1 is ≥ 1/b, more than half an ulp of a/b when a < 2^52,
// so the correctly rounded quotient still floors to k.)
//
// Why 48 bits rather than 32: each coding step divides the range by the model's total
// and loses the remainder, a relative loss below total/range. With range ≥ 2^40 and
// totals ≤ 2^16 that is < 2^−24 per symbol, so the payload matches the cross-entropy to
// far better than the 0.01% promised; a 32-bit coder (range ≥ 2^24) would lose up to
// 2^−8 per symbol.

/** The coding interval is [low, low + range) scaled by 2^48; range ∈ [2^40, 2^48] between steps. */
export const RANGE_TOP = 2 ** 48;
export const RANGE_BOTTOM = 2 ** 40;
/** Binary decisions use probabilities in units of 1/4096. */
export const BIT_TOTAL = 4096;
const TOP_BYTE_FF = 0xff * RANGE_BOTTOM;
const INV_BIT_TOTAL = 1 / BIT_TOTAL;
const INV_RANGE_BOTTOM = 1 / RANGE_BOTTOM;

/**
 * A range coder (G. N. N. Martin, 1979) with carry propagation in the style of LZMA's rc
 * encoder (I. Pavlov): a byte is held back (`cache`, followed by `pending` 0xFF bytes)
 * until it is known that no carry can still change it.
 *
 * Output goes to a ChunkWriter, so memory stays bounded whatever the input length. The
 * encoder also sums log2(total/freq) over every event it codes: the cross-entropy, in
 * bits, of the data under the probabilities the model actually used.
 *
 * @example
 * const enc = new RangeEncoder(new ChunkWriter((c) => chunks.push(c.slice())));
 * enc.encode(cumLow, freq, total); // one symbol with probability freq/total
 * enc.finish();
 */
export class RangeEncoder {
  private low = 0;
  private range = RANGE_TOP;
  private cache = 0;
  private pending = 1;
  private first = true;
  // Cross-entropy as (bits already taken out) − log2(product of recent probabilities):
  // a multiply per event instead of a logarithm, renormalised before underflow.
  private bits = 0;
  private product = 1;

  constructor(private readonly out: ChunkWriter) {}

  /**
   * Codes the symbol whose interval is [cumLow, cumLow + freq) out of `total`.
   * Requires integers 0 ≤ cumLow, 1 ≤ freq, cumLow + freq ≤ total ≤ 2^16; `probability`
   * must be freq / total (a caller coding many symbols passes its precomputed quotients).
   */
  encode(cumLow: number, freq: number, total: number, probability = freq / total): void {
    const r = Math.floor(this.range / total);
    this.low += r * cumLow;
    this.range = r * freq;
    this.product *= probability;
    if (this.product < 1e-200) this.takeBits();
    while (this.range < RANGE_BOTTOM) {
      this.range *= 256;
      this.shiftLow();
    }
  }

  /** Codes one bit; p1 ∈ [1, 4095] is the probability of a 1 in units of 1/4096. */
  encodeBit(bit: number, p1: number): void {
    // Products by 2^−12 rather than quotients by 4096: the same exact values, without a
    // division. A 1 keeps [low, low + r·p1), a 0 keeps [low + r·p1, low + 4096·r): the
    // kept width is r·q with q = p1 or 4096 − p1, chosen by integer arithmetic on the bit
    // (zero = 1 − bit), so that neither a branch (the bits of real data defeat branch
    // prediction) nor more than two products lie on the chain from one range to the
    // next. Every term is an integer below 2^50, so exact.
    const r = Math.floor(this.range * INV_BIT_TOTAL);
    const zero = 1 - bit;
    const q = p1 + zero * (BIT_TOTAL - 2 * p1);
    this.low += r * (p1 & -zero);
    this.range = r * q;
    this.product *= q * INV_BIT_TOTAL;
    if (this.product < 1e-200) this.takeBits();
    while (this.range < RANGE_BOTTOM) {
      this.range *= 256;
      this.shiftLow();
    }
  }

  /** Σ log2(total/freq) over the events coded so far. */
  get crossEntropyBits(): number {
    return this.bits - Math.log2(this.product);
  }

  /**
   * Ends the stream with as few bytes as possible: any value in [low, low + range)
   * identifies it, and since range ≥ 2^40 one of them is a multiple of 2^40, so only
   * its top byte is new. The zeros after it are not written; the decoder supplies them.
   */
  finish(): void {
    this.low = Math.ceil(this.low / RANGE_BOTTOM) * RANGE_BOTTOM;
    this.shiftLow();
    // What remains is one cached byte (and pending 0xFF bytes). Write them unless they are
    // a lone zero, which the decoder's zero padding reproduces.
    if (this.pending > 1 || this.cache !== 0) {
      this.low = 0;
      this.shiftLow();
    }
    this.out.flush();
  }

  private shiftLow(): void {
    const low = this.low;
    // low < 2^49, so its top byte (with the carry as bit 8) is ⌊low·2^−40⌋ ≤ 256, exact,
    // and low mod 2^40 is low − that·2^40: no floating-point remainder, which is slow.
    const top = Math.floor(low * INV_RANGE_BOTTOM);
    if (low < TOP_BYTE_FF || low >= RANGE_TOP) {
      const carry = top >> 8;
      // The very first cached byte stands for the position before the stream and is
      // always 0 with no carry (the interval stays inside [0, 1)); LZMA writes it, we don't.
      if (this.first) this.first = false;
      else this.out.writeByte((this.cache + carry) & 0xff);
      for (; this.pending > 1; this.pending--) this.out.writeByte((0xff + carry) & 0xff);
      this.pending = 0;
      this.cache = top & 0xff;
    }
    this.pending++;
    this.low = (low - top * RANGE_BOTTOM) * 256;
  }

  private takeBits(): void {
    this.bits -= Math.log2(this.product);
    this.product = 1;
  }
}
