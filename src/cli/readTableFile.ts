import { XentError } from '../core/XentError.js';
import { parseNumberText } from '../formats/parseNumberText.js';
import { parseNumber } from './parseNumber.js';
import { splitCsvRow } from './parseNumberList.js';
import { readUserFile } from './readUserFile.js';
import { stripBom } from './stripBom.js';

/** A matrix read from a file, and where each of its cells stands in that file. */
export interface TableFile {
  readonly rows: number[][];
  /** `row 3, column 2`: the cell's place in the file, counted from 1 (header and labels counted). */
  place(row: number, column: number): string;
}

/**
 * A matrix from a file: a JSON array of rows, or CSV. In CSV a first row with a
 * non-numeric cell is taken as a header, and a first column that is non-numeric in
 * every row as row labels; both are dropped. Empty lines are skipped. Places are
 * counted from 1 as a reader counts them, in the file as it is: a CSV row is its line,
 * header and empty lines counted, and `b` in a file holding `a,b` is column 2. A row
 * whose length differs from the first row's is refused at its place.
 */
export function readTableFile(path: string, flag: string): TableFile {
  const content = stripBom(readUserFile(path, flag).toString('utf8')).trim();
  const table = content.startsWith('[') || content.startsWith('{') ? parseJsonTable(content, path, flag) : parseCsvTable(content, path, flag);
  const width = table.rows[0]?.length;
  table.rows.forEach((row, r) => {
    if (row.length !== width) throw new XentError(`row has ${row.length} columns but the first row has ${width}`, { field: flag, index: table.place(r, 0).replace(/, column \d+$/, '') });
  });
  return table;
}

function parseCsvTable(content: string, path: string, flag: string): TableFile {
  let rows = content
    .split(/\r?\n/)
    .map((line, row) => ({ row, cells: splitCsvRow(line) }))
    .filter((r) => r.cells.join('').trim() !== '');
  if (rows.length === 0) throw new XentError(`'${path}' is empty`, { field: flag });
  const isNumeric = (cell: string) => parseNumberText(cell) !== undefined;
  if (!rows[0].cells.every(isNumeric) && rows.length > 1) rows = rows.slice(1);
  const labels = rows.every((r) => !isNumeric(r.cells[0])) ? 1 : 0;
  const place = (r: number, c: number) => `row ${rows[r].row + 1}, column ${c + labels + 1}`;
  return { rows: rows.map((r, i) => r.cells.slice(labels).map((cell, j) => parseNumber(cell, flag, place(i, j)))), place };
}

function parseJsonTable(content: string, path: string, flag: string): TableFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (e) {
    throw new XentError(`'${path}' is not valid JSON: ${(e as Error).message}`, { field: flag });
  }
  if (!Array.isArray(parsed) || !parsed.every(Array.isArray)) {
    throw new XentError(`'${path}' must hold a JSON array of rows (arrays of numbers)`, { field: flag });
  }
  const place = (r: number, c: number) => `row ${r + 1}, column ${c + 1}`;
  const rows = (parsed as unknown[][]).map((row, i) =>
    row.map((v, j) => {
      if (typeof v === 'number') return v;
      if (typeof v === 'string') return parseNumber(v, flag, place(i, j));
      throw new XentError(`${JSON.stringify(v)} is not a number`, { field: flag, index: place(i, j) });
    }),
  );
  return { rows, place };
}
