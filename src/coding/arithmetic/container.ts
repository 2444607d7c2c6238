import { XentError } from '../../core/XentError.js';
import type { ChunkReader } from './chunks.js';
import { CorruptInputError } from './CorruptInputError.js';
import { crc32 } from './crc32.js';

/**
 * The xent container, version 1. All integers little-endian.
 *
 * | offset | bytes | field |
 * | --- | --- | --- |
 * | 0 | 4 | magic `XENT` (58 45 4E 54) |
 * | 4 | 1 | version, 1 |
 * | 5 | 1 | model id: 0 order0, 1 order1, 2 order2, 3 order3 |
 * | 6 | 8 | original length in bytes (at most 2^53 − 1) |
 * | 14 | 4 | CRC-32 of the original |
 * | 18 | … | order0 only: number of distinct bytes m (2 bytes), then m × (byte, frequency − 1 as 2 bytes), bytes ascending |
 * | … | 4 | CRC-32 of all header bytes before it |
 * | … | … | payload: the range coder's output, to the end of the file |
 *
 * The header checksum means a damaged length or model is caught before any decoding,
 * so a flipped bit cannot make the decoder produce 2^50 bytes of garbage.
 */
export const MAGIC = Uint8Array.of(0x58, 0x45, 0x4e, 0x54);
export const FORMAT_VERSION = 1;

export type ModelName = 'order0' | 'order1' | 'order2' | 'order3' | 'cm';
/** Model names in id order: the id is the index. Version 1 knows ids 0..3 only. */
export const MODEL_NAMES: readonly ModelName[] = ['order0', 'order1', 'order2', 'order3', 'cm'];
/** The models of version 1. */
const V1_MODELS = 4;

export interface ContainerHeader {
  readonly model: ModelName;
  readonly length: number;
  readonly crc32: number;
  /** The static model's frequencies (order0 only). */
  readonly freqs?: Uint32Array;
}

/**
 * The checked model name (an XentError naming `field` otherwise).
 *
 * @example
 * parseModelName('order3') // 'order3'
 */
export function parseModelName(name: string, field = 'model'): ModelName {
  if ((MODEL_NAMES as readonly string[]).includes(name)) return name as ModelName;
  throw new XentError(`unknown model '${name}': expected one of ${MODEL_NAMES.join(', ')}`, { field });
}

/** The bytes read so far of a header, kept for its checksum. */
export interface HeaderReader {
  take(n: number, what: string): Uint8Array;
  readonly seen: number[];
}

/**
 * Reads the magic and the version byte that every version starts with; the rest of the
 * header depends on the version. Every problem is a CorruptInputError saying what is wrong.
 */
export function readMagicAndVersion(reader: ChunkReader): { version: number; header: HeaderReader } {
  const seen: number[] = [];
  const header: HeaderReader = {
    seen,
    take(n, what) {
      const b = reader.readExactly(n, what);
      seen.push(...b);
      return b;
    },
  };
  const magic = header.take(4, 'header (magic)');
  if (!MAGIC.every((m, i) => magic[i] === m)) throw new CorruptInputError('wrong magic: not an xent container');
  return { version: header.take(1, 'header (version)')[0], header };
}

/** The rest of a version-1 header, after magic and version. */
export function readV1Header(reader: ChunkReader, { take, seen }: HeaderReader): ContainerHeader {
  const fixed = take(13, 'header');
  const modelId = fixed[0];
  const lengthLow = uint32(fixed, 1);
  const lengthHigh = uint32(fixed, 5);
  const crc = uint32(fixed, 9);
  // Checked before the checksum because the model decides which fields follow.
  if (modelId >= V1_MODELS) throw new CorruptInputError(`unknown model id ${modelId}`);
  const model = MODEL_NAMES[modelId];
  const freqs = model === 'order0' ? readFrequencyTable((n) => take(n, 'header (frequency table)')) : undefined;
  const expected = crc32(Uint8Array.from(seen));
  const stored = uint32(reader.readExactly(4, 'header (checksum)'), 0);
  if (stored !== expected) throw new CorruptInputError('header checksum mismatch');
  if (lengthHigh >= 2 ** 21) throw new CorruptInputError('original length exceeds 2^53 − 1');
  const length = lengthHigh * 2 ** 32 + lengthLow;
  if (model === 'order0' && length > 0 && freqs!.every((f) => f === 0)) {
    throw new CorruptInputError('empty frequency table for a non-empty input');
  }
  return { model, length, crc32: crc, freqs };
}

export function pushUint32(bytes: number[], v: number): void {
  bytes.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
}

/** The little-endian uint32 at `at`. */
export function uint32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

/** A static model's table: the number m of byte values present (2 bytes), then m × (byte, frequency − 1 as 2 bytes), bytes ascending. */
export function encodeFrequencyTable(freqs: Uint32Array): number[] {
  const present: number[] = [];
  for (let b = 0; b < 256; b++) if (freqs[b] > 0) present.push(b);
  const bytes = [present.length & 0xff, present.length >> 8];
  for (const b of present) bytes.push(b, (freqs[b] - 1) & 0xff, (freqs[b] - 1) >> 8);
  return bytes;
}

/** Reads what encodeFrequencyTable wrote, checking order and total. */
export function readFrequencyTable(take: (n: number) => Uint8Array): Uint32Array {
  const m = take(2);
  const count = m[0] | (m[1] << 8);
  if (count > 256) throw new CorruptInputError(`frequency table lists ${count} byte values`);
  const freqs = new Uint32Array(256);
  let previous = -1;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const [b, lo, hi] = take(3);
    if (b <= previous) throw new CorruptInputError('frequency table out of order');
    previous = b;
    freqs[b] = (lo | (hi << 8)) + 1;
    total += freqs[b];
  }
  if (total > 65536) throw new CorruptInputError(`frequency total ${total} exceeds 65536`);
  return freqs;
}
