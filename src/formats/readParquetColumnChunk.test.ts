import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadParquetEngine } from '../cli/loadParquetEngine.js';
import { XentError } from '../core/XentError.js';
import { readParquet, type ParquetEngine } from './readParquet.js';

/**
 * The page decoder judged against hyparquet's own parquetRead (its row assembly, which the
 * decoder skips) on files written by DuckDB (every column OPTIONAL: snappy, zstd, gzip,
 * uncompressed; format version 1 and 2, whose pages are DATA_PAGE_V2 and whose floats are
 * BYTE_STREAM_SPLIT; PLAIN and dictionary encodings; several row groups) and by
 * hyparquet-writer (REQUIRED columns: scripts/reference/parquet_required_fixture.mjs).
 * Values must be equal bit for bit, and nulls refused at the same row with the same words.
 */
const dir = mkdtempSync(join(tmpdir(), 'xent-parquet-pages-'));
let instance: DuckDBInstance;
let db: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  db = await instance.connect();
  // Random doubles, special values among them; few-valued doubles (dictionary-encoded); float32; integers of each width.
  await db.run(`CREATE TABLE t AS SELECT
      CASE i WHEN 7 THEN 'nan'::DOUBLE WHEN 8 THEN 'inf'::DOUBLE WHEN 9 THEN '-inf'::DOUBLE WHEN 10 THEN -0.0 WHEN 11 THEN 4.9e-324 WHEN 12 THEN 1.7976931348623157e308 ELSE random() * 2 - 1 END AS a,
      (random() * 100)::FLOAT AS b,
      [0.125, 0.5, -3.75, 1e-300][i % 4 + 1] AS few,
      (i % 7)::INTEGER - 3 AS label,
      i * 1000000007 - (1::BIGINT << 40) AS big,
      (i % 300)::SMALLINT AS small,
      (i * 7)::UINTEGER AS unsigned
    FROM range(5000) r(i)`);
});

afterAll(() => {
  db.closeSync();
  instance.closeSync();
});

const COLUMNS = ['a', 'b', 'few', 'label', 'big', 'small', 'unsigned'];

/** The file read by readParquet through `engine`, each chosen column concatenated; and how often the general reader ran. */
async function viaReader(bytes: Uint8Array, engine: ParquetEngine, columns: string[]): Promise<{ values: Float64Array[]; generalReads: number }> {
  let generalReads = 0;
  const counting: ParquetEngine = { ...engine, parquetRead: (o) => (generalReads++, engine.parquetRead(o)) };
  const access = { byteLength: bytes.byteLength, read: async (s: number, e: number) => bytes.slice(s, e) };
  const table = await readParquet('t.parquet', access, counting);
  const parts: Float64Array[][] = columns.map(() => []);
  for await (const chunk of table.read(columns)) chunk.columns.forEach((c, i) => parts[i].push(Float64Array.from(c as ArrayLike<number>)));
  const values = parts.map((p) => {
    const out = new Float64Array(p.reduce((n, x) => n + x.length, 0));
    let at = 0;
    for (const x of p) out.set(x, (at += x.length) - x.length);
    return out;
  });
  return { values, generalReads };
}

/** hyparquet's plain parquetRead, its values as numbers. */
async function viaHyparquet(bytes: Uint8Array, columns: string[]): Promise<Float64Array[]> {
  const rows = await parquetReadObjects({ file: bytes.slice().buffer, columns, compressors });
  return columns.map((c) => Float64Array.from(rows, (r) => Number(r[c])));
}

function expectSameBits(actual: Float64Array, expected: Float64Array, column: string): void {
  expect(actual.length, column).toBe(expected.length);
  const a = new BigUint64Array(actual.buffer);
  const e = new BigUint64Array(expected.buffer);
  const first = a.findIndex((x, i) => x !== e[i] && !(Number.isNaN(actual[i]) && Number.isNaN(expected[i])));
  expect(first, `${column}: first differing row`).toBe(-1);
}

async function duckFile(name: string, options: string, select = '*'): Promise<Uint8Array> {
  const path = join(dir, `${name}.parquet`);
  await db.run(`COPY (SELECT ${select} FROM t) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 2048${options})`);
  return new Uint8Array(readFileSync(path));
}

function encodingsOf(bytes: Uint8Array): Map<string, Set<string>> {
  const m = parquetMetadata(bytes.slice().buffer);
  const out = new Map<string, Set<string>>();
  for (const g of m.row_groups) for (const c of g.columns) for (const e of c.meta_data!.encodings) out.set(c.meta_data!.path_in_schema[0], (out.get(c.meta_data!.path_in_schema[0]) ?? new Set()).add(e));
  return out;
}

describe('readParquetColumnChunk, through readParquet, against hyparquet', () => {
  for (const [name, options] of [
    ['snappy', ''],
    ['zstd', ', COMPRESSION zstd'],
    ['gzip', ', COMPRESSION gzip'],
    ['uncompressed', ', COMPRESSION uncompressed'],
    ['format version 2', ', PARQUET_VERSION V2'],
    ['format version 2, zstd', ', PARQUET_VERSION V2, COMPRESSION zstd'],
  ] as const) {
    it(`gives hyparquet's values bit for bit: DuckDB, ${name}`, async () => {
      const bytes = await duckFile(name.replace(/\W+/g, '-'), options);
      const meta = parquetMetadata(bytes.slice().buffer);
      expect(meta.row_groups.length).toBe(3);
      expect(meta.schema.slice(1).every((e) => e.repetition_type === 'OPTIONAL')).toBe(true);
      const encodings = encodingsOf(bytes);
      expect([...encodings.get('few')!].some((e) => e.endsWith('_DICTIONARY'))).toBe(true);
      const engine = await loadParquetEngine();
      const expected = await viaHyparquet(bytes, COLUMNS);
      const direct = await viaReader(bytes, engine, COLUMNS);
      COLUMNS.forEach((c, i) => expectSameBits(direct.values[i], expected[i], c));
      // The unsigned 32-bit column (and, in version 2, DELTA_BINARY_PACKED integers) go to the general reader, one call a row group.
      expect(direct.generalReads).toBe(3);
      const general = await viaReader(bytes, { ...engine, pages: undefined }, COLUMNS);
      COLUMNS.forEach((c, i) => expectSameBits(general.values[i], expected[i], c));
    });
  }

  it('decodes the floats of format version 2 (BYTE_STREAM_SPLIT, DATA_PAGE_V2) and dictionaries itself', async () => {
    const bytes = await duckFile('v2-floats', ', PARQUET_VERSION V2', 'a, b, few');
    expect(encodingsOf(bytes).get('a')).toContain('BYTE_STREAM_SPLIT');
    const direct = await viaReader(bytes, await loadParquetEngine(), ['a', 'b', 'few']);
    expect(direct.generalReads).toBe(0);
    const expected = await viaHyparquet(bytes, ['a', 'b', 'few']);
    ['a', 'b', 'few'].forEach((c, i) => expectSameBits(direct.values[i], expected[i], c));
  });

  it("gives hyparquet's values bit for bit: REQUIRED columns by hyparquet-writer, several pages a row group", async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../test/fixtures/columnar/required.parquet', import.meta.url)));
    const meta = parquetMetadata(bytes.slice().buffer);
    expect(meta.schema.slice(1).every((e) => e.repetition_type === 'REQUIRED')).toBe(true);
    const columns = ['d', 'f', 'few', 'label', 'big'];
    const direct = await viaReader(bytes, await loadParquetEngine(), columns);
    expect(direct.generalReads).toBe(0);
    const expected = await viaHyparquet(bytes, columns);
    columns.forEach((c, i) => expectSameBits(direct.values[i], expected[i], c));
  });

  it('refuses a null at the row, in the words of the general reader', async () => {
    await db.run('CREATE OR REPLACE TABLE n AS SELECT CASE WHEN i = 3000 THEN NULL ELSE i / 7 END AS x, CASE WHEN i = 4500 THEN NULL ELSE i % 3 END AS y FROM range(5000) r(i)');
    const path = join(dir, 'nulls.parquet');
    await db.run(`COPY n TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`);
    const bytes = new Uint8Array(readFileSync(path));
    const engine = await loadParquetEngine();
    for (const column of ['x', 'y']) {
      const direct = await viaReader(bytes, engine, [column]).catch((e: unknown) => e);
      const general = await viaReader(bytes, { ...engine, pages: undefined }, [column]).catch((e: unknown) => e);
      expect(direct).toBeInstanceOf(XentError);
      expect((direct as XentError).message).toBe((general as XentError).message);
      expect((direct as XentError).message).toMatch(column === 'x' ? /null value at row 3001 / : /null value at row 4501 /);
    }
  });

  it('refuses a damaged column chunk in one line naming the column and row group', async () => {
    const bytes = await duckFile('damaged', '', 'a');
    const meta = parquetMetadata(bytes.slice().buffer).row_groups[1].columns[0].meta_data!;
    const start = Number(meta.data_page_offset);
    // The page header survives; its compressed body is zeroed.
    bytes.fill(0, start + 30, start + Number(meta.total_compressed_size));
    const e = await viaReader(bytes, await loadParquetEngine(), ['a']).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(XentError);
    expect((e as XentError).message).toMatch(/^column 'a' cannot be read: .* \(t\.parquet, row group 2\)$/);
    expect((e as XentError).message).not.toContain('\n');
  });
});
