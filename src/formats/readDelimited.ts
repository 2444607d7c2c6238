import { XentError } from '../core/XentError.js';
import type { TableBatch, TableStream } from './TableBatch.js';
import { BatchBuffer } from './BatchBuffer.js';
import { binaryKindOf } from './binaryKindOf.js';
import type { ByteSource } from './ByteSource.js';
import { NumberScanner } from './NumberScanner.js';
import { parseNumberText } from './parseNumberText.js';
import { tableStream } from './tableStream.js';
import type { CellMode } from './CellMode.js';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;
const TAB = 9;

/**
 * The longest a line may grow while it is unfinished at the end of a chunk, in bytes: room
 * for some 800,000 probabilities of 20 characters. A longer line is not a row of a table (a
 * file that lost its line breaks, or is no CSV at all), and holding it would grow memory
 * without bound.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * CSV or TSV as a stream of row batches, read from bytes: numbers are parsed where they lie
 * (NumberScanner), never split into strings first, and only the current chunk and its
 * unfinished last line (at most MAX_LINE_BYTES) are in memory; a line that spans chunks is
 * copied once, when its end arrives.
 *
 * The first non-blank line is a header when any of its fields is not a number (for
 * labels: not a number and not a class name); a header of the predictions names the classes.
 * Blank lines are skipped (and counted, so line numbers match an editor's). Fields may be
 * double-quoted (without line breaks inside). Every row must have the first row's number of
 * fields. Errors name the file, the line and the column.
 *
 * @param delimiter `,` or tab; by default a tab when the first line has one, else a comma
 */
export function readDelimited(source: ByteSource, mode: CellMode, delimiter?: ',' | '\t'): TableStream {
  return tableStream(source.name, batches(source, mode, delimiter === undefined ? -1 : delimiter.charCodeAt(0)), (line) => `line ${line}`);
}

async function* batches(source: ByteSource, mode: CellMode, delimiterHint: number): AsyncGenerator<TableBatch> {
  const name = source.name;
  const buf = new BatchBuffer();
  const state: ParseState = {
    name,
    mode,
    line: 0,
    width: -1,
    delimiter: delimiterHint,
    decided: false,
    header: undefined,
    headerSent: false,
    col: 0,
    scanner: new NumberScanner(),
    where: () => ({ field: name, index: `line ${state.line}, column ${state.col}` }),
  };
  // The unfinished last line, as the chunks it came in (copied: a source may reuse a chunk's memory).
  const pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let first = true;
  for await (const chunk of source.chunks()) {
    let data: Uint8Array = chunk;
    if (first && chunk.length > 0) {
      first = false;
      // A UTF-8 byte-order mark is not part of the first field.
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) data = chunk.subarray(3);
      const binary = binaryKindOf(data);
      if (binary !== undefined) throw new XentError(`the file is ${binary}`, { field: name, index: 'line 1' });
    }
    const last = data.lastIndexOf(LF);
    buf.reset();
    if (last >= 0) {
      let start = 0;
      if (pendingBytes > 0) {
        // The pending line ends at this chunk's first line feed: parsed on its own.
        start = data.indexOf(LF) + 1;
        pending.push(data.subarray(0, start));
        const line = concat(pending, pendingBytes + start);
        pending.length = 0;
        pendingBytes = 0;
        parseBlock(line, 0, line.length, state, buf);
      }
      parseBlock(data, start, last + 1, state, buf);
    }
    const tail = data.subarray(last + 1);
    if (tail.length > 0) {
      pending.push(tail.slice());
      pendingBytes += tail.length;
      if (pendingBytes > MAX_LINE_BYTES) {
        throw new XentError(`the line is longer than ${MAX_LINE_BYTES} bytes (16 MiB): not a row of a table`, { field: name, index: `line ${state.line + 1}` });
      }
    }
    const b = last >= 0 ? emit(state, buf) : null;
    if (b !== null) yield b;
  }
  if (pendingBytes > 0) {
    pending.push(Uint8Array.of(LF));
    const data = concat(pending, pendingBytes + 1);
    buf.reset();
    parseBlock(data, 0, data.length, state, buf);
    const b = emit(state, buf);
    if (b !== null) yield b;
  }
}

/** The parts, one after another, in one array of `length` bytes. */
function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

interface ParseState {
  name: string;
  mode: CellMode;
  line: number;
  width: number;
  delimiter: number;
  decided: boolean;
  header: string[] | undefined;
  headerSent: boolean;
  /** Column of the cell being resolved, and one closure that locates it (none per cell). */
  col: number;
  scanner: NumberScanner;
  where: () => { field: string; index: string };
}

function emit(state: ParseState, buf: BatchBuffer): TableBatch | null {
  if (buf.rows === 0 && (state.header === undefined || state.headerSent)) return null;
  const header = state.header !== undefined && !state.headerSent ? state.header : undefined;
  if (header !== undefined) state.headerSent = true;
  return buf.batch(state.width, header);
}

const utf8 = new TextDecoder('utf-8');

/** Parses the complete lines in bytes[start, end); bytes[end − 1] is a line feed. */
function parseBlock(bytes: Uint8Array, start: number, end: number, s: ParseState, buf: BatchBuffer): void {
  let pos = start;
  const numbers = s.mode.kind === 'numbers';
  const scanner = s.scanner;
  // The hot state lives in locals; s.line is written back before anything that reads it.
  let line = s.line;
  let values = buf.values;
  let size = buf.size;
  while (pos < end) {
    line++;
    let c = bytes[pos];
    if (c === LF) {
      pos++;
      continue;
    }
    if (c === CR && bytes[pos + 1] === LF) {
      pos += 2;
      continue;
    }
    s.line = line;
    if (!s.decided) {
      const lineEnd = bytes.indexOf(LF, pos);
      if (firstLineIsHeader(bytes, pos, lineEnd, s)) {
        pos = lineEnd + 1;
        continue;
      }
    }
    const delimiter = s.delimiter;
    // Room for a row as wide as the first (a wider one grows the buffer cell by cell).
    if (size + Math.max(s.width, 1) > values.length) {
      buf.size = size;
      buf.reserve(Math.max(s.width, 1));
      values = buf.values;
    }
    let col = 0;
    for (;;) {
      let e = pos;
      c = bytes[e];
      col++;
      let v: number;
      if (c === QUOTE) {
        const close = bytes.indexOf(QUOTE, pos + 1);
        if (close < 0 || close >= end - 1 || bytes.subarray(pos + 1, close).includes(LF)) throw cellError(s, col, 'a quoted field is not closed on its line');
        const text = utf8.decode(bytes.subarray(pos + 1, close));
        e = close + 1;
        c = bytes[e];
        if (c !== delimiter && c !== LF && c !== CR) throw cellError(s, col, 'text after a closing quote');
        v = cellValue(text, s, col);
      } else {
        // One scan: the number ends where the field should (a delimiter or the line's end).
        v = scanner.scanPlainDecimal(bytes, pos);
        e = scanner.end;
        if (e < 0) {
          v = scanner.scan(bytes, pos, end);
          e = scanner.end;
        }
        c = bytes[e];
        if (e < 0 || (c !== delimiter && c !== LF && c !== CR)) {
          e = pos;
          c = bytes[e];
          while (c !== delimiter && c !== LF && c !== CR) c = bytes[++e];
          v = cellValue(utf8.decode(bytes.subarray(pos, e)), s, col);
        } else if (!numbers) v = labelValue(v, s, col);
      }
      if (size === values.length) {
        buf.size = size;
        buf.reserve(1);
        values = buf.values;
      }
      values[size++] = v;
      pos = e + 1;
      if (c === delimiter) continue;
      if (c === CR && bytes[pos] === LF) pos++;
      break;
    }
    if (s.width < 0) s.width = col;
    else if (col !== s.width) {
      buf.size = size - col;
      throw new XentError(`the row has ${col} fields, expected ${s.width} as in the first row`, { field: s.name, index: `line ${line}` });
    }
    buf.size = size;
    buf.endRow(line);
  }
  s.line = line;
  buf.size = size;
}

/** A cell whose bytes were not a plain number: a quoted number, a class name, or an error. */
function cellValue(text: string, s: ParseState, col: number): number {
  const v = parseNumberText(text);
  if (v !== undefined && v !== v) throw cellError(s, col, s.mode.kind === 'labels' ? 'the label is NaN' : 'the value is NaN');
  if (s.mode.kind === 'labels') {
    if (v !== undefined) return labelValue(v, s, col);
    if (text.trim() === '') throw cellError(s, col, 'the label is empty');
    s.col = col;
    return s.mode.resolve(text.trim(), s.where);
  }
  if (v !== undefined) return v;
  const trimmed = text.trim();
  if (trimmed === '') throw cellError(s, col, 'the field is empty');
  throw cellError(s, col, `'${trimmed.length > 40 ? trimmed.slice(0, 40) + '…' : trimmed}' is not a number`);
}

function labelValue(v: number, s: ParseState, col: number): number {
  if (s.mode.kind !== 'labels') return v;
  s.col = col;
  return s.mode.resolve(v, s.where);
}

function cellError(s: ParseState, col: number, problem: string): XentError {
  return new XentError(problem, { field: s.name, index: `line ${s.line}, column ${col}` });
}

/** Decides on the first non-blank line whether it is a header; sniffs the delimiter. */
function firstLineIsHeader(bytes: Uint8Array, start: number, lineEnd: number, s: ParseState): boolean {
  s.decided = true;
  let text = utf8.decode(bytes.subarray(start, lineEnd));
  if (text.endsWith('\r')) text = text.slice(0, -1);
  // Python's csv module and pandas end lines at a lone \r too; a table whose lines all end
  // so (classic Mac OS) would otherwise be one long line, read as a header over no rows.
  const lone = text.indexOf('\r');
  if (lone >= 0 && text.slice(lone + 1).trim() !== '') {
    throw new XentError("lines end in a lone carriage return (\\r, classic Mac OS); convert them to \\n, with tr '\\r' '\\n'", { field: s.name, index: `line ${s.line}` });
  }
  if (s.delimiter < 0) s.delimiter = text.includes('\t') ? TAB : COMMA;
  const fields = splitFields(text, String.fromCharCode(s.delimiter));
  let header: boolean;
  if (s.mode.kind === 'numbers') {
    header = fields.some((f) => parseNumberText(f) === undefined) || isPandasColumnNumbers(fields);
  } else {
    const token = fields[0].trim();
    if (parseNumberText(token) !== undefined) header = false;
    else {
      try {
        s.mode.resolve(token, () => ({ field: s.name, index: `line ${s.line}, column 1` }));
        header = false;
      } catch (e) {
        if (!(e instanceof XentError)) throw e;
        header = true;
      }
    }
  }
  if (header) {
    s.header = fields.map((f) => f.trim());
    s.width = fields.length;
  }
  return header;
}

/**
 * `0,1,…,K−1` for K ≥ 3 columns: the names pandas gives an unnamed DataFrame's columns, which
 * `DataFrame.to_csv(index=False)` writes as the first line. Read as data it would shift every
 * row against its label; it cannot be a row of probabilities (its sum is K(K−1)/2 ≥ 3), so it
 * is taken as the header. For two columns `0,1` is a valid row (a model sure of class 1) and
 * stays data.
 */
function isPandasColumnNumbers(fields: readonly string[]): boolean {
  return fields.length >= 3 && fields.every((f, i) => f.trim() === String(i));
}

/** Fields of one line, with double quotes removed ("" inside quotes is one quote). */
function splitFields(text: string, delimiter: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          value += text.slice(j);
          j = text.length;
          break;
        }
        value += text.slice(j, q);
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      fields.push(value);
      const next = text.indexOf(delimiter, j);
      if (next < 0) return fields;
      i = next + 1;
    } else {
      const next = text.indexOf(delimiter, i);
      if (next < 0) {
        fields.push(text.slice(i));
        return fields;
      }
      fields.push(text.slice(i, next));
      i = next + 1;
    }
  }
}
