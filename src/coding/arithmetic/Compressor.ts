import { XentError } from '../../core/XentError.js';
import { ChunkWriter, type ChunkSink } from './chunks.js';
import { encodeHeader, type ModelName } from './container.js';
import { ContextMixingModel } from './ContextMixingModel.js';
import { crc32 } from './crc32.js';
import { RangeEncoder } from './RangeEncoder.js';
import { countBytes, scaleCounts, StaticOrder0Model } from './StaticOrder0Model.js';

/** What the header needs to know before the payload: pass 1 of compression. */
export interface InputSummary {
  readonly length: number;
  readonly crc32: number;
  /** How often each byte value occurs (used by the static order-0 model). */
  readonly counts: Float64Array;
}

/**
 * Pass 1 over the input, chunk by chunk: its length, CRC-32 and byte counts.
 *
 * @example
 * const scan = new InputScanner();
 * for (const chunk of chunks) scan.update(chunk);
 * scan.summary(); // { length, crc32, counts }
 */
export class InputScanner {
  private length = 0;
  private crc = 0;
  private readonly counts = new Float64Array(256);

  update(chunk: Uint8Array): void {
    this.length += chunk.length;
    this.crc = crc32(chunk, this.crc);
    countBytes(chunk, this.counts);
  }

  summary(): InputSummary {
    return { length: this.length, crc32: this.crc, counts: this.counts.slice() };
  }
}

/** The sizes and the cross-entropy of one compression. */
export interface CompressionReport {
  readonly model: ModelName;
  readonly inputBytes: number;
  /** Header plus payload. */
  readonly outputBytes: number;
  readonly headerBytes: number;
  readonly payloadBytes: number;
  /** payloadBytes × 8: the real code length. */
  readonly payloadBits: number;
  /** Σ −log2 q(x_i | context) under the probabilities the model used: the ideal code length. */
  readonly crossEntropyBits: number;
}

/**
 * Pass 2: writes the header, then codes the input chunk by chunk into `sink`. Memory
 * is the model's tables plus one output chunk, whatever the input length. The input of
 * pass 2 must be the input of pass 1; `finish` checks its length and CRC-32.
 *
 * @example
 * const c = new Compressor('order2', summary, (chunk) => out.push(chunk.slice()));
 * for (const chunk of chunks) c.write(chunk);
 * c.finish(); // { outputBytes, crossEntropyBits, payloadBits, ... }
 */
export class Compressor {
  private readonly out: ChunkWriter;
  private readonly encoder: RangeEncoder;
  private readonly order0?: StaticOrder0Model;
  private readonly mixing?: ContextMixingModel;
  private readonly headerBytes: number;
  private seen = 0;
  private crc = 0;

  constructor(
    readonly model: ModelName,
    private readonly summary: InputSummary,
    sink: ChunkSink,
  ) {
    this.out = new ChunkWriter(sink);
    let freqs: Uint32Array | undefined;
    if (model === 'order0') {
      freqs = scaleCounts(summary.counts);
      this.order0 = new StaticOrder0Model(freqs);
    } else {
      this.mixing = new ContextMixingModel(Number(model.slice(5)) as 1 | 2 | 3, summary.length);
    }
    const header = encodeHeader({ model, length: summary.length, crc32: summary.crc32, freqs });
    this.headerBytes = header.length;
    this.out.writeBytes(header);
    this.encoder = new RangeEncoder(this.out);
  }

  write(chunk: Uint8Array): void {
    this.seen += chunk.length;
    if (this.seen > this.summary.length) throw changedInput();
    this.crc = crc32(chunk, this.crc);
    const enc = this.encoder;
    if (this.order0) {
      const model = this.order0;
      for (let i = 0; i < chunk.length; i++) model.encodeByte(enc, chunk[i]);
    } else {
      const model = this.mixing!;
      for (let i = 0; i < chunk.length; i++) model.encodeByte(enc, chunk[i]);
    }
  }

  finish(): CompressionReport {
    if (this.seen !== this.summary.length || this.crc !== this.summary.crc32) throw changedInput();
    this.encoder.finish();
    const outputBytes = this.out.written;
    const payloadBytes = outputBytes - this.headerBytes;
    return {
      model: this.model,
      inputBytes: this.seen,
      outputBytes,
      headerBytes: this.headerBytes,
      payloadBytes,
      payloadBits: payloadBytes * 8,
      crossEntropyBits: this.encoder.crossEntropyBits,
    };
  }
}

function changedInput(): XentError {
  return new XentError('the input changed between the two passes of compression', { field: 'input' });
}
