// Parquet and Arrow IPC fixtures for src/formats' columnar readers, written from
// /tmp/xent-columnar-table.csv (written by scripts/reference/columnar_fixtures.py) by real
// implementations: DuckDB (@duckdb/node-api) for Parquet, snappy and zstd, in several row
// groups; apache-arrow (the Arrow project's JavaScript library) for the IPC file and stream
// formats, in several record batches. Neither package is a dependency of xent: run it from
// a scratch directory that has them,
//     mkdir -p /tmp/duck && cd /tmp/duck && npm install @duckdb/node-api apache-arrow
//     cd - && NODE_PATH=/tmp/duck/node_modules node scripts/reference/columnar_fixtures_duckdb.mjs
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(join(process.env.NODE_PATH ?? '/tmp/duck/node_modules', 'x.js'));
const { DuckDBInstance } = require('@duckdb/node-api');
const arrow = require('apache-arrow');

const dir = 'test/fixtures/columnar';
const csv = '/tmp/xent-columnar-table.csv';
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const table = `read_csv('${csv}', header = true, columns = {'c0': 'DOUBLE', 'c1': 'DOUBLE', 'c2': 'DOUBLE', 'label': 'INTEGER'})`;
for (const codec of ['snappy', 'zstd']) {
  await c.run(`COPY (SELECT * FROM ${table}) TO '${dir}/table-${codec}.parquet' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 2048)`);
}
// A label column of class names, a BIGINT label, float32 predictions, a DATE and a string column (refused as predictions).
await c.run(
  `COPY (SELECT c0, c1, c2, label::BIGINT AS label, ['a','b','c'][label + 1] AS name, c0::FLOAT AS f32, DATE '2026-01-01' + label::INTEGER AS day FROM ${table}) TO '${dir}/mixed.parquet' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 2048)`,
);
for (const f of ['table-snappy', 'table-zstd', 'mixed']) {
  const r = await c.runAndReadAll(`SELECT count(*) AS groups, sum(row_group_num_rows) AS rows FROM parquet_metadata('${dir}/${f}.parquet') WHERE column_id = 0`);
  console.log(f, r.getRowObjects());
}

// Arrow IPC from the same CSV, parsed here by the same repr-printed digits.
const lines = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const full = new arrow.Table({
  c0: arrow.vectorFromArray(Float64Array.from(lines, (l) => Number(l[0]))),
  c1: arrow.vectorFromArray(Float64Array.from(lines, (l) => Number(l[1]))),
  c2: arrow.vectorFromArray(Float64Array.from(lines, (l) => Number(l[2]))),
  label: arrow.vectorFromArray(Int32Array.from(lines, (l) => Number(l[3]))),
  name: arrow.vectorFromArray(lines.map((l) => 'abc'[Number(l[3])]), new arrow.Utf8()),
});
const batches = [];
for (let start = 0; start < lines.length; start += 1600) batches.push(...full.slice(start, start + 1600).batches);
const t = new arrow.Table(batches);
writeFileSync(join(dir, 'table.arrow'), arrow.tableToIPC(t, 'file'));
writeFileSync(join(dir, 'table.arrows'), arrow.tableToIPC(t, 'stream'));
console.log('arrow record batches', t.batches.length, 'rows', t.numRows);
