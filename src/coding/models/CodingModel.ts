import type { RangeDecoder } from '../arithmetic/RangeDecoder.js';
import type { RangeEncoder } from '../arithmetic/RangeEncoder.js';

/** A byte the model expects next, with the probability it gives it. */
export interface BytePrediction {
  byte: number;
  probability: number;
}

/**
 * What the coder, the surprise measures and the lab ask of a model of bytes, whichever
 * it is (createCodingModel builds one by name). Every path that codes or measures a
 * byte moves the model on by it, so encoding, decoding and measuring the same bytes
 * leave it in the same state, and the decoder sees exactly the probabilities the
 * encoder used.
 *
 * The container codes its input in chunks of 1 MiB (containerV2.ts). An adaptive model
 * carries its statistics from chunk to chunk; a static one (order0) is rebuilt from
 * each chunk's counts, which travel in front of the chunk's code: `beginChunk` and
 * `readChunkPrefix` are the two sides of that.
 */
export interface CodingModel {
  /**
   * True when the model's state after bytes[0..i) depends on those bytes only (it learns
   * as it codes); false for order0, whose probabilities come from the whole chunk.
   */
  readonly adaptive: boolean;
  /**
   * Shows the model the chunk it is about to code, before any of it is coded, and
   * returns the bytes the decoder must read first to see it the same way (order0 counts
   * the chunk and returns its frequency table; adaptive models return no bytes).
   */
  beginChunk(chunk: Uint8Array): Uint8Array;
  /** The decoder's side of beginChunk: reads what it returned, `take(n)` giving the next n bytes. */
  readChunkPrefix(take: (n: number) => Uint8Array): void;
  /** Codes bytes[from..to). */
  encodeBytes(enc: RangeEncoder, bytes: Uint8Array, from?: number, to?: number): void;
  /** Decodes into out[from..to). */
  decodeBytes(dec: RangeDecoder, out: Uint8Array, from?: number, to?: number): void;
  /**
   * Moves the model on by bytes[from..to) as coding them would, writing each byte's cost
   * in bits, −log2 q(x_i | context), to costs[i].
   */
  measureBytes(bytes: Uint8Array, costs: Float64Array, from?: number, to?: number): void;
  /**
   * The k most probable next bytes (at a byte boundary), most probable first, ties by
   * byte value, each with its exact probability. The model is left as it was.
   */
  topNextBytes(k: number): BytePrediction[];
  /** An independent copy: coding with one leaves the other as it was. */
  clone(): CodingModel;
}

/** The k bytes of highest probability (zeros left out), most probable first, ties by byte value. */
export function mostProbableBytes(probabilities: Float64Array, k: number): BytePrediction[] {
  const all = Array.from(probabilities, (probability, byte) => ({ byte, probability }));
  return all
    .filter((p) => p.probability > 0)
    .sort((a, b) => b.probability - a.probability || a.byte - b.byte)
    .slice(0, k);
}
