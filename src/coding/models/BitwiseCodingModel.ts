import type { RangeDecoder } from '../arithmetic/RangeDecoder.js';
import type { RangeEncoder } from '../arithmetic/RangeEncoder.js';
import { cloneModelState } from './cloneModelState.js';
import type { BytePrediction, CodingModel } from './CodingModel.js';

/**
 * A model that predicts bytes one bit at a time, most significant bit first: the
 * probability of a byte is the product of its 8 bit probabilities, so the coder's
 * Σ −log2 P(bit) is exactly Σ −log2 q(x_i | context).
 */
export interface BitPredictor {
  /** P(next bit = 1) in units of 1/4096, within [1, 4095]. */
  predict(): number;
  /** Learns the bit just coded (after predict). */
  update(bit: number): void;
}

/**
 * An adaptive model that predicts bit by bit (order1–order3, cm): every bulk path of
 * CodingModel is derived here from predict() and update(). A subclass may replace one
 * with a faster loop; encodeBitwise, decodeBitwise and measureBitwise stay the reference
 * its tests hold it to.
 */
export abstract class BitwiseCodingModel implements CodingModel, BitPredictor {
  readonly adaptive = true;

  abstract predict(): number;
  abstract update(bit: number): void;

  /** Adaptive models carry their statistics across chunks: nothing precedes a chunk. */
  beginChunk(): Uint8Array {
    return NO_BYTES;
  }

  readChunkPrefix(): void {}

  encodeBytes(enc: RangeEncoder, bytes: Uint8Array, from = 0, to = bytes.length): void {
    encodeBitwise(this, enc, bytes, from, to);
  }

  decodeBytes(dec: RangeDecoder, out: Uint8Array, from = 0, to = out.length): void {
    decodeBitwise(this, dec, out, from, to);
  }

  measureBytes(bytes: Uint8Array, costs: Float64Array, from = 0, to = bytes.length): void {
    measureBitwise(this, bytes, costs, from, to);
  }

  encodeByte(enc: RangeEncoder, byte: number): void {
    SINGLE_BYTE[0] = byte;
    this.encodeBytes(enc, SINGLE_BYTE, 0, 1);
  }

  decodeByte(dec: RangeDecoder): number {
    this.decodeBytes(dec, SINGLE_BYTE, 0, 1);
    return SINGLE_BYTE[0];
  }

  /**
   * By a beam search down the tree of bit decisions: each step clones the model, which
   * learns as it predicts. The probabilities of the bytes returned are exact; a byte whose
   * path left the beam early is missed (with a beam of max(8, 2k) partial bytes, only
   * when many bytes are about equally likely).
   */
  topNextBytes(k: number): BytePrediction[] {
    // Partial bytes (with their leading 1) and their probabilities.
    let beam: { model: BitwiseCodingModel; prefix: number; probability: number }[] = [{ model: this, prefix: 1, probability: 1 }];
    const width = Math.max(8, 2 * k);
    for (let depth = 0; depth < 8; depth++) {
      const next: typeof beam = [];
      for (const node of beam) {
        const p1 = node.model.predict() / 4096;
        for (const bit of [0, 1]) {
          const child = depth < 7 ? node.model.clone() : node.model;
          if (depth < 7) child.update(bit);
          next.push({ model: child, prefix: (node.prefix << 1) | bit, probability: node.probability * (bit ? p1 : 1 - p1) });
        }
      }
      next.sort((a, b) => b.probability - a.probability || a.prefix - b.prefix);
      beam = next.slice(0, width);
    }
    return beam.slice(0, k).map((n) => ({ byte: n.prefix & 0xff, probability: n.probability }));
  }

  clone(): this {
    return cloneModelState(this);
  }
}

/** Codes bytes[from..to) bit by bit. */
export function encodeBitwise(model: BitPredictor, enc: RangeEncoder, bytes: Uint8Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const byte = bytes[i];
    for (let k = 7; k >= 0; k--) {
      const bit = (byte >> k) & 1;
      enc.encodeBit(bit, model.predict());
      model.update(bit);
    }
  }
}

/** Decodes into out[from..to) bit by bit. */
export function decodeBitwise(model: BitPredictor, dec: RangeDecoder, out: Uint8Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    let byte = 0;
    for (let k = 0; k < 8; k++) {
      const bit = dec.decodeBit(model.predict());
      model.update(bit);
      byte = (byte << 1) | bit;
    }
    out[i] = byte;
  }
}

/** Learns bytes[from..to) bit by bit, writing each byte's Σ −log2 P(bit) to costs[i]. */
export function measureBitwise(model: BitPredictor, bytes: Uint8Array, costs: Float64Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    let bits = 0;
    for (let k = 7; k >= 0; k--) {
      const bit = (bytes[i] >> k) & 1;
      const p1 = model.predict() / 4096;
      bits -= Math.log2(bit ? p1 : 1 - p1);
      model.update(bit);
    }
    costs[i] = bits;
  }
}

const NO_BYTES = new Uint8Array(0);
/** The one byte of encodeByte and decodeByte. */
const SINGLE_BYTE = new Uint8Array(1);
