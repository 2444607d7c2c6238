import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { evalSql, type EvalSqlRequest, type SqlDialect } from './evalSql.js';

/**
 * The Spark and BigQuery dialects cannot run here, so their text is checked against each
 * engine's documentation: every function called is in the engine's documented list, every
 * type is the engine's, no alias is a reserved word, and the query has the expected shape.
 * Then the text, translated back token for token (quotes and type names only), runs in
 * DuckDB and gives the DuckDB dialect's result, so the dialects differ only in spelling.
 */

// Spark SQL built-in functions, https://spark.apache.org/docs/latest/api/sql/index.html
// (math: abs … tanh; aggregates; conditionals; cast): a part of the documented list.
const SPARK_FUNCTIONS = new Set([
  'ABS', 'ACOS', 'ASIN', 'ATAN', 'ATAN2', 'BIN', 'BROUND', 'CBRT', 'CEIL', 'CEILING', 'COS', 'COSH', 'DEGREES', 'E', 'EXP', 'EXPM1', 'FACTORIAL', 'FLOOR',
  'GREATEST', 'HYPOT', 'LEAST', 'LN', 'LOG', 'LOG10', 'LOG1P', 'LOG2', 'MOD', 'NEGATIVE', 'PI', 'PMOD', 'POSITIVE', 'POW', 'POWER', 'RADIANS', 'RAND',
  'RINT', 'ROUND', 'SHIFTLEFT', 'SIGN', 'SIGNUM', 'SIN', 'SINH', 'SQRT', 'TAN', 'TANH', 'WIDTH_BUCKET',
  'AVG', 'COUNT', 'MAX', 'MIN', 'SUM', 'PERCENTILE_APPROX', 'APPROX_PERCENTILE',
  'CAST', 'COALESCE', 'IF', 'IFNULL', 'NULLIF', 'NVL', 'ISNAN', 'ISNULL',
]);

// GoogleSQL for BigQuery: mathematical functions
// https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions,
// aggregate functions …/aggregate_functions, conversion functions …/conversion_functions
// (CAST), conditional expressions …/conditional_expressions (COALESCE, IF, IFNULL, NULLIF).
const BIGQUERY_FUNCTIONS = new Set([
  'ABS', 'ACOS', 'ACOSH', 'ASIN', 'ASINH', 'ATAN', 'ATAN2', 'ATANH', 'CBRT', 'CEIL', 'CEILING', 'COS', 'COSH', 'COT', 'COTH', 'CSC', 'CSCH', 'DIV', 'EXP',
  'FLOOR', 'GREATEST', 'IEEE_DIVIDE', 'IS_INF', 'IS_NAN', 'LEAST', 'LN', 'LOG', 'LOG10', 'MOD', 'POW', 'POWER', 'RAND', 'RANGE_BUCKET', 'ROUND',
  'SAFE_ADD', 'SAFE_DIVIDE', 'SAFE_MULTIPLY', 'SAFE_NEGATE', 'SAFE_SUBTRACT', 'SEC', 'SECH', 'SIGN', 'SIN', 'SINH', 'SQRT', 'TAN', 'TANH', 'TRUNC',
  'ANY_VALUE', 'AVG', 'COUNT', 'COUNTIF', 'MAX', 'MIN', 'SUM', 'APPROX_QUANTILES',
  'CAST', 'SAFE_CAST', 'COALESCE', 'IF', 'IFNULL', 'NULLIF',
]);

// GoogleSQL reserved keywords, https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#reserved_keywords
const BIGQUERY_RESERVED = new Set(
  ('ALL AND ANY ARRAY AS ASC ASSERT_ROWS_MODIFIED AT BETWEEN BY CASE CAST COLLATE CONTAINS CREATE CROSS CUBE CURRENT DEFAULT DEFINE DESC DISTINCT ' +
    'ELSE END ENUM ESCAPE EXCEPT EXCLUDE EXISTS EXTRACT FALSE FETCH FOLLOWING FOR FROM FULL GROUP GROUPING GROUPS HASH HAVING IF IGNORE IN INNER ' +
    'INTERSECT INTERVAL INTO IS JOIN LATERAL LEFT LIKE LIMIT LOOKUP MERGE NATURAL NEW NO NOT NULL NULLS OF ON OR ORDER OUTER OVER PARTITION ' +
    'PRECEDING PROTO QUALIFY RANGE RECURSIVE RESPECT RIGHT ROLLUP ROWS SELECT SET SOME STRUCT TABLESAMPLE THEN TO TREAT TRUE UNBOUNDED UNION ' +
    'UNNEST USING WHEN WHERE WINDOW WITH WITHIN').split(' '),
);

const request = (dialect: SqlDialect, extra: Partial<EvalSqlRequest> = {}): EvalSqlRequest => ({
  dialect,
  table: dialect === 'bigquery' ? 'project.dataset.preds' : 'preds',
  predColumns: ['p0', 'p1', 'p2'],
  labelColumn: 'y',
  weightColumn: 'w',
  input: 'probs',
  bins: 5,
  binning: 'uniform',
  unit: 'nats',
  ...extra,
});

/** Upper-case words called as functions: those before "(" that are not keywords (THEN (…), FROM (…)). */
function functionsCalled(sql: string): Set<string> {
  return new Set([...sql.matchAll(/\b([A-Z_][A-Z0-9_]*)\s*\(/g)].map((m) => m[1]).filter((f) => f === 'CAST' || !BIGQUERY_RESERVED.has(f)));
}

/** Names introduced by AS: column and subquery aliases, and the CTEs' names. */
function aliases(sql: string): Set<string> {
  const columns = [...sql.matchAll(/\bAS\s+([a-z_][a-z0-9_]*)/g)].map((m) => m[1]);
  const ctes = [...sql.matchAll(/^ +([a-z_][a-z0-9_]*) AS \(/gm)].map((m) => m[1]);
  return new Set([...columns, ...ctes].map((a) => a.toUpperCase()));
}

const KINDS: Partial<EvalSqlRequest>[] = [{}, { input: 'logits' }, { input: 'log-probs' }, { predColumns: ['p'], input: 'logits', clip: 1e-6 }, { binning: 'quantile', bins: 10 }];

describe('evalSql: Spark and BigQuery text', () => {
  for (const [dialect, functions, types, notTypes] of [
    ['spark', SPARK_FUNCTIONS, ['DOUBLE', 'BIGINT'], ['FLOAT64', 'INT64']],
    ['bigquery', BIGQUERY_FUNCTIONS, ['FLOAT64', 'INT64'], ['DOUBLE', 'BIGINT']],
  ] as const) {
    for (const kind of KINDS) {
      it(`${dialect} ${JSON.stringify(kind)}: documented functions and types, no reserved alias, the query's shape`, () => {
        const sql = evalSql(request(dialect, kind));
        const called = functionsCalled(sql);
        expect(called.size).toBeGreaterThan(5);
        for (const f of called) expect(functions.has(f), `${f} in ${dialect}'s documented functions`).toBe(true);
        for (const t of types) expect(sql).toContain(` AS ${t})`);
        for (const t of notTypes) expect(sql).not.toMatch(new RegExp(`\\b${t}\\b`));
        for (const name of ['SOURCE', 'TOTALS', 'CONF', 'VALUE', 'SUMS']) expect(aliases(sql).has(name), name).toBe(true);
        if (dialect === 'bigquery') for (const a of aliases(sql)) expect(BIGQUERY_RESERVED.has(a), `alias ${a}`).toBe(false);
        expect(sql).toContain(dialect === 'bigquery' ? 'FROM `project.dataset.preds`' : 'FROM `preds`');
        expect(sql).not.toContain('"');
        // One CTE list, one final SELECT of (part, cell, value) ordered, balanced parentheses, every CASE closed.
        expect(sql).toMatch(/^-- [^\n]*\nWITH\n/);
        expect(sql).toMatch(/\nSELECT part, cell, value FROM \(\n[\s\S]*\n\) AS sums\nORDER BY part, cell\n$/);
        expect(sql.split('(').length).toBe(sql.split(')').length);
        expect(sql.match(/\bCASE\b/g)!.length).toBe(sql.match(/\bEND\b/g)!.length);
        expect(sql.match(/UNION ALL/g)!.length).toBeGreaterThan(20);
      });
    }
  }

  it('is the DuckDB query up to quoting and type names: translated back, DuckDB gives the same result', async () => {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const db = await instance.connect();
    try {
      await db.run(`CREATE TABLE preds AS SELECT * FROM (VALUES (0.2, 0.5, 0.3, 1, 1.5), (0.6, 0.3, 0.1, 0, 1.0), (0.1, 0.1, 0.8, 2, 0.5), (0.4, 0.4, 0.2, 2, 2.0), (1.0, 0.0, 0.0, 1, 1.0)) AS t(p0, p1, p2, y, w)`);
      await db.run('CREATE SCHEMA dataset');
      await db.run('CREATE TABLE dataset.preds AS SELECT * FROM preds');
      for (const kind of [{}, { input: 'logits' as const }, { clip: 1e-3 }, { binning: 'quantile' as const, bins: 4 }]) {
        const rows = async (sql: string) => JSON.stringify((await db.runAndReadAll(sql)).getRowObjectsJson());
        const expected = await rows(evalSql(request('duckdb', kind)));
        const spark = evalSql(request('spark', kind)).replaceAll('`', '"');
        const bigquery = evalSql(request('bigquery', kind))
          .replace('`project.dataset.preds`', 'dataset.preds')
          .replace(/\bFLOAT64\b/g, 'DOUBLE')
          .replace(/\bINT64\b/g, 'BIGINT')
          .replaceAll('`', '"');
        expect(await rows(spark)).toBe(expected);
        expect(await rows(bigquery)).toBe(expected);
      }
    } finally {
      db.closeSync();
      instance.closeSync();
    }
  });

  it('refuses names that are not plain identifiers, so no text can be injected', () => {
    expect(() => evalSql(request('spark', { table: 'preds; DROP TABLE x' }))).toThrow(/is not a name/);
    expect(() => evalSql(request('bigquery', { labelColumn: 'y`--' }))).toThrow(/is not a plain name/);
  });
});
