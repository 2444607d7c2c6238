import { XentError } from '../core/XentError.js';
import type { RandomAccess } from './ByteSource.js';
import { MAX_CHUNK_VALUES, type ColumnarTable, type ColumnChunk, type ColumnInfo, type ColumnKind } from './ColumnarTable.js';
import { decodeNumbers, NUMBER_TYPE_BYTES, type NumberType } from './decodeNumbers.js';
import { FlatBufferError, FlatTable, int64At } from './FlatTable.js';

/** The longest message metadata (a schema, a record batch's directory) read: 16 MiB. */
export const ARROW_MAX_METADATA_BYTES = 16 * 2 ** 20;

/** Type ids of Arrow's `Type` union (format/Schema.fbs), for the buffers each takes and the names messages print. */
const TYPE_NAMES = ['NONE', 'Null', 'Int', 'FloatingPoint', 'Binary', 'Utf8', 'Bool', 'Decimal', 'Date', 'Time', 'Timestamp', 'Interval', 'List', 'Struct', 'Union', 'FixedSizeBinary', 'FixedSizeList', 'Map', 'Duration', 'LargeBinary', 'LargeUtf8', 'LargeList', 'RunEndEncoded', 'BinaryView', 'Utf8View', 'ListView', 'LargeListView'];

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // ARROW1

interface ArrowColumn {
  info: ColumnInfo;
  type: NumberType | null;
  /** Index of the column's field node and of its first buffer in a record batch. */
  node: number;
  buffer: number;
}

interface BatchPlace {
  /** Where the message starts (its continuation marker or its length). */
  offset: number;
}

/**
 * An Arrow IPC file (`ARROW1` … footer … `ARROW1`, .arrow/.feather v2) or stream (.arrows)
 * as a columnar table (Arrow's columnar format spec, "Serialization and Interprocess
 * Communication"): the schema and each record batch's directory are FlatBuffers messages,
 * read with FlatTable; only the buffers of the columns asked for are read. Columns of Int
 * (8–64 bits) and FloatingPoint (half, single, double) are numbers; any other type is
 * listed, and refused if chosen. Nulls, compressed bodies and big-endian files are refused.
 */
export async function readArrowIpc(name: string, access: RandomAccess): Promise<ColumnarTable> {
  const fail = (problem: string, index = 'the Arrow schema') => new XentError(problem, { field: name, index });
  try {
    const head = await access.read(0, Math.min(8, access.byteLength));
    const isFile = MAGIC.every((b, i) => head[i] === b);
    let schema: FlatTable;
    let batches: BatchPlace[];
    if (isFile) ({ schema, batches } = await fromFooter(name, access));
    else ({ schema, batches } = await fromStream(name, access));
    if (schema.int16(0, 0) !== 0) throw fail('the file is big-endian; only little-endian Arrow data is read');
    let rows = 0;
    for (const b of batches) rows += (await readMessage(name, access, b.offset))?.message.table(2)?.int64(0, 0) ?? 0;
    const columns = schemaColumns(schema, name, rows);
    const byName = new Map(columns.map((c) => [c.info.name, c]));
    return {
      format: 'arrow',
      name,
      columns: columns.map((c) => c.info),
      read: (chosen) => readBatches(name, access, batches, chosen.map((c) => byName.get(c)!)),
    };
  } catch (e) {
    if (e instanceof FlatBufferError) throw fail(`the Arrow metadata is corrupt: ${e.message}`, 'the Arrow metadata');
    throw e;
  }
}

/** The file format: the footer (a FlatBuffers Footer, its int32 length, then ARROW1) lists the record batches. */
async function fromFooter(name: string, access: RandomAccess): Promise<{ schema: FlatTable; batches: BatchPlace[] }> {
  const fail = (problem: string) => new XentError(problem, { field: name, index: 'the Arrow footer' });
  const n = access.byteLength;
  if (n < 8 + 10) throw fail(`the file has ${n} bytes, too few for an Arrow file's magic and footer`);
  const tail = await access.read(n - 10, n);
  if (!MAGIC.every((b, i) => tail[4 + i] === b)) throw fail('the file does not end with ARROW1: it is truncated, or not an Arrow IPC file');
  const footerLength = new DataView(tail.buffer, tail.byteOffset, 10).getInt32(0, true);
  if (footerLength <= 0 || footerLength > ARROW_MAX_METADATA_BYTES || footerLength > n - 18) throw fail(`the footer declares ${footerLength} bytes, which the ${n}-byte file cannot hold`);
  const footer = FlatTable.root(await access.read(n - 10 - footerLength, n - 10));
  const schema = footer.table(1);
  if (schema === null) throw fail('the footer has no schema');
  const blocks = footer.structs(3, 24);
  const batches = blocks.positions.map((p) => {
    const offset = int64At(blocks.view, p);
    if (offset < 8 || offset >= n - 10 - footerLength) throw fail(`a record batch's offset ${offset} is outside the file's data`);
    return { offset };
  });
  return { schema, batches };
}

/** The stream format: a schema message, then record batches (and dictionaries, skipped) up to the end-of-stream marker or the end of the file. */
async function fromStream(name: string, access: RandomAccess): Promise<{ schema: FlatTable; batches: BatchPlace[] }> {
  let schema: FlatTable | null = null;
  const batches: BatchPlace[] = [];
  for (let offset = 0; offset < access.byteLength; ) {
    const m = await readMessage(name, access, offset);
    if (m === null) break;
    const type = m.message.uint8(1, 0);
    if (type === 1) schema ??= m.message.table(2);
    else if (type === 3) batches.push({ offset });
    offset = m.bodyStart + m.bodyLength;
  }
  if (schema === null) throw new XentError('no schema message: the file is not an Arrow IPC stream or file', { field: name, index: 'the Arrow schema' });
  return { schema, batches };
}

/**
 * An encapsulated message at `offset`: an optional 0xFFFFFFFF continuation marker, the
 * int32 length of the FlatBuffers Message, the message, then its body. Null at the
 * end-of-stream marker (a length of 0).
 */
async function readMessage(name: string, access: RandomAccess, offset: number): Promise<{ message: FlatTable; bodyStart: number; bodyLength: number } | null> {
  const fail = (problem: string) => new XentError(problem, { field: name, index: `the Arrow message at byte ${offset}` });
  if (offset + 4 > access.byteLength) throw fail('the file ends inside a message length');
  const prefix = await access.read(offset, Math.min(offset + 8, access.byteLength));
  const pv = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  let length = pv.getInt32(0, true);
  let start = offset + 4;
  if (length === -1) {
    if (prefix.length < 8) throw fail('the file ends inside a message length');
    length = pv.getInt32(4, true);
    start = offset + 8;
  }
  if (length === 0) return null;
  if (length < 0 || length > ARROW_MAX_METADATA_BYTES) throw fail(`the message declares ${length} bytes of metadata (at most ${ARROW_MAX_METADATA_BYTES})`);
  if (start + length > access.byteLength) throw fail(`the message declares ${length} bytes of metadata, past the end of the file`);
  const message = FlatTable.root(await access.read(start, start + length));
  const bodyLength = message.int64(3, 0);
  const bodyStart = start + length;
  if (bodyLength < 0 || bodyStart + bodyLength > access.byteLength) throw fail(`the message's body of ${bodyLength} bytes runs past the end of the file`);
  return { message, bodyStart, bodyLength };
}

/** The top-level fields of the schema, with the field node and buffer each starts at (children counted depth-first). */
function schemaColumns(schema: FlatTable, name: string, rows: number): ArrowColumn[] {
  const out: ArrowColumn[] = [];
  let node = 0;
  let buffer = 0;
  const walk = (field: FlatTable, top: boolean, fieldName: string) => {
    const typeId = field.uint8(2, 0);
    const type = field.table(3);
    const typeName = TYPE_NAMES[typeId] ?? `type ${typeId}`;
    const dictionary = field.table(4) !== null;
    let numberType: NumberType | null = null;
    let kind: ColumnKind = 'other';
    let shownType = dictionary ? `dictionary-encoded ${typeName}` : typeName;
    if (!dictionary && typeId === 2 && type !== null) {
      const bits = type.int32(0, 0);
      const signed = type.uint8(1, 0) !== 0;
      if ([8, 16, 32, 64].includes(bits)) {
        numberType = `${signed ? 'i' : 'u'}${bits}` as NumberType;
        kind = 'integer';
        shownType = `${signed ? 'Int' : 'UInt'}${bits}`;
      }
    } else if (!dictionary && typeId === 3 && type !== null) {
      const precision = type.int16(0, 0);
      numberType = (['f16', 'f32', 'f64'] as const)[precision] ?? null;
      kind = numberType === null ? 'other' : 'float';
      shownType = ['Float16', 'Float32', 'Float64'][precision] ?? 'FloatingPoint';
    }
    if (top) out.push({ info: { name: fieldName, kind, type: shownType, width: 1, rows }, type: numberType, node, buffer });
    node++;
    buffer += buffersOf(typeId, type, fieldName, name);
    for (const child of field.tables(5)) walk(child, false, fieldName);
  };
  for (const field of schema.tables(1)) walk(field, true, field.string(0) ?? '');
  return out;
}

/** Buffers a field of the type takes in a record batch, without its children's (Arrow's columnar format, "Buffer Layout"). */
function buffersOf(typeId: number, type: FlatTable | null, field: string, name: string): number {
  switch (typeId) {
    case 1: // Null
    case 22: // RunEndEncoded: its children hold the buffers
      return 0;
    case 13: // Struct
    case 16: // FixedSizeList
      return 1;
    case 14: // Union: type ids, and offsets when dense; no validity (V5)
      return type?.int16(0, 0) === 1 ? 2 : 1;
    case 4:
    case 5:
    case 19:
    case 20: // Binary, Utf8 and their Large forms: validity, offsets, data
    case 25:
    case 26: // ListView: validity, offsets, sizes
      return 3;
    case 23:
    case 24:
      throw new XentError(`column '${field}' is a ${TYPE_NAMES[typeId]}, whose buffers this reader cannot count; write the file without view types`, { field: name, index: 'the Arrow schema' });
    default: // fixed-width types, List, LargeList, Map: validity and data (or offsets)
      return 2;
  }
}

async function* readBatches(name: string, access: RandomAccess, batches: readonly BatchPlace[], columns: readonly ArrowColumn[]): AsyncGenerator<ColumnChunk> {
  let rowStart = 0;
  for (let b = 0; b < batches.length; b++) {
    const fail = (problem: string) => new XentError(problem, { field: name, index: `record batch ${b + 1}` });
    const m = await readMessage(name, access, batches[b].offset);
    if (m === null || m.message.uint8(1, 0) !== 3) throw fail('the footer points at a message that is not a record batch');
    const batch = m.message.table(2);
    if (batch === null) throw fail('the record batch message has no header');
    if (batch.table(3) !== null) throw fail(`the record batch is compressed (${batch.table(3)!.uint8(0, 0) === 1 ? 'ZSTD' : 'LZ4_FRAME'}); write it uncompressed`);
    const rows = batch.int64(0, 0);
    if (rows * Math.max(1, columns.length) > MAX_CHUNK_VALUES) throw fail(`the record batch has ${rows} rows: ${rows * columns.length} values of the chosen columns, more than the ${MAX_CHUNK_VALUES} read at once`);
    const nodes = batch.structs(1, 16);
    const buffers = batch.structs(2, 16);
    const data: ArrayLike<number>[] = [];
    for (const c of columns) {
      if (c.type === null) throw fail(`column '${c.info.name}' is ${c.info.type}, not numbers`);
      if (c.node >= nodes.positions.length || c.buffer + 1 >= buffers.positions.length) throw fail('the record batch has fewer columns than the schema');
      const length = int64At(nodes.view, nodes.positions[c.node]);
      const nulls = int64At(nodes.view, nodes.positions[c.node] + 8);
      if (length !== rows) throw fail(`column '${c.info.name}' has ${length} rows, the record batch ${rows}`);
      if (nulls > 0) throw fail(`column '${c.info.name}' has ${nulls} null values`);
      const at = buffers.positions[c.buffer + 1];
      const offset = int64At(buffers.view, at);
      const bytes = int64At(buffers.view, at + 8);
      const need = rows * NUMBER_TYPE_BYTES[c.type];
      if (offset < 0 || bytes < need || offset + need > m.bodyLength) throw fail(`column '${c.info.name}''s buffer (${bytes} bytes at ${offset}) does not hold its ${rows} values within the ${m.bodyLength}-byte body`);
      data.push(decodeNumbers(await access.read(m.bodyStart + offset, m.bodyStart + offset + need), c.type));
    }
    yield { rowStart, rows, columns: data };
    rowStart += rows;
  }
}
