import { XentError } from '../../core/XentError.js';
import type { RangeDecoder } from './RangeDecoder.js';
import type { RangeEncoder } from './RangeEncoder.js';

/** Largest total of the static frequencies (the range coder needs total ≤ 2^16). */
export const MAX_STATIC_TOTAL = 65536;

/**
 * The static order-0 model: one fixed distribution over byte values, q(b) = freq_b/total,
 * from counts of the whole input that travel in the container's header. It codes each
 * byte at about log2(1/q(b)) bits, so on the input it was counted from the payload is the
 * input's order-0 empirical entropy (up to the rounding of the frequencies).
 *
 * @example
 * const model = new StaticOrder0Model(scaleCounts(countBytes(data)));
 */
export class StaticOrder0Model {
  private readonly cum = new Uint32Array(257);
  private readonly total: number;
  private readonly symbolAt: Uint8Array;
  /** freq_b / total, computed once (the coder sums the cross-entropy with them). */
  private readonly probability = new Float64Array(256);

  constructor(private readonly freqs: Uint32Array) {
    if (freqs.length !== 256) throw new XentError('expected 256 frequencies', { field: 'freqs' });
    for (let b = 0; b < 256; b++) this.cum[b + 1] = this.cum[b] + freqs[b];
    this.total = this.cum[256];
    if (this.total > MAX_STATIC_TOTAL) throw new XentError(`total ${this.total} exceeds ${MAX_STATIC_TOTAL}`, { field: 'freqs' });
    this.symbolAt = new Uint8Array(this.total);
    for (let b = 0; b < 256; b++) {
      this.symbolAt.fill(b, this.cum[b], this.cum[b + 1]);
      this.probability[b] = freqs[b] / this.total;
    }
  }

  encodeByte(enc: RangeEncoder, b: number): void {
    const freq = this.freqs[b];
    // A byte of probability 1 carries no information: nothing is coded (decoder agrees).
    if (freq !== this.total) enc.encode(this.cum[b], freq, this.total, this.probability[b]);
  }

  /** Codes bytes[from..to): encodeByte for each, in one loop. */
  encodeBytes(enc: RangeEncoder, bytes: Uint8Array, from = 0, to = bytes.length): void {
    const { freqs, cum, total, probability } = this;
    for (let i = from; i < to; i++) {
      const b = bytes[i];
      const freq = freqs[b];
      if (freq !== total) enc.encode(cum[b], freq, total, probability[b]);
    }
  }

  decodeByte(dec: RangeDecoder): number {
    if (this.total === 0) throw new Error('decodeByte on an empty model');
    const only = this.symbolAt[0];
    if (this.freqs[only] === this.total) return only;
    const b = this.symbolAt[dec.target(this.total)];
    dec.consume(this.cum[b], this.freqs[b], this.total, this.probability[b]);
    return b;
  }

  /** Decodes into out[from..to): decodeByte for each, in one loop. */
  decodeBytes(dec: RangeDecoder, out: Uint8Array, from = 0, to = out.length): void {
    if (this.total === 0) throw new Error('decodeBytes on an empty model');
    const { freqs, cum, total, probability, symbolAt } = this;
    const only = symbolAt[0];
    if (freqs[only] === total) {
      out.fill(only, from, to);
      return;
    }
    for (let i = from; i < to; i++) {
      const b = symbolAt[dec.target(total)];
      dec.consume(cum[b], freqs[b], total, probability[b]);
      out[i] = b;
    }
  }
}

/** Byte counts of `bytes`, added to `counts` (so a stream can be counted chunk by chunk). */
export function countBytes(bytes: Uint8Array, counts = new Float64Array(256)): Float64Array {
  for (let i = 0; i < bytes.length; i++) counts[bytes[i]]++;
  return counts;
}

/**
 * Frequencies for the static model: the counts themselves when they total at most 2^16,
 * otherwise counts scaled to a total of at most 2^16 with every byte that occurs kept
 * at frequency ≥ 1 (so every byte of the input stays codable). Only the encoder runs
 * this; the decoder reads the result from the header.
 */
export function scaleCounts(counts: Float64Array): Uint32Array {
  const freqs = new Uint32Array(256);
  let n = 0;
  for (let b = 0; b < 256; b++) n += counts[b];
  if (n <= MAX_STATIC_TOTAL) {
    for (let b = 0; b < 256; b++) freqs[b] = counts[b];
    return freqs;
  }
  // Room for the up-to-256 bumps to 1 keeps the total ≤ 2^16.
  const scale = (MAX_STATIC_TOTAL - 256) / n;
  for (let b = 0; b < 256; b++) if (counts[b] > 0) freqs[b] = Math.max(1, Math.floor(counts[b] * scale));
  return freqs;
}
