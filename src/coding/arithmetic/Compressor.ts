import type { MixerCost } from '../cm/CmModel.js';
import type { CodingModel } from '../models/CodingModel.js';
import { createCodingModel } from '../models/createCodingModel.js';
import { ChunkWriter, type ChunkSink } from './chunks.js';
import { type ModelName } from './container.js';
import { CHUNK_RAW_BYTES, encodeRecord, encodeV2Header, RECORD_BYTES, tableBitsFor } from './containerV2.js';
import { crc32 } from './crc32.js';
import { RangeEncoder } from './RangeEncoder.js';

/** The sizes and the cross-entropy of one compression. */
export interface CompressionReport {
  readonly model: ModelName;
  readonly mixerCost: MixerCost;
  readonly inputBytes: number;
  /** Header, chunk records and payload. */
  readonly outputBytes: number;
  /** The container's header and chunk records (and order0's frequency tables). */
  readonly headerBytes: number;
  readonly payloadBytes: number;
  /** payloadBytes × 8: the real code length. */
  readonly payloadBits: number;
  /** Σ −log2 q(x_i | context) under the probabilities the model used: the ideal code length. */
  readonly crossEntropyBits: number;
  readonly chunks: number;
}

export interface CompressorOptions {
  /** How the cm mixer learns (default cross-entropy); the other models ignore it. */
  readonly mixerCost?: MixerCost;
  /** About how long the input is, to size the tables; absent: the largest (about 145 MB for cm). */
  readonly sizeHint?: number;
}

/**
 * Compression into a version-2 container (containerV2.ts) in one pass: bytes are
 * gathered into chunks of 1 MiB, each coded and written with its CRC-32 as soon as it
 * is full. Memory is the model's tables plus about two chunks, whatever the input length.
 *
 * @example
 * const c = new Compressor('cm', (chunk) => out.push(chunk.slice()));
 * for (const chunk of chunks) c.write(chunk);
 * c.finish(); // { outputBytes, crossEntropyBits, payloadBits, ... }
 */
export class Compressor {
  private readonly out: ChunkWriter;
  /** The model; an adaptive one's statistics live across chunks. */
  private readonly coder: CodingModel;
  private readonly raw = new Uint8Array(CHUNK_RAW_BYTES);
  private rawFill = 0;
  private readonly mixerCost: MixerCost;
  private headerBytes: number;
  private payloadBytes = 0;
  private crossEntropyBits = 0;
  private inputBytes = 0;
  private crc = 0;
  private chunks = 0;
  private finished = false;

  constructor(
    readonly model: ModelName,
    sink: ChunkSink,
    options: CompressorOptions = {},
  ) {
    this.out = new ChunkWriter(sink);
    this.mixerCost = options.mixerCost ?? 'cross-entropy';
    const tableBits = tableBitsFor(options.sizeHint);
    this.coder = createCodingModel(model, { tableBits, mixerCost: this.mixerCost });
    const header = encodeV2Header({ version: 2, model, mixerCost: this.mixerCost, tableBits });
    this.headerBytes = header.length;
    this.out.writeBytes(header);
  }

  write(chunk: Uint8Array): void {
    for (let at = 0; at < chunk.length; ) {
      const n = Math.min(chunk.length - at, CHUNK_RAW_BYTES - this.rawFill);
      this.raw.set(chunk.subarray(at, at + n), this.rawFill);
      this.rawFill += n;
      at += n;
      if (this.rawFill === CHUNK_RAW_BYTES) this.codeChunk();
    }
  }

  finish(): CompressionReport {
    if (this.finished) throw new Error('Compressor.finish called twice');
    this.finished = true;
    if (this.rawFill > 0) this.codeChunk();
    const end = encodeRecord({ rawBytes: 0, payloadBytes: 0, crc32: this.crc });
    this.out.writeBytes(end);
    this.headerBytes += end.length;
    this.out.flush();
    return {
      model: this.model,
      mixerCost: this.mixerCost,
      inputBytes: this.inputBytes,
      outputBytes: this.out.written,
      headerBytes: this.headerBytes,
      payloadBytes: this.payloadBytes,
      payloadBits: 8 * this.payloadBytes,
      crossEntropyBits: this.crossEntropyBits,
      chunks: this.chunks,
    };
  }

  private codeChunk(): void {
    const data = this.raw.subarray(0, this.rawFill);
    const pieces: Uint8Array[] = [];
    let payload = 0;
    const buffer = new ChunkWriter((piece) => {
      pieces.push(piece.slice());
      payload += piece.length;
    });
    // order0's frequency table goes in front of the code; adaptive models write nothing.
    const prefix = this.coder.beginChunk(data);
    buffer.writeBytes(prefix);
    const enc = new RangeEncoder(buffer);
    this.coder.encodeBytes(enc, data);
    enc.finish();
    const chunkCrc = crc32(data);
    this.out.writeBytes(encodeRecord({ rawBytes: data.length, payloadBytes: payload, crc32: chunkCrc }));
    for (const piece of pieces) this.out.writeBytes(piece);
    this.headerBytes += RECORD_BYTES + prefix.length;
    this.payloadBytes += payload - prefix.length;
    this.crossEntropyBits += enc.crossEntropyBits;
    this.crc = crc32(data, this.crc);
    this.inputBytes += data.length;
    this.chunks++;
    this.rawFill = 0;
  }
}
