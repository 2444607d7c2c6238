import { XentError } from '../core/XentError.js';
import type { RandomAccess } from './ByteSource.js';
import { MAX_CHUNK_VALUES, type ColumnarTable, type ColumnChunk, type ColumnInfo, type ColumnKind } from './ColumnarTable.js';
import { readParquetColumnChunk, UnsupportedParquetPage, type ParquetPageCodec } from './readParquetColumnChunk.js';

/** The parts of a Parquet schema element this reader looks at (Thrift's SchemaElement, as hyparquet decodes it). */
export interface ParquetSchemaElement {
  name: string;
  type?: string;
  repetition_type?: string;
  num_children?: number;
  converted_type?: string;
  logical_type?: { type: string; bitWidth?: number; isSigned?: boolean };
}

/** Where a column chunk's pages are in the file, and how they are stored (Thrift's ColumnMetaData). */
export interface ParquetColumnMetadata {
  path_in_schema: readonly string[];
  type: string;
  codec: string;
  data_page_offset: bigint | number;
  dictionary_page_offset?: bigint | number;
  total_compressed_size: bigint | number;
}

export interface ParquetMetadata {
  schema: readonly ParquetSchemaElement[];
  row_groups: ReadonlyArray<{ num_rows: bigint | number; columns?: ReadonlyArray<{ meta_data?: ParquetColumnMetadata }> }>;
}

/** A file as the engine reads it: its length and slices of it. */
export interface ParquetFile {
  byteLength: number;
  slice(start: number, end?: number): Promise<ArrayBuffer>;
}

/**
 * The Parquet decoder the edge hands in: `hyparquet`'s two functions and the codecs of
 * `hyparquet-compressors` fit it as they are. The library itself has no dependency: the
 * CLI and the lab load these packages by dynamic import only when a Parquet file is read.
 */
export interface ParquetEngine {
  parquetMetadataAsync(file: ParquetFile): Promise<ParquetMetadata>;
  parquetRead(options: {
    file: ParquetFile;
    metadata: ParquetMetadata;
    columns: string[];
    rowStart: number;
    rowEnd: number;
    compressors?: ParquetEngine['compressors'];
    onChunk(chunk: { columnName: string; columnData: ArrayLike<unknown>; rowStart: number; rowEnd: number }): void;
  }): Promise<void>;
  compressors?: Record<string, (input: Uint8Array, outputLength: number) => Uint8Array>;
  /** Page decoders: with them, flat numeric columns are decoded a column chunk at a time, straight into float64. */
  pages?: ParquetPageCodec;
}

/** The longest footer (Thrift FileMetaData) read: 64 MiB, thousands of row groups of hundreds of columns. */
export const PARQUET_MAX_FOOTER_BYTES = 64 * 2 ** 20;

/**
 * A Parquet file as a columnar table, read one row group at a time (the footer first, then
 * only the chosen columns' chunks of each group): FLOAT and DOUBLE, FLOAT16 and DECIMAL
 * (as numbers) are floating-point columns; INT32/INT64 without a date or time meaning are
 * integers; strings are text (class names, for labels). Nested columns, dates, times and
 * booleans are listed, and refused if chosen.
 */
export async function readParquet(name: string, access: RandomAccess, engine: ParquetEngine): Promise<ColumnarTable> {
  const fail = (problem: string, index = 'the Parquet footer') => new XentError(problem, { field: name, index });
  const n = access.byteLength;
  if (n < 12) throw fail(`the file has ${n} bytes, too few for Parquet's magic and footer`);
  const tail = await access.read(n - 8, n);
  if (String.fromCharCode(...tail.subarray(4)) !== 'PAR1') throw fail('the file does not end with PAR1: it is truncated, or not a Parquet file');
  const footerLength = new DataView(tail.buffer, tail.byteOffset, 8).getUint32(0, true);
  if (footerLength > PARQUET_MAX_FOOTER_BYTES) throw fail(`the footer declares ${footerLength} bytes, more than the ${PARQUET_MAX_FOOTER_BYTES} read`);
  if (footerLength + 12 > n) throw fail(`the footer declares ${footerLength} bytes, more than the ${n}-byte file holds`);
  const file: ParquetFile = {
    byteLength: n,
    slice: async (start, end = n) => {
      const bytes = await access.read(start, end);
      return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (new Uint8Array(bytes).buffer as ArrayBuffer);
    },
  };
  let metadata: ParquetMetadata;
  try {
    metadata = await engine.parquetMetadataAsync(file);
  } catch (e) {
    throw fail(`the footer cannot be read: ${(e as Error).message}`);
  }
  const groups = metadata.row_groups.map((g) => Number(g.num_rows));
  const rows = groups.reduce((a, b) => a + b, 0);
  const { columns, elements } = topLevelColumns(metadata.schema, rows);
  return {
    format: 'parquet',
    name,
    columns,
    read: (chosen) => readGroups(name, file, engine, metadata, groups, chosen, columns, elements),
  };
}

/** The root's children, each a column; a group (nested column) is of kind 'other'. */
function topLevelColumns(schema: readonly ParquetSchemaElement[], rows: number): { columns: ColumnInfo[]; elements: ParquetSchemaElement[] } {
  const out: ColumnInfo[] = [];
  const elements: ParquetSchemaElement[] = [];
  let i = 1;
  const skip = (at: number): number => {
    let next = at + 1;
    for (let c = 0; c < (schema[at].num_children ?? 0); c++) next = skip(next);
    return next;
  };
  for (let c = 0; c < (schema[0]?.num_children ?? 0) && i < schema.length; c++) {
    const e = schema[i];
    const nested = (e.num_children ?? 0) > 0;
    const { kind, type } = nested ? { kind: 'other' as const, type: 'a nested group' } : columnKind(e);
    out.push({ name: e.name, kind, type, width: 1, rows });
    elements.push(e);
    i = skip(i);
  }
  return { columns: out, elements };
}

function columnKind(e: ParquetSchemaElement): { kind: ColumnKind; type: string } {
  const logical = e.logical_type?.type;
  const meaning = logical ?? e.converted_type;
  const type = meaning === undefined ? (e.type ?? 'untyped') : `${e.type ?? ''} (${meaning})`;
  if (logical === 'FLOAT16' || meaning === 'DECIMAL') return { kind: 'float', type };
  if ((e.type === 'FLOAT' || e.type === 'DOUBLE') && meaning === undefined) return { kind: 'float', type };
  if ((e.type === 'INT32' || e.type === 'INT64') && (meaning === undefined || logical === 'INTEGER' || /^U?INT_\d+$/.test(meaning))) return { kind: 'integer', type };
  if (e.type === 'BYTE_ARRAY' && (meaning === 'STRING' || meaning === 'UTF8' || meaning === 'ENUM')) return { kind: 'text', type };
  return { kind: 'other', type };
}

async function* readGroups(
  name: string,
  file: ParquetFile,
  engine: ParquetEngine,
  metadata: ParquetMetadata,
  groups: readonly number[],
  chosen: readonly string[],
  columns: readonly ColumnInfo[],
  elements: readonly ParquetSchemaElement[],
): AsyncGenerator<ColumnChunk> {
  const at = chosen.map((c) => columns.findIndex((x) => x.name === c));
  const kinds = at.map((i) => columns[i].kind);
  const direct = at.map((i) => engine.pages !== undefined && decodesDirectly(elements[i], columns[i].kind));
  let groupStart = 0;
  for (let g = 0; g < groups.length; g++) {
    const rows = groups[g];
    const fail = (problem: string) => new XentError(problem, { field: name, index: `row group ${g + 1}` });
    if (rows * chosen.length > MAX_CHUNK_VALUES) throw fail(`the row group has ${rows} rows: ${rows * chosen.length} values of the chosen columns, more than the ${MAX_CHUNK_VALUES} read at once`);
    const data: (Float64Array | unknown[])[] = kinds.map((k) => (k === 'text' ? new Array<unknown>(rows) : new Float64Array(rows)));
    const general: number[] = [];
    for (let c = 0; c < chosen.length; c++) {
      const meta = direct[c] ? metadata.row_groups[g].columns?.find((x) => x.meta_data?.path_in_schema.length === 1 && x.meta_data.path_in_schema[0] === chosen[c])?.meta_data : undefined;
      if (meta === undefined || !(await readDirect(file, engine, meta, elements[at[c]], rows, data[c] as Float64Array, chosen[c], groupStart, fail))) general.push(c);
    }
    if (general.length > 0) await readGeneral(file, engine, metadata, chosen, general, data, groupStart, rows, fail);
    yield { rowStart: groupStart, rows, columns: data as ArrayLike<number | string>[] };
    groupStart += rows;
  }
}

/**
 * A flat FLOAT, DOUBLE, INT32 or INT64 column whose values are the numbers stored: no
 * logical meaning, or a signed integer, or an unsigned one narrower than its storage.
 */
function decodesDirectly(e: ParquetSchemaElement, kind: ColumnKind): boolean {
  if ((kind !== 'float' && kind !== 'integer') || e.repetition_type === 'REPEATED') return false;
  if (e.logical_type !== undefined) return e.logical_type.type === 'INTEGER' && (e.logical_type.isSigned !== false || (e.logical_type.bitWidth ?? 64) < (e.type === 'INT32' ? 32 : 64));
  return e.converted_type === undefined || /^(INT_(8|16|32|64)|UINT_(8|16))$/.test(e.converted_type);
}

/** One column chunk read on its own and decoded into `out`; false when its pages need the general reader. */
async function readDirect(
  file: ParquetFile,
  engine: ParquetEngine,
  meta: ParquetColumnMetadata,
  element: ParquetSchemaElement,
  rows: number,
  out: Float64Array,
  column: string,
  groupStart: number,
  fail: (problem: string) => XentError,
): Promise<boolean> {
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
  const end = start + Number(meta.total_compressed_size);
  if (!(start >= 4 && end <= file.byteLength - 8 && start < end)) throw fail(`column '${column}' says its pages are at bytes ${start} to ${end}, outside the file's ${file.byteLength}`);
  const bytes = new Uint8Array(await file.slice(start, end));
  const chunk = { type: meta.type, codec: meta.codec, maxDefinitionLevel: element.repetition_type === 'REQUIRED' ? (0 as const) : (1 as const), rows };
  try {
    readParquetColumnChunk(bytes, chunk, engine.pages!, engine.compressors, out, (row) => fail(`column '${column}' has a null value at row ${groupStart + row + 1}`));
  } catch (e) {
    if (e instanceof UnsupportedParquetPage) return false;
    if (e instanceof XentError) throw e;
    throw fail(`column '${column}' cannot be read: ${(e as Error).message}`);
  }
  return true;
}

/** The columns `which` of one row group through the engine's parquetRead. */
async function readGeneral(
  file: ParquetFile,
  engine: ParquetEngine,
  metadata: ParquetMetadata,
  chosen: readonly string[],
  which: readonly number[],
  data: (Float64Array | unknown[])[],
  groupStart: number,
  rows: number,
  fail: (problem: string) => XentError,
): Promise<void> {
  const names = which.map((c) => chosen[c]);
  const filled = names.map(() => 0);
  // hyparquet calls onChunk from a promise it does not return: an error thrown there would be
  // an unhandled rejection, so the first is kept and thrown once the read is over.
  let refused: XentError | undefined;
  try {
    await engine.parquetRead({
      file,
      metadata,
      columns: names,
      rowStart: groupStart,
      rowEnd: groupStart + rows,
      compressors: engine.compressors,
      onChunk: ({ columnName, columnData, rowStart }) => {
        if (refused !== undefined) return;
        const j = names.indexOf(columnName);
        const out = data[which[j]];
        const at = rowStart - groupStart;
        for (let i = 0; i < columnData.length && at + i < rows; i++) {
          const v = columnData[i];
          out[at + i] = typeof v === 'bigint' ? Number(v) : typeof v === 'number' || typeof v === 'string' ? v : NaN;
          if (out instanceof Float64Array && typeof v !== 'number' && typeof v !== 'bigint') {
            refused = fail(`column '${columnName}' has a ${v === null || v === undefined ? 'null' : typeof v} value at row ${groupStart + at + i + 1}`);
            return;
          }
        }
        filled[j] += columnData.length;
      },
    });
  } catch (e) {
    if (e instanceof XentError) throw e;
    throw fail(`cannot be read: ${(e as Error).message}`);
  }
  if (refused !== undefined) throw refused;
  const short = filled.findIndex((f) => f < rows);
  if (short >= 0) throw fail(`column '${names[short]}' has ${filled[short]} values, the row group ${rows} rows`);
}
