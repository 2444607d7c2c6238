import type { MixerCost } from '../cm/CmModel.js';
import { MAX_TABLE_BITS, MIN_TABLE_BITS } from '../cm/CmModel.js';
import { CM_REVISION_NEWEST, CM_REVISIONS, type CmRevision } from '../cm/CmRevision.js';
import type { ChunkReader } from './chunks.js';
import { MAGIC, MODEL_NAMES, pushUint32, uint32, type HeaderReader, type ModelName } from './container.js';
import { CorruptInputError } from './CorruptInputError.js';
import { crc32 } from './crc32.js';

/**
 * The xent container, version 2: written in one pass, so standard input streams through,
 * and cut into chunks that each carry a CRC-32, so damage is reported at the chunk where
 * it is (and nothing of a damaged chunk is written). All integers little-endian.
 *
 * Header, 13 bytes:
 *
 * | offset | bytes | field |
 * | --- | --- | --- |
 * | 0 | 4 | magic `XENT` |
 * | 4 | 1 | version, 2 |
 * | 5 | 1 | model id: 0 order0, 1 order1, 2 order2, 3 order3, 4 cm |
 * | 6 | 1 | flags: bit 0 set when the cm mixer learns by quadratic cost; for cm, bit 1 (CM_REVISION_2_FLAG), bit 2 (CM_REVISION_3_FLAG), bit 3 (CM_REVISION_4_FLAG) or bit 4 (CM_REVISION_5_FLAG) marks the model's revision, exactly one of them; other bits 0 |
 * | 7 | 1 | tableBits: the size of the model's tables, 4..22 (both sides must agree) |
 * | 8 | 1 | log2 of the largest chunk, CHUNK_LOG2 = 20 (1 MiB of original per chunk) |
 * | 9 | 4 | CRC-32 of bytes 0..8 |
 *
 * Then chunks, each a 16-byte record and a payload:
 *
 * | bytes | field |
 * | --- | --- |
 * | 4 | original bytes in this chunk, 1..2^CHUNK_LOG2; 0 marks the end |
 * | 4 | payload bytes that follow |
 * | 4 | CRC-32 of this chunk's original bytes (end record: of the whole original) |
 * | 4 | CRC-32 of the 12 bytes before it |
 * | … | payload: order0 starts with the chunk's frequency table; then the range coder's output, flushed at the chunk's end |
 *
 * The models' statistics carry over from chunk to chunk (only the coder restarts), so
 * chunking costs a few bytes per MiB. After the end record the file must end.
 */
export const FORMAT_VERSION_2 = 2;
export const CHUNK_LOG2 = 20;
/** Bytes of the original per container chunk (the last chunk may hold fewer): 1 MiB. */
export const CHUNK_RAW_BYTES = 2 ** CHUNK_LOG2;
export const RECORD_BYTES = 16;
export const HEADER_V2_BYTES = 13;
/**
 * Marks cm's model revision 2 (line-local buckets, fused update). Files of revision 1,
 * which no release wrote, lack it and are refused by name, not decoded into garbage; builds that
 * predate it refuse the new files as having unknown flags.
 */
export const CM_REVISION_2_FLAG = 2;
/**
 * Marks cm's model revision 3 (CmRevision.ts), in place of CM_REVISION_2_FLAG: builds
 * that read only revision 2 refuse its files as having unknown flags.
 */
export const CM_REVISION_3_FLAG = 4;
/**
 * Marks cm's model revision 4 (CmRevision.ts), in place of the others: builds that read
 * only revisions 2 and 3 refuse its files as having unknown flags.
 */
export const CM_REVISION_4_FLAG = 8;
/**
 * Marks cm's model revision 5 (CmRevision.ts), in place of the others: builds that read
 * only revisions 2 to 4 refuse its files as having unknown flags.
 */
export const CM_REVISION_5_FLAG = 16;
/** The flag that marks each cm revision this build reads. */
const CM_REVISION_FLAG: Readonly<Record<CmRevision, number>> = { 2: CM_REVISION_2_FLAG, 3: CM_REVISION_3_FLAG, 4: CM_REVISION_4_FLAG, 5: CM_REVISION_5_FLAG };
const CM_REVISION_FLAGS = CM_REVISION_2_FLAG | CM_REVISION_3_FLAG | CM_REVISION_4_FLAG | CM_REVISION_5_FLAG;
/** The revision a flags byte's revision bits mark, if exactly one revision's. */
function cmRevisionOf(revisionFlags: number): CmRevision | undefined {
  return CM_REVISIONS.find((r) => CM_REVISION_FLAG[r] === revisionFlags);
}

export interface ContainerV2Header {
  readonly version: 2;
  readonly model: ModelName;
  readonly mixerCost: MixerCost;
  readonly tableBits: number;
  /** cm's model revision (CM_REVISION_NEWEST when absent); the other models have none. */
  readonly cmRevision?: CmRevision;
}

export function encodeV2Header(h: ContainerV2Header): Uint8Array {
  const revisionFlag = h.model !== 'cm' ? 0 : CM_REVISION_FLAG[h.cmRevision ?? CM_REVISION_NEWEST];
  const bytes = [...MAGIC, FORMAT_VERSION_2, MODEL_NAMES.indexOf(h.model), (h.mixerCost === 'quadratic' ? 1 : 0) | revisionFlag, h.tableBits, CHUNK_LOG2];
  pushUint32(bytes, crc32(Uint8Array.from(bytes)));
  return Uint8Array.from(bytes);
}

/** The rest of a version-2 header, after magic and version. */
export function readV2Header(reader: ChunkReader, { take, seen }: HeaderReader): ContainerV2Header {
  const [modelId, flags, tableBits, chunkLog2] = take(4, 'header');
  const stored = uint32(reader.readExactly(4, 'header (checksum)'), 0);
  if (stored !== crc32(Uint8Array.from(seen))) throw new CorruptInputError('header checksum mismatch');
  if (modelId >= MODEL_NAMES.length) throw new CorruptInputError(`unknown model id ${modelId}`);
  const revisionFlags = flags & CM_REVISION_FLAGS;
  if (flags > (CM_REVISION_FLAGS | 1) || (revisionFlags !== 0 && cmRevisionOf(revisionFlags) === undefined)) throw new CorruptInputError(`unknown flags ${flags}`);
  const cm = MODEL_NAMES[modelId] === 'cm';
  if (cm && revisionFlags === 0) {
    throw new CorruptInputError('cm model revision 1, which this version of xent does not read: decompress the file with the build of xent that wrote it, then compress the original again');
  }
  if (!cm && revisionFlags !== 0) throw new CorruptInputError(`unknown flags ${flags}`);
  if (tableBits < MIN_TABLE_BITS || tableBits > MAX_TABLE_BITS) throw new CorruptInputError(`table size 2^${tableBits} out of range`);
  if (chunkLog2 !== CHUNK_LOG2) throw new CorruptInputError(`chunk size 2^${chunkLog2}, expected 2^${CHUNK_LOG2}`);
  const header = { version: 2, model: MODEL_NAMES[modelId], mixerCost: flags & 1 ? 'quadratic' : 'cross-entropy', tableBits } as const;
  return cm ? { ...header, cmRevision: cmRevisionOf(revisionFlags) } : header;
}

export interface ChunkRecord {
  readonly rawBytes: number;
  readonly payloadBytes: number;
  readonly crc32: number;
}

export function encodeRecord(r: ChunkRecord): Uint8Array {
  const bytes: number[] = [];
  pushUint32(bytes, r.rawBytes);
  pushUint32(bytes, r.payloadBytes);
  pushUint32(bytes, r.crc32);
  pushUint32(bytes, crc32(Uint8Array.from(bytes)));
  return Uint8Array.from(bytes);
}

/**
 * The most payload a chunk of `rawBytes` can need: random data grows by under 2% under
 * the adaptive models; order0 adds a table of at most 770 bytes. A larger claimed length
 * is damage, and refusing it bounds what damaged input can make the decoder buffer.
 */
export function maxPayloadBytes(rawBytes: number): number {
  return rawBytes + (rawBytes >> 4) + 1024;
}

/** Reads and checks a record; `where` names the chunk in messages. */
export function readRecord(reader: ChunkReader, where: string): ChunkRecord {
  const b = reader.readExactly(RECORD_BYTES, `${where} record`);
  if (uint32(b, 12) !== crc32(b.subarray(0, 12))) throw new CorruptInputError(`${where}: record checksum mismatch`);
  const rawBytes = uint32(b, 0);
  const payloadBytes = uint32(b, 4);
  if (rawBytes > CHUNK_RAW_BYTES) throw new CorruptInputError(`${where}: ${rawBytes} bytes, more than a chunk holds`);
  if (rawBytes === 0 ? payloadBytes !== 0 : payloadBytes > maxPayloadBytes(rawBytes)) {
    throw new CorruptInputError(`${where}: payload of ${payloadBytes} bytes for ${rawBytes} bytes of data`);
  }
  return { rawBytes, payloadBytes, crc32: uint32(b, 8) };
}

/** tableBits for an input of about `length` bytes (MAX_TABLE_BITS when unknown). */
export function tableBitsFor(length: number | undefined): number {
  if (length === undefined) return MAX_TABLE_BITS;
  let bits = MIN_TABLE_BITS;
  // Counted in integers: a Math.log2 one ulp off on some engine would change the tables.
  while (bits < MAX_TABLE_BITS && 2 ** bits < length / 8) bits++;
  return bits;
}
