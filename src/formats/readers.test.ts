import { describe, expect, it } from 'vitest';
import { memorySource, npyBytes } from '../../test/eval/memoryTables.js';
import { XentError } from '../core/XentError.js';
import type { ByteSource } from './ByteSource.js';
import type { LabelResolver, TableStream } from './TableBatch.js';
import { NPY_MAX_HEADER_BYTES, parseNpyHeader } from './npyHeader.js';
import { formatFromBytes, formatFromName, tableReader, type TableFormat } from './openTable.js';
import { MAX_LINE_BYTES } from './readDelimited.js';

async function readAll(stream: TableStream): Promise<{ rows: number[][]; lines: number[]; header?: readonly string[] }> {
  const rows: number[][] = [];
  const lines: number[] = [];
  let header: readonly string[] | undefined;
  for (let b = await stream.next(); b !== null; b = await stream.next()) {
    if (b.header !== undefined) header = b.header;
    for (let r = 0; r < b.rows; r++) {
      rows.push(Array.from(b.values.subarray(r * b.width, (r + 1) * b.width)));
      lines.push(b.lines[r]);
    }
  }
  return { rows, lines, header };
}

const numbers = { kind: 'numbers' } as const;
const matrixOf2 = () => [[0.25, 0.75]];
const read = (name: string, content: string | Uint8Array, format: TableFormat, chunk = 13) => readAll(tableReader(memorySource(name, content, chunk), numbers, format));
const names: LabelResolver = (token, where) => {
  const k = typeof token === 'number' ? token : ['cat', 'dog'].indexOf(token);
  if (k < 0) throw new XentError(`unknown ${String(token)} at ${where().index}`, where());
  return k;
};

describe('CSV and TSV', () => {
  it('reads rows across chunk boundaries, with a header of class names, CRLF and blank lines', async () => {
    const t = await read('p.csv', 'cat,dog\r\n0.25,0.75\r\n\r\n0.5,0.5\n1e-3,0.999', 'csv', 5);
    expect(t.header).toEqual(['cat', 'dog']);
    expect(t.rows).toEqual([[0.25, 0.75], [0.5, 0.5], [0.001, 0.999]]);
    expect(t.lines).toEqual([2, 4, 5]);
  });
  it('reads TSV, quoted fields and a byte-order mark, without a header', async () => {
    expect((await read('p.tsv', '\ufeff0.1\t0.9\n"0.2"\t0.8\n', 'tsv')).rows).toEqual([[0.1, 0.9], [0.2, 0.8]]);
    expect((await read('p.txt', '0.1\t0.9\n', 'csv')).rows).toEqual([[0.1, 0.9]]);
    const quoted = await read('p.csv', '"a ""x""",b\n1,2\n', 'csv');
    expect(quoted.header).toEqual(['a "x"', 'b']);
  });
  it('names the file, line and column of every bad cell', async () => {
    await expect(read('p.csv', '0.5,0.5\n0.5,nan\n', 'csv')).rejects.toThrow('the value is NaN (p.csv, line 2, column 2)');
    await expect(read('p.csv', '0.5,0.5\n0.5,x\n', 'csv')).rejects.toThrow("'x' is not a number (p.csv, line 2, column 2)");
    await expect(read('p.csv', '0.5,0.5\n0.5,\n', 'csv')).rejects.toThrow('the field is empty (p.csv, line 2, column 2)');
    await expect(read('p.csv', '0.5,0.5\n0.5,0.2,0.3\n', 'csv')).rejects.toThrow('the row has 3 fields, expected 2 as in the first row (p.csv, line 2)');
    await expect(read('p.csv', 'a,b\n0.5\n', 'csv')).rejects.toThrow('the row has 1 fields, expected 2 as in the first row (p.csv, line 2)');
    await expect(read('p.csv', '0.5,0.5\n"0.5,0.5\n', 'csv')).rejects.toThrow('a quoted field is not closed on its line (p.csv, line 2, column 1)');
  });
  it('reads a line that spans many chunks, from a source that reuses its chunk memory, as one row', async () => {
    const row = Array.from({ length: 3000 }, (_, i) => (i + 1) / 4096);
    const text = `${row.join(',')}\n${row.join(',')}\n`;
    const bytes = new TextEncoder().encode(text);
    const reused: ByteSource = {
      name: 'p.csv',
      async *chunks() {
        const chunk = new Uint8Array(7);
        for (let i = 0; i < bytes.length; i += 7) {
          const part = bytes.subarray(i, i + 7);
          chunk.set(part);
          yield chunk.subarray(0, part.length);
          chunk.fill(0x2c);
        }
      },
    };
    const t = await readAll(tableReader(reused, numbers, 'csv'));
    expect(t.rows).toEqual([row, row]);
    expect(t.lines).toEqual([1, 2]);
  });
  it('refuses a line longer than MAX_LINE_BYTES, naming it', async () => {
    const cell = new TextEncoder().encode('0.5,');
    const line = new Uint8Array(MAX_LINE_BYTES + 8);
    for (let i = 0; i < line.length; i += 4) line.set(cell, i);
    const content = new Uint8Array(line.length + 10);
    content.set(new TextEncoder().encode('0.5,0.5\n\n'));
    content.set(line, 9);
    await expect(read('p.csv', content, 'csv', 1 << 20)).rejects.toThrow(`the line is longer than ${MAX_LINE_BYTES} bytes (16 MiB): not a row of a table (p.csv, line 3)`);
  });
  it("takes a first line 0,1,…,K−1 (pandas' names for unnamed columns) as the header, for three columns or more", async () => {
    const t = await read('p.csv', '0,1,2\n0.2,0.3,0.5\n1,0,0\n', 'csv');
    expect(t.header).toEqual(['0', '1', '2']);
    expect(t.rows).toEqual([[0.2, 0.3, 0.5], [1, 0, 0]]);
    expect((await read('p.csv', '0,1,2,3\n0.2,0.3,0.4,0.1\n', 'csv')).rows).toEqual([[0.2, 0.3, 0.4, 0.1]]);
    // Two columns (0,1 is a model sure of class 1), other names or order, or one column: data.
    expect((await read('p.csv', '0,1\n0.2,0.8\n', 'csv')).rows).toEqual([[0, 1], [0.2, 0.8]]);
    expect((await read('p.csv', '1,0,2\n0.2,0.3,0.5\n', 'csv')).rows).toEqual([[1, 0, 2], [0.2, 0.3, 0.5]]);
    expect((await read('w.csv', '0\n1\n', 'csv')).rows).toEqual([[0], [1]]);
    expect((await read('p.csv', '0,1.0,2\n0.2,0.3,0.5\n', 'csv')).rows).toEqual([[0, 1, 2], [0.2, 0.3, 0.5]]);
  });
  it('refuses lines that end in a lone carriage return, and says how to convert them', async () => {
    const cr = /^lines end in a lone carriage return \(\\r, classic Mac OS\); convert them to \\n, with tr '\\r' '\\n' \(p\.csv, line 1\)$/;
    await expect(read('p.csv', '0.2,0.8\r0.6,0.4\r', 'csv')).rejects.toThrow(cr);
    await expect(read('p.csv', 'a,b\r0.6,0.4\r', 'csv')).rejects.toThrow(cr);
    // CRLF and a lone \r at the very end of the file are ordinary line ends.
    expect((await read('p.csv', '0.2,0.8\r\n0.6,0.4\r', 'csv')).rows).toEqual([[0.2, 0.8], [0.6, 0.4]]);
  });
  it('names a compressed or binary file given as text, in CSV and JSON alike', async () => {
    const bytes = (...b: number[]) => Uint8Array.from([...b, 10, 48, 10]);
    const cases: [Uint8Array, string][] = [
      [bytes(0x1f, 0x8b, 8, 0), 'the file is gzip-compressed: decompress it first, with gunzip (p.csv, line 1)'],
      [bytes(0x28, 0xb5, 0x2f, 0xfd), 'the file is zstd-compressed: decompress it first, with zstd -d (p.csv, line 1)'],
      [bytes(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0), 'the file is xz-compressed'],
      [new TextEncoder().encode('BZh91AY&SY'), 'the file is bzip2-compressed'],
      [bytes(0x50, 0x4b, 3, 4), 'the file is a zip archive: extract it first'],
      [npyBytes(matrixOf2()), 'the file is a NumPy .npy file: give it a name ending in .npy'],
      [new TextEncoder().encode('PAR1\n'), 'the file is a Parquet file, not text'],
      [Uint8Array.from([48, 46, 53, 44, 0, 10]), 'the file is binary, not text: it holds a NUL byte at byte 4'],
    ];
    for (const [content, message] of cases) {
      await expect(read('p.csv', content, 'csv')).rejects.toThrow(message);
      await expect(read('p.csv', content, 'json')).rejects.toThrow(message);
    }
  });
  it('reads labels as indices or class names, skipping a header that is neither', async () => {
    const labels = await readAll(tableReader(memorySource('y.csv', 'label\ncat\n1\ndog\n'), { kind: 'labels', resolve: names }, 'csv'));
    expect(labels.rows).toEqual([[0], [1], [1]]);
    await expect(readAll(tableReader(memorySource('y.csv', '0\nnan\n'), { kind: 'labels', resolve: names }, 'csv'))).rejects.toThrow('the label is NaN (y.csv, line 2, column 1)');
    await expect(readAll(tableReader(memorySource('y.csv', '0\ncow\n'), { kind: 'labels', resolve: names }, 'csv'))).rejects.toThrow('unknown cow at line 2, column 1');
  });
});

describe('JSON and JSON Lines', () => {
  it('reads an array of rows, or of single values, across chunks', async () => {
    expect((await read('p.json', ' [[0.25, 0.75],\n [0.5,0.5] ,[1,0]]\n', 'json', 4)).rows).toEqual([[0.25, 0.75], [0.5, 0.5], [1, 0]]);
    expect((await read('p.json', '[0.25, 0.5, "Infinity", -Infinity]', 'json')).rows).toEqual([[0.25], [0.5], [Infinity], [-Infinity]]);
    const lines = await read('p.jsonl', '[0.1,0.9]\n\n[0.2, 0.8]\n[0.3,0.7]', 'jsonl', 3);
    expect(lines.rows).toEqual([[0.1, 0.9], [0.2, 0.8], [0.3, 0.7]]);
    expect(lines.lines).toEqual([1, 3, 4]);
  });
  it('names the line and column of bad JSON', async () => {
    await expect(read('p.json', '[[0.5,0.5],\n [0.5, NaN]]', 'json')).rejects.toThrow('the value is NaN (p.json, line 2, column 8)');
    await expect(read('p.json', '[[0.5,0.5],\n [0.5, null]]', 'json')).rejects.toThrow('null is not a number (p.json, line 2, column 8)');
    await expect(read('p.json', '[[0.5,0.5],[0.5]]', 'json')).rejects.toThrow('the row has 1 values, expected 2 as in the first row (p.json, line 1)');
    await expect(read('p.json', '[[0.5,0.5]', 'json')).rejects.toThrow(/the JSON array is not closed/);
    await expect(read('p.json', '[[0.5,0.5],[0.5', 'json')).rejects.toThrow(/the file ends inside a row/);
    await expect(read('p.json', '{"a": 1}', 'json')).rejects.toThrow("expected '[' to open the array of rows, found '{' (p.json, line 1, column 1)");
    await expect(read('p.json', '[[1,0]] [', 'json')).rejects.toThrow(/after the end of the array/);
    await expect(read('p.jsonl', '[0.5,0.5] [0.5,0.5]\n', 'jsonl')).rejects.toThrow('expected the end of the line after a row');
    await expect(read('p.jsonl', '[0.5,0.5]\n["a",0.5]\n', 'jsonl')).rejects.toThrow('the string "a" is not a number (p.jsonl, line 2, column 2)');
    await expect(read('p.json', '[[0.5,0x1]]', 'json')).rejects.toThrow("'0x1' is not a JSON number");
  });
  it('reads labels as numbers or names', async () => {
    const labels = await readAll(tableReader(memorySource('y.json', '["cat", 1, "dog", 0]'), { kind: 'labels', resolve: names }, 'json'));
    expect(labels.rows).toEqual([[0], [1], [1], [0]]);
  });
});

describe('.npy', () => {
  const matrix = [[0.25, 0.75], [0.5, 0.5], [0.125, 0.875]];
  it('reads float64 and float32 matrices and vectors in C order, across chunks', async () => {
    expect((await read('p.npy', npyBytes(matrix), 'npy', 7)).rows).toEqual(matrix);
    expect((await read('p.npy', npyBytes(matrix, '<f4'), 'npy', 64)).rows).toEqual(matrix);
    expect((await read('p.npy', npyBytes(matrix, '>f8'), 'npy')).rows).toEqual(matrix);
    expect((await read('p.npy', npyBytes([0.1, 0.2]), 'npy')).rows).toEqual([[0.1], [0.2]]);
    const labels = await readAll(tableReader(memorySource('y.npy', npyBytes([1, 0, 1], '<i8')), { kind: 'labels', resolve: names }, 'npy'));
    expect(labels.rows).toEqual([[1], [0], [1]]);
    expect(labels.lines).toEqual([1, 2, 3]);
  });
  it('rejects a wrong or truncated header, and truncated or trailing data', async () => {
    const good = npyBytes(matrix);
    await expect(read('p.npy', good.slice(0, 5), 'npy')).rejects.toThrow('not a .npy file: it is too short for the magic string (p.npy, the .npy header)');
    await expect(read('p.npy', good.slice(0, 40), 'npy')).rejects.toThrow(/the .npy header is truncated: it declares 118 bytes/);
    await expect(read('p.npy', new TextEncoder().encode('0.5,0.5\n'), 'npy')).rejects.toThrow('not a .npy file: it does not start with \\x93NUMPY');
    await expect(read('p.npy', good.slice(0, good.length - 8), 'npy')).rejects.toThrow('the file ends after 2 of the 3 rows its header declares (p.npy, row 3)');
    const longer = new Uint8Array(good.length + 3);
    longer.set(good);
    await expect(read('p.npy', longer, 'npy')).rejects.toThrow('3 bytes follow the 3 rows the header declares');
    const text = (s: string) => {
      const b = npyBytes(matrix);
      const h = new TextDecoder().decode(b.subarray(10, 128));
      const replaced = h.replace(/\{.*\}/, s).padEnd(h.length - 1, ' ') + '\n';
      const out = b.slice();
      for (let i = 0; i < replaced.length; i++) out[10 + i] = replaced.charCodeAt(i);
      return out;
    };
    await expect(read('p.npy', text("{'descr': '<c16', 'fortran_order': False, 'shape': (3, 2), }"), 'npy')).rejects.toThrow("unsupported dtype '<c16'");
    await expect(read('p.npy', text("{'descr': '<f8', 'fortran_order': True, 'shape': (3, 2), }"), 'npy')).rejects.toThrow(
      'the array is in Fortran order; save it in C order, with np.ascontiguousarray (p.npy, the .npy header)',
    );
    await expect(read('p.npy', text("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 1, 2), }"), 'npy')).rejects.toThrow(/expected 1 or 2 dimensions/);
    await expect(read('p.npy', text("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (3,), }"), 'npy')).rejects.toThrow(/no 'descr' string/);
    const nan = npyBytes([[0.5, NaN]]);
    await expect(read('p.npy', nan, 'npy')).rejects.toThrow('the value is NaN (p.npy, row 1, column 2)');
  });
  it("refuses a header longer than NumPy's max_header_size as soon as its length is read", async () => {
    /** The first bytes of a version 2 file that declares a header of `length` bytes, padded with spaces as NumPy pads. */
    const v2 = (length: number, have: number) => {
      const b = new Uint8Array(12 + have).fill(32);
      b.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0, length & 0xff, (length >> 8) & 0xff, (length >> 16) & 0xff, length >>> 24]);
      return b;
    };
    const refusal = `the .npy header declares ${NPY_MAX_HEADER_BYTES + 1} bytes, more than the ${NPY_MAX_HEADER_BYTES} NumPy reads (its max_header_size) (p.npy, the .npy header)`;
    // With only the 12 bytes of the length in hand: no waiting for the rest.
    expect(() => parseNpyHeader(v2(NPY_MAX_HEADER_BYTES + 1, 0), 'p.npy', false)).toThrow(refusal);
    expect(() => parseNpyHeader(v2(0xffffffff, 0), 'p.npy', false)).toThrow('declares 4294967295 bytes');
    await expect(read('p.npy', v2(NPY_MAX_HEADER_BYTES + 1, 40), 'npy')).rejects.toThrow(refusal);
    // A header of exactly the cap is read.
    const dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }";
    const atCap = v2(NPY_MAX_HEADER_BYTES, NPY_MAX_HEADER_BYTES + 8);
    for (let i = 0; i < dict.length; i++) atCap[12 + i] = dict.charCodeAt(i);
    atCap[12 + NPY_MAX_HEADER_BYTES - 1] = 10;
    new DataView(atCap.buffer).setFloat64(12 + NPY_MAX_HEADER_BYTES, 0.5, true);
    expect((await read('p.npy', atCap, 'npy', 4096)).rows).toEqual([[0.5]]);
  });
  it('takes the last value of a repeated key, as the Python dict literal NumPy evaluates does', async () => {
    const b = npyBytes(matrix);
    const dict = "{'descr': '<c16', 'fortran_order': True, 'shape': (9,), 'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }";
    const length = b[8] | (b[9] << 8);
    const header = new Uint8Array(length).fill(32);
    for (let i = 0; i < dict.length; i++) header[i] = dict.charCodeAt(i);
    header[length - 1] = 10;
    const out = b.slice();
    out.set(header, 10);
    expect((await read('p.npy', out, 'npy')).rows).toEqual(matrix);
  });
  it('parses version 2 headers', () => {
    const b = npyBytes(matrix);
    const h = b.subarray(10);
    const v2 = new Uint8Array(b.length + 2);
    v2.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0, b[8], b[9], 0, 0]);
    v2.set(h, 12);
    expect(parseNpyHeader(v2, 'x.npy', true)).toMatchObject({ rows: 3, columns: 2, kind: 'f', itemSize: 8, dataOffset: 12 + (b[8] | (b[9] << 8)) });
  });
});

describe('format sniffing', () => {
  it('chooses the format by name, then by the first bytes', () => {
    expect(['a.csv', 'a.TSV', 'a.json', 'a.jsonl', 'a.ndjson', 'a.npy', 'a.txt'].map(formatFromName)).toEqual(['csv', 'tsv', 'json', 'jsonl', 'jsonl', 'npy', undefined]);
    expect(formatFromBytes(npyBytes([1]))).toBe('npy');
    expect(formatFromBytes(new TextEncoder().encode('  [[1]]'))).toBe('json');
    expect(formatFromBytes(new TextEncoder().encode('0.5,0.5'))).toBe('csv');
  });
});
