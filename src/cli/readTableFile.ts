import { XentError } from '../core/XentError.js';
import { parseNumberText } from '../formats/parseNumberText.js';
import { parseNumber } from './parseNumber.js';
import { splitCsvRow } from './parseNumberList.js';
import { readUserFile } from './readUserFile.js';
import { stripBom } from './stripBom.js';

/**
 * A matrix from a file: a JSON array of rows, or CSV. In CSV a first row with a
 * non-numeric cell is taken as a header, and a first column that is non-numeric in
 * every row as row labels; both are dropped. Empty lines are skipped. A bad cell is
 * named by its place in the file (0-based row and column, header and labels counted),
 * so `b` in a file holding `a,b` is column 1, where the user sees it.
 */
export function readTableFile(path: string, flag: string): number[][] {
  const content = stripBom(readUserFile(path, flag).toString('utf8')).trim();
  if (content.startsWith('[') || content.startsWith('{')) return parseJsonTable(content, path, flag);
  let rows = content
    .split(/\r?\n/)
    .map((line, row) => ({ row, cells: splitCsvRow(line) }))
    .filter((r) => r.cells.join('').trim() !== '');
  if (rows.length === 0) throw new XentError(`'${path}' is empty`, { field: flag });
  const isNumeric = (cell: string) => parseNumberText(cell) !== undefined;
  if (!rows[0].cells.every(isNumeric) && rows.length > 1) rows = rows.slice(1);
  const labels = rows.every((r) => !isNumeric(r.cells[0])) ? 1 : 0;
  return rows.map((r) => r.cells.slice(labels).map((cell, j) => parseNumber(cell, flag, `row ${r.row}, column ${j + labels}`)));
}

function parseJsonTable(content: string, path: string, flag: string): number[][] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (e) {
    throw new XentError(`'${path}' is not valid JSON: ${(e as Error).message}`, { field: flag });
  }
  if (!Array.isArray(parsed) || !parsed.every(Array.isArray)) {
    throw new XentError(`'${path}' must hold a JSON array of rows (arrays of numbers)`, { field: flag });
  }
  return (parsed as unknown[][]).map((row, i) =>
    row.map((v, j) => {
      if (typeof v === 'number') return v;
      if (typeof v === 'string') return parseNumber(v, flag, `row ${i}, column ${j}`);
      throw new XentError(`${JSON.stringify(v)} is not a number`, { field: flag, index: `row ${i}, column ${j}` });
    }),
  );
}
