import { ChunkReader, ChunkWriter, type ChunkSink, type ChunkSource } from './chunks.js';
import { readHeader, type ModelName } from './container.js';
import { ContextMixingModel } from './ContextMixingModel.js';
import { CorruptInputError } from './CorruptInputError.js';
import { crc32 } from './crc32.js';
import { RangeDecoder } from './RangeDecoder.js';
import { StaticOrder0Model } from './StaticOrder0Model.js';

const MIN_PADDING = 5;
const MAX_PADDING = 6;

export interface DecompressionReport {
  readonly model: ModelName;
  /** Bytes of the container read (header and payload). */
  readonly inputBytes: number;
  readonly headerBytes: number;
  readonly outputBytes: number;
  /** Σ −log2 q(x_i | context) of the decoded data: equal to the encoder's figure. */
  readonly crossEntropyBits: number;
}

/**
 * Decompresses a container read from `source`, writing the original to `sink` in chunks
 * (memory stays bounded). Every defect is a CorruptInputError (`corrupt input (…)`):
 * wrong magic or version, damaged header, payload outside the coding interval or
 * truncated, trailing bytes, or a CRC-32 that does not match. The CRC is only known at
 * the end, so a caller writing a file must write to a temporary name and rename it only
 * when this returns.
 *
 * @example
 * decompressStream(() => chunks.shift(), (chunk) => out.push(chunk.slice()));
 */
export function decompressStream(source: ChunkSource, sink: ChunkSink): DecompressionReport {
  const reader = new ChunkReader(source, MAX_PADDING);
  const header = readHeader(reader);
  const headerBytes = reader.position;
  const decoder = new RangeDecoder(reader);
  let crc = 0;
  const out = new ChunkWriter((chunk) => {
    crc = crc32(chunk, crc);
    sink(chunk);
  });
  const n = header.length;
  if (header.model === 'order0') {
    const model = new StaticOrder0Model(header.freqs!);
    for (let i = 0; i < n; i++) out.writeByte(model.decodeByte(decoder));
  } else {
    const model = new ContextMixingModel(Number(header.model.slice(5)) as 1 | 2 | 3, n);
    for (let i = 0; i < n; i++) out.writeByte(model.decodeByte(decoder));
  }
  out.flush();
  // The decoder reads 6 bytes ahead, and the encoder leaves out the zeros that end the
  // stream (RangeEncoder.finish): counting shifts on both sides, a valid payload always
  // ends with exactly 5 or 6 bytes of padding. Fewer means bytes were appended; more is
  // refused by the reader as truncation (and bounds the work damaged input can cause).
  if (reader.padding < MIN_PADDING || !reader.atEnd()) throw new CorruptInputError('payload does not end where the data does: bytes appended or damaged');
  if (crc !== header.crc32) throw new CorruptInputError('CRC-32 of the decompressed data does not match');
  return {
    model: header.model,
    inputBytes: reader.position,
    headerBytes,
    outputBytes: n,
    crossEntropyBits: decoder.crossEntropyBits,
  };
}
