import { XentError } from '../core/XentError.js';
import type { TableBatch, TableStream } from './TableBatch.js';
import { BatchBuffer } from './BatchBuffer.js';
import { binaryKindOf } from './binaryKindOf.js';
import type { ByteSource } from './ByteSource.js';
import { NumberScanner } from './NumberScanner.js';
import { nonFiniteValue, parseNumberText } from './parseNumberText.js';
import { tableStream } from './tableStream.js';
import type { CellMode } from './CellMode.js';

/**
 * JSON (one array of rows) or JSON Lines (one row a line) as a stream of row batches,
 * without ever holding the document: a row is an array of numbers (`[0.1, 0.9]`) or a
 * single value (`0.9`, or a label such as `"cat"`). A bare value is a JSON number or a
 * non-finite word of xent's number grammar (Python writes `Infinity`, `-Infinity`, `NaN`);
 * a string is read by the grammar too (xent's own JSON writes "Infinity", "-Infinity",
 * "NaN"), and otherwise is text: a class name for labels, an error for numbers. NaN is
 * then an error like any other bad cell. Errors name the file, line and column.
 */
export function readJsonRows(source: ByteSource, mode: CellMode, format: 'json' | 'jsonl'): TableStream {
  return tableStream(source.name, batches(source, mode, format), (line) => `line ${line}`);
}

const LF = 10;
/** JSON's own number syntax (RFC 8259, section 6): a strict part of xent's grammar. */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const utf8 = new TextDecoder('utf-8');

class Incomplete {}
const INCOMPLETE = new Incomplete();

interface State {
  name: string;
  mode: CellMode;
  lines: boolean;
  /** Lines before `bytes[0]`. */
  line: number;
  lineStart: number;
  width: number;
  /** 0 before the opening bracket, 1 inside the array, 2 after it (JSON only). */
  phase: number;
  /** Whether a comma is needed before the next row (JSON only). */
  needComma: boolean;
  scanner: NumberScanner;
}

async function* batches(source: ByteSource, mode: CellMode, format: 'json' | 'jsonl'): AsyncGenerator<TableBatch> {
  const buf = new BatchBuffer();
  const s: State = { name: source.name, mode, lines: format === 'jsonl', line: 1, lineStart: 0, width: -1, phase: format === 'jsonl' ? 1 : 0, needComma: false, scanner: new NumberScanner() };
  let carry: Uint8Array = new Uint8Array(0);
  const iterator = source.chunks()[Symbol.asyncIterator]();
  let first = true;
  for (;;) {
    const r = await iterator.next();
    const final = r.done === true;
    if (first && !final && r.value.length > 0) {
      first = false;
      const binary = binaryKindOf(r.value);
      if (binary !== undefined) throw new XentError(`the file is ${binary}`, { field: s.name, index: 'line 1' });
    }
    let data: Uint8Array;
    if (final) data = carry;
    else if (carry.length === 0) data = r.value;
    else {
      data = new Uint8Array(carry.length + r.value.length);
      data.set(carry);
      data.set(r.value, carry.length);
    }
    buf.reset();
    const consumed = parseRows(data, s, buf, final);
    carry = data.slice(consumed);
    s.lineStart -= consumed;
    if (buf.rows > 0) yield buf.batch(s.width);
    if (final) break;
  }
  if (!s.lines && s.phase !== 2) {
    throw new XentError(s.phase === 0 ? 'expected a JSON array of rows, found nothing' : 'the JSON array is not closed: the file ends inside it', { field: s.name, index: `line ${s.line}` });
  }
}

/** Parses whole rows from bytes; returns how many bytes were consumed (the rest waits for more data). */
function parseRows(bytes: Uint8Array, s: State, buf: BatchBuffer, final: boolean): number {
  let pos = 0;
  for (;;) {
    const rowStart = pos;
    const lineAtStart = s.line;
    const lineStartAtStart = s.lineStart;
    const sizeAtStart = buf.size;
    try {
      pos = skipSpace(bytes, pos, s);
      if (pos >= bytes.length) {
        if (final) return pos;
        throw INCOMPLETE;
      }
      const c = bytes[pos];
      if (s.phase === 0) {
        if (c !== 91) throw syntax(s, pos, `expected '[' to open the array of rows, found ${describe(bytes, pos)}`);
        s.phase = 1;
        pos++;
        continue;
      }
      if (s.phase === 2) throw syntax(s, pos, `unexpected ${describe(bytes, pos)} after the end of the array`);
      if (!s.lines && c === 93) {
        s.phase = 2;
        pos++;
        continue;
      }
      if (!s.lines && s.needComma) {
        if (c !== 44) throw syntax(s, pos, `expected ',' or ']' after a row, found ${describe(bytes, pos)}`);
        pos = skipSpace(bytes, pos + 1, s);
        if (pos >= bytes.length) throw INCOMPLETE;
      }
      const line = s.line;
      pos = parseRow(bytes, pos, s, buf, final);
      if (!s.lines) s.needComma = true;
      buf.endRow(line);
    } catch (e) {
      if (e !== INCOMPLETE) throw e;
      if (final) throw syntax(s, bytes.length, s.lines ? 'the last line ends inside a row' : 'the file ends inside a row');
      s.line = lineAtStart;
      s.lineStart = lineStartAtStart;
      buf.size = sizeAtStart;
      return rowStart;
    }
  }
}

function parseRow(bytes: Uint8Array, pos: number, s: State, buf: BatchBuffer, final: boolean): number {
  let width = 0;
  if (bytes[pos] === 91) {
    pos = skipSpace(bytes, pos + 1, s);
    if (pos >= bytes.length) throw INCOMPLETE;
    if (bytes[pos] === 93) throw syntax(s, pos, 'the row is empty');
    for (;;) {
      pos = parseCell(bytes, pos, s, buf, final);
      width++;
      pos = skipSpace(bytes, pos, s);
      if (pos >= bytes.length) throw INCOMPLETE;
      const c = bytes[pos++];
      if (c === 93) break;
      if (c !== 44) throw syntax(s, pos - 1, `expected ',' or ']' in a row, found ${describe(bytes, pos - 1)}`);
      pos = skipSpace(bytes, pos, s);
      if (pos >= bytes.length) throw INCOMPLETE;
    }
  } else {
    pos = parseCell(bytes, pos, s, buf, final);
    width = 1;
  }
  if (s.lines) {
    // The rest of the line must be blank.
    let p = pos;
    while (p < bytes.length && (bytes[p] === 32 || bytes[p] === 9 || bytes[p] === 13)) p++;
    if (p >= bytes.length && !final) throw INCOMPLETE;
    if (p < bytes.length && bytes[p] !== LF) throw syntax(s, p, `expected the end of the line after a row, found ${describe(bytes, p)}`);
  }
  if (s.width < 0) s.width = width;
  else if (width !== s.width) throw new XentError(`the row has ${width} values, expected ${s.width} as in the first row`, { field: s.name, index: `line ${s.line}` });
  return pos;
}

function parseCell(bytes: Uint8Array, pos: number, s: State, buf: BatchBuffer, final: boolean): number {
  const c = bytes[pos];
  const line = s.line;
  const column = pos - s.lineStart + 1;
  const whereOf = () => ({ field: s.name, index: `line ${line}, column ${column}` });
  let value: number;
  let text: string | undefined;
  let end: number;
  if (c === 34) {
    end = pos + 1;
    while (end < bytes.length && bytes[end] !== 34) end += bytes[end] === 92 ? 2 : 1;
    if (end >= bytes.length) throw INCOMPLETE;
    end++;
    try {
      text = JSON.parse(utf8.decode(bytes.subarray(pos, end))) as string;
    } catch {
      throw new XentError('invalid string', whereOf());
    }
    const spelled = parseNumberText(text);
    if (spelled === undefined) value = NaN;
    else {
      value = spelled;
      text = undefined;
    }
  } else {
    end = pos;
    for (;;) {
      const b = bytes[end];
      if (end >= bytes.length || b === 44 || b === 93 || b === 32 || b === 10 || b === 13 || b === 9) break;
      end++;
    }
    if (end >= bytes.length && !final) throw INCOMPLETE;
    if (end === pos) throw new XentError(`expected a value, found ${describe(bytes, pos)}`, whereOf());
    const token = utf8.decode(bytes.subarray(pos, end));
    if (token === 'null' || token === 'true' || token === 'false') throw new XentError(`${token} is not a number`, whereOf());
    const v = s.scanner.parse(bytes, pos, end);
    // The grammar also reads '.5', '+1' or '01', which JSON does not write: refused as not JSON.
    if (v === undefined || (!JSON_NUMBER.test(token) && nonFiniteValue(token) === undefined)) throw new XentError(`'${token.slice(0, 40)}' is not a JSON number`, whereOf());
    value = v;
  }
  if (s.mode.kind === 'labels') {
    if (value !== value && text === undefined) throw new XentError('the label is NaN', whereOf());
    buf.push(s.mode.resolve(value === value ? value : text!, whereOf));
  } else {
    if (text !== undefined && value !== value) throw new XentError(`the string ${JSON.stringify(text.slice(0, 40))} is not a number`, whereOf());
    if (value !== value) throw new XentError('the value is NaN', whereOf());
    buf.push(value);
  }
  return end;
}

function skipSpace(bytes: Uint8Array, pos: number, s: State): number {
  for (;;) {
    const c = bytes[pos];
    if (c === LF) {
      s.line++;
      s.lineStart = pos + 1;
    } else if (c !== 32 && c !== 9 && c !== 13) return pos;
    pos++;
  }
}

function describe(bytes: Uint8Array, pos: number): string {
  if (pos >= bytes.length) return 'the end of the file';
  return `'${String.fromCharCode(bytes[pos])}'`;
}

function syntax(s: State, pos: number, problem: string): XentError {
  return new XentError(problem, { field: s.name, index: `line ${s.line}, column ${pos - s.lineStart + 1}` });
}
