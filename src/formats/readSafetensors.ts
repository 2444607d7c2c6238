import { XentError } from '../core/XentError.js';
import type { RandomAccess } from './ByteSource.js';
import { MAX_CHUNK_VALUES, type ColumnarTable, type ColumnChunk, type ColumnInfo, type ColumnKind } from './ColumnarTable.js';
import { decodeNumbers, NUMBER_TYPE_BYTES as BYTES, type NumberType } from './decodeNumbers.js';

/**
 * The longest safetensors header read: 100,000,000 bytes, the reference implementation's
 * own cap (`MAX_HEADER_SIZE` in huggingface/safetensors), refused before it is read.
 */
export const SAFETENSORS_MAX_HEADER_BYTES = 100_000_000;

/** The safetensors dtypes read, with their element types; F8 and the packed types are not. */
const DTYPES: Readonly<Record<string, NumberType>> = {
  F64: 'f64', F32: 'f32', F16: 'f16', BF16: 'bf16',
  I64: 'i64', I32: 'i32', I16: 'i16', I8: 'i8',
  U64: 'u64', U32: 'u32', U16: 'u16', U8: 'u8', BOOL: 'u8',
};

interface Tensor {
  info: ColumnInfo;
  type: NumberType;
  /** Absolute offset of the data in the file. */
  start: number;
}

/**
 * A safetensors file (huggingface/safetensors: an 8-byte little-endian header length, a
 * JSON header `{name: {dtype, shape, data_offsets: [begin, end]}}`, then the tensors'
 * bytes, little-endian, C order) as a columnar table: each 1-D or 2-D tensor is a column
 * (an (n, K) tensor is K values a row). The header's offsets are checked against the
 * shapes and the file's length before anything else is read.
 */
export async function readSafetensors(name: string, access: RandomAccess): Promise<ColumnarTable> {
  const fail = (problem: string, index = 'the safetensors header') => new XentError(problem, { field: name, index });
  if (access.byteLength < 8) throw fail(`the file has ${access.byteLength} bytes, fewer than the 8 of the header's length`);
  const lengthBytes = await access.read(0, 8);
  const view = new DataView(lengthBytes.buffer, lengthBytes.byteOffset, 8);
  const headerLength = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  if (headerLength > SAFETENSORS_MAX_HEADER_BYTES) throw fail(`the header declares ${headerLength} bytes, more than the ${SAFETENSORS_MAX_HEADER_BYTES} read`);
  if (8 + headerLength > access.byteLength) throw fail(`the header declares ${headerLength} bytes but the file has ${access.byteLength - 8} after its length`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await access.read(8, 8 + headerLength)));
  } catch (e) {
    throw fail(`the header is not JSON: ${(e as Error).message}`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw fail('the header is not a JSON object');
  const dataStart = 8 + headerLength;
  const dataBytes = access.byteLength - dataStart;
  const tensors = new Map<string, Tensor>();
  for (const [key, value] of Object.entries(header)) {
    if (key === '__metadata__') continue;
    const where = `tensor ${JSON.stringify(key).slice(0, 80)}`;
    const t = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof t !== 'object' || t === null || typeof t.dtype !== 'string' || !Array.isArray(t.shape) || !Array.isArray(t.data_offsets)) {
      throw fail('each tensor needs a dtype, a shape and data_offsets', where);
    }
    const shape = t.shape as unknown[];
    const offsets = t.data_offsets as unknown[];
    if (!shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) throw fail(`the shape ${JSON.stringify(shape).slice(0, 60)} is not a list of whole numbers`, where);
    if (offsets.length !== 2 || !offsets.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) throw fail('data_offsets is not two whole numbers', where);
    const [begin, end] = offsets as number[];
    const type = DTYPES[t.dtype];
    const size = type === undefined ? 0 : BYTES[type];
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    if (type !== undefined && end - begin !== count * size) throw fail(`data_offsets [${begin}, ${end}] hold ${end - begin} bytes, but shape [${shape.join(', ')}] of ${t.dtype} needs ${count * size}`, where);
    if (end < begin || end > dataBytes) throw fail(`data_offsets [${begin}, ${end}] run past the ${dataBytes} bytes of data in the file`, where);
    const kind: ColumnKind = type === undefined || shape.length < 1 || shape.length > 2 ? 'other' : type.startsWith('f') || type === 'bf16' ? 'float' : 'integer';
    const typeName = shape.length < 1 || shape.length > 2 ? `${t.dtype} of shape [${shape.join(', ')}]` : t.dtype;
    tensors.set(key, {
      info: { name: key, kind, type: typeName, width: shape.length === 2 ? (shape[1] as number) : 1, rows: shape.length >= 1 ? (shape[0] as number) : 1 },
      type: type ?? 'u8',
      start: dataStart + begin,
    });
  }
  return {
    format: 'safetensors',
    name,
    columns: [...tensors.values()].map((t) => t.info),
    read: (columns) => readRows(columns.map((c) => tensors.get(c)!), access),
  };
}

/** Reads the tensors a slice of rows at a time, about 1 MiB of each, with positional reads. */
async function* readRows(tensors: readonly Tensor[], access: RandomAccess): AsyncGenerator<ColumnChunk> {
  const rows = tensors[0].info.rows;
  const widest = Math.max(1, ...tensors.map((t) => t.info.width * BYTES[t.type]));
  const step = Math.max(1, Math.min(Math.floor(2 ** 20 / widest), Math.floor(MAX_CHUNK_VALUES / Math.max(1, ...tensors.map((t) => t.info.width)))));
  for (let rowStart = 0; rowStart < rows; rowStart += step) {
    const n = Math.min(step, rows - rowStart);
    const columns = [];
    for (const t of tensors) {
      const rowBytes = t.info.width * BYTES[t.type];
      const bytes = await access.read(t.start + rowStart * rowBytes, t.start + (rowStart + n) * rowBytes);
      columns.push(decodeNumbers(bytes, t.type));
    }
    yield { rowStart, rows: n, columns };
  }
}
