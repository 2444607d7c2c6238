import { XentError } from '../core/XentError.js';
import { parseNumber } from './parseNumber.js';
import { readUserFile } from './readUserFile.js';
import { stripBom } from './stripBom.js';

/**
 * A vector given on the command line: a comma list (`0.5,0.25,0.25`) or `@file`, where
 * the file holds a JSON array of numbers or one CSV row. Errors name `flag` and the
 * 0-based position of the bad entry.
 */
export function parseNumberList(text: string, flag: string): number[] {
  if (text.startsWith('@')) return parseListFile(text.slice(1), flag);
  return splitCsvRow(text).map((token, i) => parseNumber(token, flag, i));
}

function parseListFile(path: string, flag: string): number[] {
  const content = stripBom(readUserFile(path, flag).toString('utf8')).trim();
  // An object is JSON too: say that it must be an array, not that '{"p":1}' is no number.
  if (content.startsWith('[') || content.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch (e) {
      throw new XentError(`'${path}' is not valid JSON: ${(e as Error).message}`, { field: flag });
    }
    if (!Array.isArray(parsed)) throw new XentError(`'${path}' must hold a JSON array of numbers`, { field: flag });
    return parsed.map((v, i) => {
      if (typeof v === 'number') return v;
      if (typeof v === 'string') return parseNumber(v, flag, i);
      throw new XentError(`${JSON.stringify(v)} is not a number`, { field: flag, index: i });
    });
  }
  const lines = content.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length !== 1) {
    throw new XentError(`'${path}' must hold one CSV row or a JSON array, found ${lines.length} rows`, { field: flag });
  }
  return splitCsvRow(lines[0]).map((token, i) => parseNumber(token, flag, i));
}

/** Splits a row on commas, semicolons or tabs (spreadsheets export all three). */
export function splitCsvRow(row: string): string[] {
  return row.split(/[,;\t]/);
}
