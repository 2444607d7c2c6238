import { CmModel, type MixerCost } from '../cm/CmModel.js';
import { ChunkWriter, type ChunkSink } from './chunks.js';
import { type ModelName } from './container.js';
import { CHUNK_RAW_BYTES, encodeRecord, encodeV2Header, tableBitsFor } from './containerV2.js';
import { ContextMixingModel } from './ContextMixingModel.js';
import { crc32 } from './crc32.js';
import { RangeEncoder } from './RangeEncoder.js';
import { countBytes, scaleCounts, StaticOrder0Model } from './StaticOrder0Model.js';
import { encodeFrequencyTable } from './container.js';

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

/** Codes bytes with one of the models; its statistics live across chunks. */
interface ByteCoder {
  encodeByte(enc: RangeEncoder, byte: number): void;
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
  private readonly coder?: ByteCoder;
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
    if (model === 'cm') this.coder = new CmModel(tableBits, this.mixerCost);
    else if (model !== 'order0') this.coder = new ContextMixingModel(Number(model.slice(5)) as 1 | 2 | 3, Math.min(17, tableBits + 4));
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
    let tableBytes = 0;
    const enc = new RangeEncoder(buffer);
    if (this.model === 'order0') {
      const freqs = scaleCounts(countBytes(data));
      const table = Uint8Array.from(encodeFrequencyTable(freqs));
      tableBytes = table.length;
      buffer.writeBytes(table);
      const model = new StaticOrder0Model(freqs);
      model.encodeBytes(enc, data);
    } else {
      const coder = this.coder!;
      // The teaching models code a whole chunk in one call, their fast path.
      if (coder instanceof ContextMixingModel) coder.encodeBytes(enc, data);
      else for (let i = 0; i < data.length; i++) coder.encodeByte(enc, data[i]);
    }
    enc.finish();
    const chunkCrc = crc32(data);
    this.out.writeBytes(encodeRecord({ rawBytes: data.length, payloadBytes: payload, crc32: chunkCrc }));
    for (const piece of pieces) this.out.writeBytes(piece);
    this.headerBytes += 16 + tableBytes;
    this.payloadBytes += payload - tableBytes;
    this.crossEntropyBits += enc.crossEntropyBits;
    this.crc = crc32(data, this.crc);
    this.inputBytes += data.length;
    this.chunks++;
    this.rawFill = 0;
  }
}
