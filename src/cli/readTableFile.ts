import { XentError } from '../core/XentError.js';
import { parseNumber } from './parseNumber.js';
import { splitCsvRow } from './parseNumberList.js';
import { readUserFile } from './readUserFile.js';

/**
 * A matrix from a file: a JSON array of rows, or CSV. In CSV a first row with a
 * non-numeric cell is taken as a header, and a first column that is non-numeric in
 * every row as row labels; both are dropped. Empty lines are skipped.
 */
export function readTableFile(path: string, flag: string): number[][] {
  const content = readUserFile(path, flag).toString('utf8').trim();
  if (content.startsWith('[') || content.startsWith('{')) return parseJsonTable(content, path, flag);
  let rows = content
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map(splitCsvRow);
  if (rows.length === 0) throw new XentError(`'${path}' is empty`, { field: flag });
  const isNumeric = (cell: string) => {
    try {
      parseNumber(cell, flag);
      return true;
    } catch {
      return false;
    }
  };
  if (!rows[0].every(isNumeric) && rows.length > 1) rows = rows.slice(1);
  if (rows.every((r) => !isNumeric(r[0]))) rows = rows.map((r) => r.slice(1));
  return rows.map((r, i) => r.map((cell, j) => parseNumber(cell, flag, `row ${i}, column ${j}`)));
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
