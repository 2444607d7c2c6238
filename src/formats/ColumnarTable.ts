/** The columnar formats: their directory is at a known place in the file, their columns where it says. */
export type ColumnarFormat = 'parquet' | 'arrow' | 'npz' | 'safetensors';

/** What a column holds, as far as scoring cares: floating-point numbers, integers, text, or something else. */
export type ColumnKind = 'float' | 'integer' | 'text' | 'other';

export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  /** The file's own name of the type, for messages: `DOUBLE`, `Utf8`, `F32`, `<f8`. */
  type: string;
  /** Values per row: 1, or K for an (n, K) array. */
  width: number;
  /** Rows of the column (the arrays of a .npz or safetensors file may disagree; a table's columns cannot). */
  rows: number;
}

/** Rows `[rowStart, rowStart + rows)` of the columns asked for, each row-major (rows × width values). */
export interface ColumnChunk {
  rowStart: number;
  rows: number;
  columns: ReadonlyArray<ArrayLike<number | string>>;
}

/**
 * A columnar file opened by its directory: its columns, and their values read a chunk at a
 * time (a Parquet row group, an Arrow record batch, a slice of rows of an array), so memory
 * is one chunk of the columns asked for, whatever the file's size.
 */
export interface ColumnarTable {
  format: ColumnarFormat;
  name: string;
  columns: readonly ColumnInfo[];
  /** The chunks of the named columns, in row order; every chunk has the same rows in each. */
  read(columns: readonly string[]): AsyncGenerator<ColumnChunk>;
}

/** The name of each format in messages. */
export const COLUMNAR_FORMAT_NAMES: Readonly<Record<ColumnarFormat, string>> = {
  parquet: 'Parquet',
  arrow: 'Arrow IPC',
  npz: '.npz',
  safetensors: 'safetensors',
};

/**
 * The most values of the chosen columns decoded at once (a Parquet row group, an Arrow
 * record batch): 2^25, 256 MiB as float64, which no writer's default comes near (DuckDB's
 * row groups are 122,880 rows, pyarrow's 1,048,576; 2^25 is 32 columns of the latter). A
 * larger chunk is refused before it is read.
 */
export const MAX_CHUNK_VALUES = 2 ** 25;
