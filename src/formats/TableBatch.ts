/**
 * A batch of rows from a table of numbers, as the readers of src/formats produce them: `rows`
 * rows of `width` values each, row-major, with the line (1-based; the row for binary
 * formats) each row came from, for error messages.
 */
export interface TableBatch {
  rows: number;
  width: number;
  values: Float64Array;
  lines: Float64Array;
  /** Column names, on the first batch of a table whose first line was a header. */
  header?: readonly string[];
}

/** Where a value came from: the file's name and a position such as `line 3, column 2`. */
export interface CellWhere {
  field: string;
  index: string;
}

/**
 * Turns a label token into a class index, or throws an XentError at `where`. Numbers are
 * tokens that parsed as numbers; anything else comes as its text.
 */
export type LabelResolver = (token: number | string, where: () => CellWhere) => number;

/** A table as a pull stream of batches; a finished stream returns null. */
export interface TableStream {
  /** The file's name, for messages about the table as a whole. */
  name: string;
  next(): Promise<TableBatch | null>;
  /** Names the position of a row: `line 7` for text, `row 7` for binary tables. */
  where(line: number): string;
}
