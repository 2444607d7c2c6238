import { CmModel, type MixerCost } from '../cm/CmModel.js';
import { ChunkReader, ChunkWriter, type ChunkSink, type ChunkSource } from './chunks.js';
import { readFrequencyTable, readMagicAndVersion, readV1Header, FORMAT_VERSION, type ModelName } from './container.js';
import { CHUNK_RAW_BYTES, FORMAT_VERSION_2, readRecord, readV2Header, type ContainerV2Header } from './containerV2.js';
import { blockBitsForLength, ContextMixingModel } from './ContextMixingModel.js';
import { CorruptInputError } from './CorruptInputError.js';
import { crc32 } from './crc32.js';
import { RangeDecoder } from './RangeDecoder.js';
import { StaticOrder0Model } from './StaticOrder0Model.js';

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

interface ByteDecoder {
  decodeByte(dec: RangeDecoder): number;
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

function decompressV1(reader: ChunkReader, header: ReturnType<typeof readV1Header>, sink: ChunkSink): DecompressionReport {
  const headerBytes = reader.position;
  const decoder = new RangeDecoder(reader);
  let crc = 0;
  const out = new ChunkWriter((chunk) => {
    crc = crc32(chunk, crc);
    sink(chunk);
  });
  const n = header.length;
  const model: ByteDecoder =
    header.model === 'order0'
      ? new StaticOrder0Model(header.freqs!)
      : new ContextMixingModel(Number(header.model.slice(5)) as 1 | 2 | 3, blockBitsForLength(n));
  if (model instanceof ContextMixingModel || model instanceof StaticOrder0Model) {
    // Whole blocks through the model's fast path; n can exceed memory, so not all at once.
    const block = new Uint8Array(Math.min(n, CHUNK_RAW_BYTES));
    for (let at = 0; at < n; at += block.length) {
      const m = Math.min(block.length, n - at);
      model.decodeBytes(decoder, block, 0, m);
      out.writeBytes(block.subarray(0, m));
    }
  } else for (let i = 0; i < n; i++) out.writeByte(model.decodeByte(decoder));
  out.flush();
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
  const coder: ByteDecoder | undefined =
    model === 'cm'
      ? new CmModel(tableBits, header.mixerCost)
      : model === 'order0'
        ? undefined
        : new ContextMixingModel(Number(model.slice(5)) as 1 | 2 | 3, Math.min(17, tableBits + 4));
  const raw = new Uint8Array(CHUNK_RAW_BYTES);
  let crc = 0;
  let outputBytes = 0;
  let crossEntropyBits = 0;
  let chunks = 0;
  for (;;) {
    const where = `chunk ${chunks + 1} (from byte ${outputBytes} of the original)`;
    const record = readRecord(reader, where);
    headerBytes += 16;
    if (record.rawBytes === 0) {
      if (record.crc32 !== crc) throw new CorruptInputError('CRC-32 of the whole decompressed data does not match');
      if (!reader.atEnd()) throw new CorruptInputError('bytes after the end of the container');
      break;
    }
    const payload = reader.readExactly(record.payloadBytes, `payload of ${where}`);
    let data: Uint8Array;
    let dec: RangeDecoder;
    try {
      const chunkReader = new ChunkReader(singleChunk(payload), MAX_PADDING);
      let decoder = coder;
      if (model === 'order0') {
        const freqs = readFrequencyTable((n) => chunkReader.readExactly(n, 'frequency table'));
        if (freqs.every((f) => f === 0)) throw new CorruptInputError('empty frequency table');
        headerBytes += chunkReader.position;
        decoder = new StaticOrder0Model(freqs);
      }
      dec = new RangeDecoder(chunkReader);
      const n = record.rawBytes;
      if (decoder instanceof ContextMixingModel || decoder instanceof StaticOrder0Model) decoder.decodeBytes(dec, raw, 0, n);
      else for (let i = 0; i < n; i++) raw[i] = decoder!.decodeByte(dec);
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

function singleChunk(bytes: Uint8Array): ChunkSource {
  let given = false;
  return () => {
    if (given) return undefined;
    given = true;
    return bytes;
  };
}
