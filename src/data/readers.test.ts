import { describe, expect, it } from 'vitest';
import { memorySource, npyBytes } from '../../test/eval/memoryTables.js';
import { createRng } from '../core/random/createRng.js';
import { XentError } from '../core/XentError.js';
import type { LabelResolver, TableStream } from '../eval/TableBatch.js';
import { evaluateSources } from './evaluateFiles.js';
import { parseNpyHeader } from './npyHeader.js';
import { formatFromBytes, formatFromName, tableReader, type TableFormat } from './openTable.js';
import { parseNumberBytes, plainEnd, scanPlainDecimal } from './parseNumberBytes.js';

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
const read = (name: string, content: string | Uint8Array, format: TableFormat, chunk = 13) => readAll(tableReader(memorySource(name, content, chunk), numbers, format));
const names: LabelResolver = (token, where) => {
  const k = typeof token === 'number' ? token : ['cat', 'dog'].indexOf(token);
  if (k < 0) throw new XentError(`unknown ${String(token)} at ${where().index}`, where());
  return k;
};

describe('parseNumberBytes', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('gives the same double as Number() for decimal text of every length', () => {
    const rng = createRng(3);
    const texts = ['0', '-0', '1', '0.5', '.5', '5.', '1e-5', '1E+22', '1e23', '123456789012345678', '0.1000000000000000055511151231257827', '2.2250738585072014e-308', '4.9e-324', '1.7976931348623157e308', '9007199254740993', '+3.25'];
    for (let i = 0; i < 3000; i++) {
      const v = (rng.uniform() - 0.3) * 10 ** Math.floor(rng.uniform() * 40 - 20);
      texts.push(String(v), v.toFixed(6), v.toPrecision(1 + Math.floor(rng.uniform() * 19)), v.toExponential(Math.floor(rng.uniform() * 18)));
    }
    for (const t of texts) expect(Object.is(parseNumberBytes(bytes(t), 0, t.length), Number(t)), t).toBe(true);
  });
  it('is exact on 17–19 significant digits and on rounding midpoints (the double-double path and its fallback)', () => {
    const rng = createRng(5);
    const texts = ['9007199254740993', '9007199254740995', '0.30000000000000004', '1.0000000000000002', '2.4703282292062327e-308', '8.98846567431158e307', '123456789.123456789', '0.9999999999999999', '1.00000000000000011102230246251565', '5e-324', '1234567890123456789e3', '12345678901234567891'];
    for (let i = 0; i < 60000; i++) {
      const v = rng.uniform() * 10 ** Math.floor(rng.uniform() * 44 - 22);
      texts.push(String(v), v.toPrecision(17), v.toPrecision(18), v.toPrecision(19), v.toExponential(16));
      // Halfway between two neighbouring doubles, written out: the hardest case for rounding.
      const next = v + v * 2 ** -52;
      texts.push(((v + next) / 2).toPrecision(19));
    }
    let wrong = 0;
    let plain = 0;
    for (const t of texts) {
      const b = bytes(t);
      if (!Object.is(parseNumberBytes(b, 0, t.length), Number(t))) wrong++;
      // The readers' hot path, where it takes the number at all, must agree too.
      const v = scanPlainDecimal(b, 0);
      if (plainEnd === t.length) {
        plain++;
        if (!Object.is(v, Number(t))) wrong++;
      }
    }
    expect(wrong).toBe(0);
    expect(plain).toBeGreaterThan(50000);
  });
  it("reads NumPy's inf and nan, and refuses what is not a decimal number", () => {
    for (const [t, v] of [['inf', Infinity], ['-inf', -Infinity], ['Infinity', Infinity], ['nan', NaN], ['NaN', NaN], ['', NaN], ['0x10', NaN], ['1,5', NaN], ['1e', NaN], ['abc', NaN], ['1.2.3', NaN]] as const) {
      expect(parseNumberBytes(bytes(t), 0, t.length), t).toBe(v);
    }
  });
});

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
    await expect(read('p.npy', text("{'descr': '<f8', 'fortran_order': True, 'shape': (3, 2), }"), 'npy')).rejects.toThrow(/Fortran order/);
    await expect(read('p.npy', text("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 1, 2), }"), 'npy')).rejects.toThrow(/expected 1 or 2 dimensions/);
    await expect(read('p.npy', text("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (3,), }"), 'npy')).rejects.toThrow(/no 'descr' string/);
    const nan = npyBytes([[0.5, NaN]]);
    await expect(read('p.npy', nan, 'npy')).rejects.toThrow('the value is NaN (p.npy, row 1, column 2)');
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

describe('formats and the engine over files in any combination', () => {
  it('chooses the format by name, then by the first bytes', () => {
    expect(['a.csv', 'a.TSV', 'a.json', 'a.jsonl', 'a.ndjson', 'a.npy', 'a.txt'].map(formatFromName)).toEqual(['csv', 'tsv', 'json', 'jsonl', 'jsonl', 'npy', undefined]);
    expect(formatFromBytes(npyBytes([1]))).toBe('npy');
    expect(formatFromBytes(new TextEncoder().encode('  [[1]]'))).toBe('json');
    expect(formatFromBytes(new TextEncoder().encode('0.5,0.5'))).toBe('csv');
  });
  it('gives the same report whatever the formats of predictions, labels and weights', async () => {
    const rng = createRng(11);
    const pred = Array.from({ length: 40 }, () => {
      const a = rng.uniform();
      const b = rng.uniform() * (1 - a);
      return [a, b, 1 - a - b];
    });
    const labels = pred.map(() => Math.floor(rng.uniform() * 3));
    const weights = pred.map(() => rng.uniform() * 2);
    const csv = (rows: number[][]) => rows.map((r) => r.join(',')).join('\n') + '\n';
    const predFiles = [
      memorySource('p.csv', 'a,b,c\n' + csv(pred)),
      memorySource('p.tsv', csv(pred).replace(/,/g, '\t')),
      memorySource('p.json', JSON.stringify(pred)),
      memorySource('p.jsonl', pred.map((r) => JSON.stringify(r)).join('\n')),
      memorySource('p.npy', npyBytes(pred), 100),
      memorySource('p.dat', JSON.stringify(pred)),
    ];
    const labelFiles = [
      memorySource('y.csv', labels.join('\n')),
      memorySource('y.json', JSON.stringify(labels)),
      memorySource('y.npy', npyBytes(labels, '<i8')),
      memorySource('y.jsonl', labels.join('\n')),
    ];
    const weightFiles = [memorySource('w.csv', 'weight\n' + weights.join('\n')), memorySource('w.npy', npyBytes(weights))];
    const reports = [];
    for (let i = 0; i < predFiles.length; i++) {
      reports.push(await evaluateSources({ pred: predFiles[i], labels: labelFiles[i % labelFiles.length], weights: weightFiles[i % 2] }, { bins: 5 }));
    }
    for (const r of reports) {
      const { classNames: _, ...rest } = r;
      const { classNames: __, ...first } = reports[0];
      expect(rest).toEqual(first);
    }
    expect(reports[0].classNames).toEqual(['a', 'b', 'c']);
  });
  it('resolves label names against the predictions header, and rejects unknown names', async () => {
    const pred = memorySource('p.csv', 'cat,dog\n0.9,0.1\n0.2,0.8\n');
    const r = await evaluateSources({ pred, labels: memorySource('y.csv', 'label\ncat\ndog\n') });
    expect(r.accuracy).toBe(1);
    await expect(evaluateSources({ pred, labels: memorySource('y.csv', 'cat\ncow\n') })).rejects.toThrow("unknown class 'cow' (classes are cat, dog) (y.csv, line 2, column 1)");
    await expect(evaluateSources({ pred: memorySource('p.csv', '0.9,0.1\n'), labels: memorySource('y.json', '["cat"]') })).rejects.toThrow(
      "unknown class 'cat' (the predictions have no header of class names) (y.json, line 1, column 2)",
    );
    await expect(evaluateSources({ pred, labels: memorySource('y.csv', '0\n5\n') })).rejects.toThrow('label 5 is out of range for 2 classes (0 to 1) (y.csv, line 2, column 1)');
  });
});
