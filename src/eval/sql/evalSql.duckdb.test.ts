import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/runCli.js';
import { expectReportsClose } from '../../../test/eval/expectReportsClose.js';
import { evalSql, type EvalSqlRequest } from './evalSql.js';

/**
 * The DuckDB dialect run by DuckDB itself: a table made from a CSV fixture, and one from a
 * Parquet file DuckDB writes, queried; the result saved as CSV, JSON Lines or Parquet is what
 * `xent eval --from-stats` reads, and its report must equal the streaming report of the
 * same rows read from files.
 */
const fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/eval.json', import.meta.url), 'utf8')) as {
  cases: { name: string; pred: (number | string)[][]; labels: number[]; weights?: number[] }[];
};

const dir = mkdtempSync(join(tmpdir(), 'xent-evalsql-'));
let instance: DuckDBInstance;
let db: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  db = await instance.connect();
});

afterAll(() => {
  db.closeSync();
  instance.closeSync();
});

const sqlString = (path: string) => `'${path.replaceAll("'", "''")}'`;

async function tableFromCase(name: string, weighted: boolean, table: string): Promise<{ width: number; streamed: string[] }> {
  const c = fixture.cases.find((x) => x.name === name)!;
  const width = c.pred[0].length;
  const cols = Array.from({ length: width }, (_, k) => `p${k}`);
  const header = [...cols, 'y', ...(weighted ? ['w'] : [])].join(',');
  const rows = c.pred.map((r, i) => [...r, c.labels[i], ...(weighted ? [c.weights![i]] : [])].join(','));
  const csv = join(dir, `${table}.csv`);
  writeFileSync(csv, `${header}\n${rows.join('\n')}\n`);
  await db.run(`CREATE OR REPLACE TABLE ${table}_csv AS SELECT * FROM read_csv(${sqlString(csv)}, header = true, columns = {${[...cols.map((col) => `'${col}': 'DOUBLE'`), "'y': 'BIGINT'", ...(weighted ? ["'w': 'DOUBLE'"] : [])].join(', ')}})`);
  const parquet = join(dir, `${table}.parquet`);
  await db.run(`COPY ${table}_csv TO ${sqlString(parquet)} (FORMAT parquet)`);
  await db.run(`CREATE OR REPLACE TABLE ${table}_parquet AS SELECT * FROM read_parquet(${sqlString(parquet)})`);
  // The same rows as files for the streaming engine; a header of class names as the SQL result names them.
  const pred = join(dir, `${table}-pred.csv`);
  writeFileSync(pred, `${width >= 2 ? `${cols.join(',')}\n` : ''}${c.pred.map((r) => r.join(',')).join('\n')}\n`);
  const labels = join(dir, `${table}-labels.csv`);
  writeFileSync(labels, `${c.labels.join('\n')}\n`);
  const streamed = ['--pred', pred, '--labels', labels];
  if (weighted) {
    const weights = join(dir, `${table}-weights.csv`);
    writeFileSync(weights, `${c.weights!.join('\n')}\n`);
    streamed.push('--weights', weights);
  }
  return { width, streamed };
}

describe('evalSql (duckdb) run by DuckDB', () => {
  for (const [name, weighted, options] of [
    ['probs K=5 n=400', false, {}],
    ['probs K=10 n=1000 weighted bits', true, { unit: 'bits', bins: 10 }],
    ['probs K=4 n=7', false, { bins: 3 }],
    ['logits K=6 n=500', false, { input: 'logits' }],
    ['log-probs K=3 n=200', false, { input: 'log-probs' }],
    ['binary one column', false, {}],
    ['binary one logit', false, { input: 'logits', clip: 0.01 }],
  ] as const) {
    it(`gives the streaming report to 1e-9: ${name} ${JSON.stringify(options)}`, async () => {
      const table = name.replace(/[^A-Za-z0-9]+/g, '_');
      const { width, streamed } = await tableFromCase(name, weighted, table);
      const request: EvalSqlRequest = {
        dialect: 'duckdb',
        table: `${table}_csv`,
        predColumns: Array.from({ length: width }, (_, k) => `p${k}`),
        labelColumn: 'y',
        weightColumn: weighted ? 'w' : undefined,
        input: 'probs',
        bins: 15,
        binning: 'uniform',
        unit: 'nats',
        ...options,
      };
      const flags = ['--input', request.input, '--bins', String(request.bins), '--unit', request.unit, ...(request.clip === undefined ? [] : ['--clip', String(request.clip)])];
      const expected = await runCli(['eval', ...streamed, ...flags, '--json']);
      expect(expected.code, expected.stderr).toBe(0);
      for (const source of ['csv', 'parquet']) {
        const query = evalSql({ ...request, table: `${table}_${source}` });
        const csv = join(dir, `${table}-${source}-sums.csv`);
        const jsonl = join(dir, `${table}-${source}-sums.json`);
        const parquet = join(dir, `${table}-${source}-sums.parquet`);
        await db.run(`COPY (${query}) TO ${sqlString(csv)} (HEADER, DELIMITER ',')`);
        await db.run(`COPY (${query}) TO ${sqlString(jsonl)} (FORMAT json)`);
        await db.run(`COPY (${query}) TO ${sqlString(parquet)} (FORMAT parquet)`);
        for (const result of [csv, jsonl, parquet]) {
          const report = await runCli(['eval', '--from-stats', result, '--json']);
          expect(report.code, report.stderr).toBe(0);
          expectReportsClose(JSON.parse(expected.stdout), JSON.parse(report.stdout), 1e-9);
        }
      }
    });
  }

  it('counts the rows it cannot score, and --from-stats refuses the result', async () => {
    await db.run('CREATE OR REPLACE TABLE bad AS SELECT * FROM (VALUES (0.2, 0.8, 1), (0.5, 0.6, 0), (0.3, 0.7, 2), (NULL, 1.0, 1)) AS t(p0, p1, y)');
    const query = evalSql({ dialect: 'duckdb', table: 'bad', predColumns: ['p0', 'p1'], labelColumn: 'y', input: 'probs', bins: 5, binning: 'uniform', unit: 'nats' });
    const rows = (await db.runAndReadAll(query)).getRowObjects();
    expect(rows.find((r) => r.part === 'invalidRows')?.value).toBe(3);
    const csv = join(dir, 'bad-sums.csv');
    await db.run(`COPY (${query}) TO ${sqlString(csv)} (HEADER)`);
    const r = await runCli(['eval', '--from-stats', csv]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd()).toMatch(/found 3 rows it could not score .*\(--from-stats\)$/);
  });

  it('reads a Parquet result and refuses a damaged one in one line (exit 2)', async () => {
    const { width } = await tableFromCase('probs K=4 n=7', false, 'parquet_result');
    const query = evalSql({ dialect: 'duckdb', table: 'parquet_result_csv', predColumns: Array.from({ length: width }, (_, k) => `p${k}`), labelColumn: 'y', input: 'probs', bins: 5, binning: 'uniform', unit: 'nats' });
    const whole = join(dir, 'result.parquet');
    await db.run(`COPY (${query}) TO ${sqlString(whole)} (FORMAT parquet)`);
    const good = await runCli(['eval', '--from-stats', whole, '--json']);
    expect(good.code, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout).n).toBe(7);
    const bytes = readFileSync(whole);
    const truncated = join(dir, 'result-truncated.parquet');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
    const noValue = join(dir, 'result-no-value.parquet');
    await db.run(`COPY (SELECT part, cell FROM (${query})) TO ${sqlString(noValue)} (FORMAT parquet)`);
    const textValue = join(dir, 'result-text-value.parquet');
    await db.run(`COPY (SELECT part, cell, value::VARCHAR AS value FROM (${query})) TO ${sqlString(textValue)} (FORMAT parquet)`);
    const nullPart = join(dir, 'result-null-part.parquet');
    await db.run(`COPY (SELECT CASE WHEN part = 'rows' THEN NULL ELSE part END AS part, cell, value FROM (${query})) TO ${sqlString(nullPart)} (FORMAT parquet)`);
    for (const [file, message] of [
      [truncated, /^xent: error: '.*result-truncated\.parquet': the file does not end with PAR1: it is truncated, or not a Parquet file \(--from-stats, the Parquet footer\)$/],
      [noValue, /^xent: error: '.*result-no-value\.parquet': has no column 'value' \(its columns are part, cell\): is it the result of xent eval --sql\? \(--from-stats\)$/],
      [textValue, /^xent: error: '.*result-text-value\.parquet': column 'value' is of type BYTE_ARRAY \(UTF8\), not a number \(--from-stats\)$/],
      [nullPart, /^xent: error: '.*result-null-part\.parquet': row \d+ has no part \(--from-stats\)$/],
    ] as const) {
      const r = await runCli(['eval', '--from-stats', file]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd()).toMatch(message);
      expect(r.stderr.trimEnd()).not.toContain('\n');
    }
  });

  it('forms equal-mass bins from the grid of an SQL result, each edge within one cell of its rank', async () => {
    const table = 'quantile_case';
    const { width } = await tableFromCase('probs K=10 n=1000', false, table);
    const query = evalSql({ dialect: 'duckdb', table: `${table}_csv`, predColumns: Array.from({ length: width }, (_, k) => `p${k}`), labelColumn: 'y', input: 'probs', bins: 10, binning: 'quantile', unit: 'nats' });
    const csv = join(dir, 'quantile-sums.csv');
    await db.run(`COPY (${query}) TO ${sqlString(csv)} (HEADER)`);
    const r = await runCli(['eval', '--from-stats', csv, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { n: number; bins: { count: number; upper: number }[]; equalMass: { method: string; largestRankError: number } };
    expect(out.equalMass.method).toBe('grid');
    // DuckDB's exact quantiles of the same confidences: each edge's rank is off by at most the largest rank error reported.
    let below = 0;
    for (const [m, b] of out.bins.slice(0, -1).entries()) {
      below += b.count;
      expect(Math.abs(below - Math.ceil(((m + 1) * out.n) / 10)) / out.n).toBeLessThanOrEqual(out.equalMass.largestRankError + 1e-12);
    }
    expect(out.equalMass.largestRankError).toBeLessThan(0.01);
  });
});
