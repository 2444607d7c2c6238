import { describe, expect, it } from 'vitest';
import { loadParquetEngine } from '../cli/loadParquetEngine.js';
import { fileByteSource } from '../data/fileByteSource.js';
import type { EvalReport } from './EvalReport.js';
import { evaluateSources, type EvalSources } from './evaluateSources.js';

// The same 4,500 rows of 3 classes in every format (scripts/reference/columnar_fixtures.py
// and columnar_fixtures_duckdb.mjs: NumPy's savez, a safetensors file, DuckDB's Parquet,
// apache-arrow's IPC file and stream); each must give the CSV's report.
const dir = 'test/fixtures/columnar/';
const source = (name: string) => fileByteSource(dir + name, name);

async function report(sources: Omit<EvalSources, 'parquet'>, binning: 'uniform' | 'quantile' = 'uniform'): Promise<EvalReport> {
  return evaluateSources({ ...sources, parquet: loadParquetEngine }, { bins: 10, binning });
}

function expectSameReport(actual: EvalReport, expected: EvalReport): void {
  const { classNames: _a, ...rest } = actual;
  const { classNames: _b, ...reference } = expected;
  const flat = (r: object, prefix = ''): [string, unknown][] =>
    Object.entries(r).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? flat(v as object, `${prefix}${k}.`) : [[prefix + k, v] as [string, unknown]]));
  const want = new Map(flat(reference));
  for (const [key, value] of flat(rest)) {
    const w = want.get(key);
    if (typeof value === 'number' && typeof w === 'number' && !(Number.isNaN(value) && Number.isNaN(w))) expect(Math.abs(value - w), key).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(w)));
    else expect(value, key).toEqual(w);
  }
  expect(actual.n).toBe(4500);
}

describe('evaluateSources on columnar files', () => {
  const csv = () => report({ pred: source('pred.csv'), labels: source('labels.csv') });

  it.each([
    ['Parquet, snappy, 3 row groups', 'table-snappy.parquet'],
    ['Parquet, zstd', 'table-zstd.parquet'],
    ['Arrow IPC file, 3 record batches', 'table.arrow'],
    ['Arrow IPC stream', 'table.arrows'],
    ['.npz, stored (np.savez)', 'stored.npz'],
    ['.npz, deflated (np.savez_compressed)', 'compressed.npz'],
    ['safetensors', 'pred.safetensors'],
  ])('%s gives the CSV report, labels from the same file', async (_, file) => {
    expectSameReport(await report({ pred: source(file) }), await csv());
  });

  it('reads the predictions of a columnar file against a CSV of labels, and equal-mass bins read it several times', async () => {
    const reference = await report({ pred: source('pred.csv'), labels: source('labels.csv') }, 'quantile');
    expectSameReport(await report({ pred: source('table-zstd.parquet'), labels: source('labels.csv') }, 'quantile'), reference);
    expectSameReport(await report({ pred: source('stored.npz'), labels: source('compressed.npz') }, 'quantile'), reference);
  });

  it('chooses columns by name, takes class names from them, and reads a text column as class names', async () => {
    const r = await report({ pred: source('mixed.parquet'), columns: { predColumns: ['c0', 'c1', 'c2'], labelColumn: 'label' } });
    expect(r.classNames).toEqual(['c0', 'c1', 'c2']);
    expectSameReport(r, await csv());
    // `name` holds a, b, c: text, resolved as class names, which these columns do not have.
    await expect(report({ pred: source('mixed.parquet'), columns: { predColumns: ['c0', 'c1', 'c2'], labelColumn: 'name' } })).rejects.toThrow(
      /^unknown class '[abc]' \(classes are c0, c1, c2\) \(test\/fixtures\/columnar\/mixed.parquet, row 1, column name\)$/,
    );
  });
});
