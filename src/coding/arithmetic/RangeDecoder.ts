import type { ChunkReader } from './chunks.js';
import { CorruptInputError } from './CorruptInputError.js';
import { BIT_TOTAL, RANGE_BOTTOM, RANGE_TOP } from './RangeEncoder.js';

const INV_BIT_TOTAL = 1 / BIT_TOTAL;

/**
 * The decoder of RangeEncoder: it tracks code = value − low, which always lies in
 * [0, range). A valid stream keeps it there by construction; damaged input is caught
 * when a code falls outside every symbol's interval, and reading far past the end of the
 * input is refused by the ChunkReader, so decoding never hangs.
 *
 * Symbols are decoded in two steps: `target(total)` gives the count in [0, total) that
 * the model maps to a symbol, then `consume(cumLow, freq, total)` removes that symbol.
 *
 * @example
 * const dec = new RangeDecoder(new ChunkReader(source));
 * const v = dec.target(total);          // find the symbol s with cum[s] ≤ v < cum[s + 1]
 * dec.consume(cum[s], freq[s], total);
 */
export class RangeDecoder {
  private range = RANGE_TOP;
  private code = 0;
  private r = 0;
  // Σ log2(total/freq) of the decoded events, kept as in RangeEncoder.
  private bits = 0;
  private product = 1;

  constructor(private readonly input: ChunkReader) {
    for (let i = 0; i < 6; i++) this.code = this.code * 256 + input.paddedByte();
  }

  /** The count in [0, total) that the next symbol's interval contains. */
  target(total: number): number {
    this.r = Math.floor(this.range / total);
    const v = Math.floor(this.code / this.r);
    if (v >= total) throw new CorruptInputError('payload outside the coding interval');
    return v;
  }

  /** Removes the symbol [cumLow, cumLow + freq) found through `target(total)`; `probability` must be freq / total. */
  consume(cumLow: number, freq: number, total: number, probability = freq / total): void {
    this.product *= probability;
    if (this.product < 1e-200) this.takeBits();
    this.code -= this.r * cumLow;
    this.range = this.r * freq;
    this.normalize();
  }

  /** Decodes one bit coded with RangeEncoder.encodeBit(bit, p1). */
  decodeBit(p1: number): number {
    // As in encodeBit: products by 2^−12, exact, instead of quotients by 4096.
    const r = Math.floor(this.range * INV_BIT_TOTAL);
    const bound = r * p1;
    let bit: number;
    if (this.code < bound) {
      this.range = bound;
      this.product *= p1 * INV_BIT_TOTAL;
      bit = 1;
    } else {
      if (this.code >= r * BIT_TOTAL) throw new CorruptInputError('payload outside the coding interval');
      this.code -= bound;
      this.range = r * (BIT_TOTAL - p1);
      this.product *= (BIT_TOTAL - p1) * INV_BIT_TOTAL;
      bit = 0;
    }
    if (this.product < 1e-200) this.takeBits();
    while (this.range < RANGE_BOTTOM) {
      this.range *= 256;
      this.code = this.code * 256 + this.input.paddedByte();
    }
    return bit;
  }

  /** Σ log2(total/freq) over the events decoded so far: the same figure the encoder reports. */
  get crossEntropyBits(): number {
    return this.bits - Math.log2(this.product);
  }

  private takeBits(): void {
    this.bits -= Math.log2(this.product);
    this.product = 1;
  }

  private normalize(): void {
    while (this.range < RANGE_BOTTOM) {
      this.range *= 256;
      this.code = this.code * 256 + this.input.paddedByte();
    }
  }
}
