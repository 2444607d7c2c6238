import type { MixerCost } from '../cm/CmModel.js';
import { createCodingModel } from '../models/createCodingModel.js';
import { blockBitsForLength } from '../models/MixedOrderModel.js';
import { chunkSourceOf, ChunkReader, STREAM_PIECE_BYTES, type ChunkSink, type ChunkSource } from './chunks.js';
import { readMagicAndVersion, readV1Header, FORMAT_VERSION, type ContainerHeader, type ModelName } from './container.js';
import { CHUNK_RAW_BYTES, FORMAT_VERSION_2, readRecord, readV2Header, RECORD_BYTES, type ContainerV2Header } from './containerV2.js';
import { CorruptInputError } from './CorruptInputError.js';
import { crc32 } from './crc32.js';
import { RangeDecoder } from './RangeDecoder.js';

// The decoder reads 6 bytes ahead, and the encoder leaves out the zeros that end the
// stream (RangeEncoder.finish): counting shifts on both sides, a valid payload always
// ends with exactly 5 or 6 bytes of padding. Fewer means bytes were appended; more is
// refused by the reader as truncation (and bounds the work damaged input can cause).
const MIN_PADDING = 5;
const MAX_PADDING = 6;

export interface DecompressionReport {
  readonly model: ModelName;
  readonly mixerCost: MixerCost;
  /** Container version read: 1 (release 0.1.0) or 2. */
  readonly version: number;
  /** Bytes of the container read (header, records and payload). */
  readonly inputBytes: number;
  /** Header and chunk records (and order0's frequency tables). */
  readonly headerBytes: number;
  readonly outputBytes: number;
  /** Σ −log2 q(x_i | context) of the decoded data: equal to the encoder's figure. */
  readonly crossEntropyBits: number;
  readonly chunks: number;
}

/**
 * Decompresses a container read from `source`, writing the original to `sink` in chunks
 * (memory stays bounded). Every defect is a CorruptInputError (`corrupt input (…)`):
 * wrong magic or version, damaged header or chunk record, payload outside the coding
 * interval or truncated, trailing bytes, or a CRC-32 that does not match.
 *
 * Version 2 hands a chunk to `sink` only once its CRC-32 has matched, and names the
 * damaged chunk and its byte range. Version 1 has one CRC at the very end, so a caller
 * writing a file must write to a temporary name and rename it only when this returns
 * (which is what `xent decompress` does for both).
 *
 * @example
 * decompressStream(() => chunks.shift(), (chunk) => out.push(chunk.slice()));
 */
export function decompressStream(source: ChunkSource, sink: ChunkSink): DecompressionReport {
  const reader = new ChunkReader(source, MAX_PADDING);
  const { version, header } = readMagicAndVersion(reader);
  if (version === FORMAT_VERSION) return decompressV1(reader, readV1Header(reader, header), sink);
  if (version === FORMAT_VERSION_2) return decompressV2(reader, readV2Header(reader, header), sink);
  throw new CorruptInputError(`unsupported container version ${version}, this xent reads versions 1 and 2`);
}

function decompressV1(reader: ChunkReader, header: ContainerHeader, sink: ChunkSink): DecompressionReport {
  const headerBytes = reader.position;
  const decoder = new RangeDecoder(reader);
  const n = header.length;
  // Version 1 sized the teaching models' blocks by the input's length; version 2's
  // tableBits t gives 2^(t + 4) blocks (blockBitsFor), so the same tables are t = blockBits − 4.
  const model = createCodingModel(header.model, { tableBits: blockBitsForLength(n) - 4, frequencies: header.freqs });
  // One payload for the whole input, which can exceed memory: decoded piece by piece.
  const piece = new Uint8Array(Math.min(n, STREAM_PIECE_BYTES));
  let crc = 0;
  for (let at = 0; at < n; at += piece.length) {
    const decoded = piece.subarray(0, Math.min(piece.length, n - at));
    model.decodeBytes(decoder, decoded);
    crc = crc32(decoded, crc);
    sink(decoded);
  }
  if (reader.padding < MIN_PADDING || !reader.atEnd()) throw new CorruptInputError('payload does not end where the data does: bytes appended or damaged');
  if (crc !== header.crc32) throw new CorruptInputError('CRC-32 of the decompressed data does not match');
  return {
    model: header.model,
    mixerCost: 'cross-entropy',
    version: 1,
    inputBytes: reader.position,
    headerBytes,
    outputBytes: n,
    crossEntropyBits: decoder.crossEntropyBits,
    chunks: 1,
  };
}

function decompressV2(reader: ChunkReader, header: ContainerV2Header, sink: ChunkSink): DecompressionReport {
  let headerBytes = reader.position;
  const { model, tableBits } = header;
  const coder = createCodingModel(model, { tableBits, mixerCost: header.mixerCost, cmRevision: header.cmRevision });
  const raw = new Uint8Array(CHUNK_RAW_BYTES);
  let crc = 0;
  let outputBytes = 0;
  let crossEntropyBits = 0;
  let chunks = 0;
  for (;;) {
    const where = `chunk ${chunks + 1} (from byte ${outputBytes} of the original)`;
    const record = readRecord(reader, where);
    headerBytes += RECORD_BYTES;
    if (record.rawBytes === 0) {
      if (record.crc32 !== crc) throw new CorruptInputError('CRC-32 of the whole decompressed data does not match');
      if (!reader.atEnd()) throw new CorruptInputError('bytes after the end of the container');
      break;
    }
    const payload = reader.readExactly(record.payloadBytes, `payload of ${where}`);
    let data: Uint8Array;
    let dec: RangeDecoder;
    try {
      const chunkReader = new ChunkReader(chunkSourceOf(payload), MAX_PADDING);
      // order0's frequency table, in front of the code (counted with the header bytes).
      coder.readChunkPrefix((n) => chunkReader.readExactly(n, 'frequency table'));
      headerBytes += chunkReader.position;
      dec = new RangeDecoder(chunkReader);
      const n = record.rawBytes;
      coder.decodeBytes(dec, raw, 0, n);
      if (chunkReader.padding < MIN_PADDING || !chunkReader.atEnd()) throw new CorruptInputError('payload does not end where the data does');
      data = raw.subarray(0, n);
      if (crc32(data) !== record.crc32) throw new CorruptInputError('CRC-32 does not match');
    } catch (e) {
      // Say which chunk: the damage is there (or in the record, whose checksum held).
      if (e instanceof CorruptInputError) throw new CorruptInputError(`${where}: ${e.field}`);
      throw e;
    }
    sink(data);
    crc = crc32(data, crc);
    outputBytes += data.length;
    crossEntropyBits += dec.crossEntropyBits;
    chunks++;
  }
  return {
    model,
    mixerCost: header.mixerCost,
    version: 2,
    inputBytes: reader.position,
    headerBytes,
    outputBytes,
    crossEntropyBits,
    chunks,
  };
}
