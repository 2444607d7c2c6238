import { XentError } from '../../core/XentError.js';
import { encodeFrequencyTable, readFrequencyTable } from '../arithmetic/container.js';
import { CorruptInputError } from '../arithmetic/CorruptInputError.js';
import type { RangeDecoder } from '../arithmetic/RangeDecoder.js';
import type { RangeEncoder } from '../arithmetic/RangeEncoder.js';
import { cloneModelState } from './cloneModelState.js';
import { mostProbableBytes, type BytePrediction, type CodingModel } from './CodingModel.js';

/** Largest total of the static frequencies (the range coder needs total ≤ 2^16). */
export const MAX_STATIC_TOTAL = 65536;

/**
 * The static order-0 model: one fixed distribution over byte values, q(b) = freq_b/total,
 * from counts of the chunk being coded, which travel in front of the chunk's code
 * (beginChunk, readChunkPrefix). It codes each byte at about log2(1/q(b)) bits, so on
 * the chunk it was counted from the payload is the chunk's order-0 empirical entropy (up
 * to the rounding of the frequencies).
 *
 * @example
 * const model = new StaticOrder0Model(scaleCounts(countBytes(data)));
 */
export class StaticOrder0Model implements CodingModel {
  readonly adaptive = false;
  private freqs: Uint32Array = new Uint32Array(256);
  private readonly cum = new Uint32Array(257);
  private total = 0;
  private symbolAt: Uint8Array = new Uint8Array(0);
  /** freq_b / total, computed once (the coder sums the cross-entropy with them). */
  private readonly probability = new Float64Array(256);

  /** @param freqs the table, when it is known up front (version 1's header); otherwise each chunk brings its own */
  constructor(freqs?: Uint32Array) {
    if (freqs !== undefined) this.use(freqs);
  }

  /** Counts the chunk: its frequencies become the model, and their table is returned for the decoder. */
  beginChunk(chunk: Uint8Array): Uint8Array {
    const freqs = scaleCounts(countBytes(chunk));
    this.use(freqs);
    return Uint8Array.from(encodeFrequencyTable(freqs));
  }

  readChunkPrefix(take: (n: number) => Uint8Array): void {
    const freqs = readFrequencyTable(take);
    if (freqs.every((f) => f === 0)) throw new CorruptInputError('empty frequency table');
    this.use(freqs);
  }

  private use(freqs: Uint32Array): void {
    if (freqs.length !== 256) throw new XentError('expected 256 frequencies', { field: 'freqs' });
    this.freqs = freqs;
    for (let b = 0; b < 256; b++) this.cum[b + 1] = this.cum[b] + freqs[b];
    this.total = this.cum[256];
    if (this.total > MAX_STATIC_TOTAL) throw new XentError(`total ${this.total} exceeds ${MAX_STATIC_TOTAL}`, { field: 'freqs' });
    this.symbolAt = new Uint8Array(this.total);
    for (let b = 0; b < 256; b++) {
      this.symbolAt.fill(b, this.cum[b], this.cum[b + 1]);
      this.probability[b] = freqs[b] / this.total;
    }
  }

  /** Codes bytes[from..to); a byte of probability 1 carries no information: nothing is coded (the decoder agrees). */
  encodeBytes(enc: RangeEncoder, bytes: Uint8Array, from = 0, to = bytes.length): void {
    const { freqs, cum, total, probability } = this;
    for (let i = from; i < to; i++) {
      const b = bytes[i];
      const freq = freqs[b];
      if (freq !== total) enc.encode(cum[b], freq, total, probability[b]);
    }
  }

  /** Decodes into out[from..to). */
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

  /** costs[i] = log2(total/freq) of bytes[i] (0 for a byte of probability 1); the model does not change. */
  measureBytes(bytes: Uint8Array, costs: Float64Array, from = 0, to = bytes.length): void {
    const { freqs, total } = this;
    for (let i = from; i < to; i++) {
      const freq = freqs[bytes[i]];
      costs[i] = freq === total ? 0 : Math.log2(total / freq);
    }
  }

  topNextBytes(k: number): BytePrediction[] {
    return mostProbableBytes(this.probability, k);
  }

  clone(): this {
    return cloneModelState(this);
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
 * this; the decoder reads the result in front of the chunk.
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
