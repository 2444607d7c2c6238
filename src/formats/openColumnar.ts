import { XentError } from '../core/XentError.js';
import type { ByteSource } from './ByteSource.js';
import { COLUMNAR_FORMAT_NAMES, type ColumnarFormat, type ColumnarTable, type ColumnInfo } from './ColumnarTable.js';
import { columnarFormatFromName } from './columnarFormatFromName.js';
import { readArrowIpc } from './readArrowIpc.js';
import { readNpz } from './readNpz.js';
import { readParquet, type ParquetEngine } from './readParquet.js';
import { readSafetensors, SAFETENSORS_MAX_HEADER_BYTES } from './readSafetensors.js';

/**
 * The columnar format of a file's first bytes: `PAR1` (Parquet), `PK\x03\x04` (a ZIP: .npz),
 * `ARROW1` (an Arrow IPC file) or a 0xFFFFFFFF continuation marker (an Arrow IPC stream),
 * and safetensors' 8-byte header length followed by `{`.
 */
export function columnarFormatFromBytes(head: Uint8Array): ColumnarFormat | undefined {
  const ascii = String.fromCharCode(...head.subarray(0, 6));
  if (ascii.startsWith('PAR1')) return 'parquet';
  if (ascii.startsWith('PK\x03\x04')) return 'npz';
  if (ascii === 'ARROW1') return 'arrow';
  if (head.length >= 8 && head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff) return 'arrow';
  if (head.length >= 9 && head[8] === 0x7b) {
    const length = head[0] + head[1] * 2 ** 8 + head[2] * 2 ** 16 + head[3] * 2 ** 24 + (head[4] + head[5] * 2 ** 8 + head[6] * 2 ** 16 + head[7] * 2 ** 24) * 2 ** 32;
    if (length >= 2 && length <= SAFETENSORS_MAX_HEADER_BYTES) return 'safetensors';
  }
  return undefined;
}

/** The columnar format of a source, by name, else by the first bytes of a source with random access; undefined for the other formats. */
export async function detectColumnar(source: ByteSource): Promise<ColumnarFormat | undefined> {
  const byName = columnarFormatFromName(source.name);
  if (byName !== undefined || source.randomAccess === undefined) return byName;
  const access = source.randomAccess;
  return columnarFormatFromBytes(await access.read(0, Math.min(16, access.byteLength)));
}

export interface ColumnarReaders {
  /** Loads the Parquet decoder (the CLI and the lab pass `hyparquet`'s, by dynamic import); without it a Parquet file is refused. */
  parquet?: () => Promise<ParquetEngine>;
}

/** Opens a columnar source by its directory. It needs random access: a pipe holding a columnar file is refused with one line. */
export async function openColumnar(source: ByteSource, format: ColumnarFormat, readers: ColumnarReaders = {}): Promise<ColumnarTable> {
  const access = source.randomAccess;
  if (access === undefined) throw pipeRefusal(source.name, format);
  switch (format) {
    case 'parquet': {
      if (readers.parquet === undefined) throw new XentError('reading Parquet needs a decoder: pass `parquet: loadParquetEngine` (hyparquet)', { field: source.name });
      return readParquet(source.name, access, await readers.parquet());
    }
    case 'arrow':
      return readArrowIpc(source.name, access);
    case 'npz':
      return readNpz(source.name, access);
    case 'safetensors':
      return readSafetensors(source.name, access);
  }
}

/** The one line for a columnar file that arrives through a pipe or device. */
export function pipeRefusal(name: string, format: ColumnarFormat): XentError {
  return new XentError(`${format === 'arrow' ? 'an' : 'a'} ${COLUMNAR_FORMAT_NAMES[format]} file must be a regular file, not a pipe or device: its directory is read first; save it to a file`, { field: name });
}

/** Which columns hold the predictions and which the labels. */
export interface ColumnChoice {
  /** The prediction columns (arrays), in order; by default every floating-point column but the labels'. */
  predColumns?: readonly string[];
  /** The label column (array); by default `label`, else `labels`. */
  labelColumn?: string;
}

/** The names labels go by when no column is named. */
const LABEL_NAMES = ['label', 'labels'];

function listColumns(table: ColumnarTable): string {
  const names = table.columns.map((c) => c.name);
  return names.length === 0 ? 'it has none' : `its columns are ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}`;
}

function find(table: ColumnarTable, name: string, field: string): ColumnInfo {
  const c = table.columns.find((x) => x.name === name);
  if (c === undefined) throw new XentError(`no column '${name}' in ${table.name} (${listColumns(table)})`, { field });
  return c;
}

/** The label column of a table: the one named, else `label` or `labels`; one value a row, of integers, text or whole floats. */
export function chooseLabelColumn(table: ColumnarTable, choice: ColumnChoice): ColumnInfo {
  let column: ColumnInfo;
  if (choice.labelColumn !== undefined) column = find(table, choice.labelColumn, 'labelColumn');
  else {
    const found = table.columns.find((c) => LABEL_NAMES.includes(c.name));
    if (found === undefined) throw new XentError(`no column 'label' in ${table.name} (${listColumns(table)}); name it with the label column option, or give a labels file`, { field: 'labelColumn' });
    column = found;
  }
  if (column.kind === 'other') throw new XentError(`the label column '${column.name}' of ${table.name} is ${column.type}, not class indices or names`, { field: 'labelColumn' });
  if (column.width !== 1) throw new XentError(`the label array '${column.name}' of ${table.name} has ${column.width} values a row; labels are one class a row`, { field: 'labelColumn' });
  return column;
}

/** The prediction columns: those named, else every floating-point column but `except` (the labels' own). Their lengths must agree. */
export function choosePredictionColumns(table: ColumnarTable, choice: ColumnChoice, except?: ColumnInfo): ColumnInfo[] {
  const columns =
    choice.predColumns !== undefined ? choice.predColumns.map((name) => find(table, name, 'predColumns')) : table.columns.filter((c) => c.kind === 'float' && c !== except);
  if (columns.length === 0) throw new XentError(`no floating-point column in ${table.name} (${listColumns(table)}); name the prediction columns`, { field: 'predColumns' });
  for (const c of columns) {
    if (c.kind !== 'float' && c.kind !== 'integer') throw new XentError(`column '${c.name}' of ${table.name} is ${c.type}, not numbers`, { field: 'predColumns' });
  }
  checkSameRows(table, except === undefined ? columns : [...columns, except]);
  return columns;
}

/** The arrays of a .npz or safetensors file may differ in length; the columns read side by side may not. */
export function checkSameRows(table: ColumnarTable, columns: readonly ColumnInfo[]): void {
  const first = columns[0];
  const other = columns.find((c) => c.rows !== first.rows);
  if (other !== undefined) throw new XentError(`the columns '${first.name}' (${first.rows} rows) and '${other.name}' (${other.rows} rows) of ${table.name} differ in length`, { field: table.name });
}
