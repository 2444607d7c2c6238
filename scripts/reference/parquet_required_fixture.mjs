// A Parquet fixture of REQUIRED (non-nullable) columns, which DuckDB never writes (it marks
// every column OPTIONAL): test/fixtures/columnar/required.parquet, written by
// hyparquet-writer, a writer independent of DuckDB: float64, float32, int32 and int64
// columns in several row groups of several pages each, PLAIN-encoded (the doubles) and
// dictionary-encoded (the few-valued columns), snappy. hyparquet-writer is not a
// dependency of xent: run it from a scratch directory that has it,
//     mkdir -p /tmp/hw && (cd /tmp/hw && npm install hyparquet-writer)
//     NODE_PATH=/tmp/hw/node_modules node scripts/reference/parquet_required_fixture.mjs
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(join(process.env.NODE_PATH ?? '/tmp/hw/node_modules', 'x.js'));
const { parquetWriteBuffer } = await import(require.resolve('hyparquet-writer'));

const rows = 5000;
// A fixed linear congruential sequence, so the file is the same on every run.
let state = 20261207;
const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const doubles = Array.from({ length: rows }, () => uniform() * 2 - 1);
const floats = Array.from({ length: rows }, () => Math.fround(uniform() * 100));
const few = Array.from({ length: rows }, (_, i) => [0.125, 0.5, -3.75, 1e-300][i % 4]);
const labels = Array.from({ length: rows }, () => Math.floor(uniform() * 7) - 3);
const big = Array.from({ length: rows }, (_, i) => BigInt(i) * 1000000007n - 2n ** 40n);
const buffer = parquetWriteBuffer({
  columnData: [
    { name: 'd', data: doubles, type: 'DOUBLE', nullable: false },
    { name: 'f', data: floats, type: 'FLOAT', nullable: false },
    { name: 'few', data: few, type: 'DOUBLE', nullable: false },
    { name: 'label', data: labels, type: 'INT32', nullable: false },
    { name: 'big', data: big, type: 'INT64', nullable: false },
  ],
  rowGroupSize: 2000,
  pageSize: 4096,
});
writeFileSync('test/fixtures/columnar/required.parquet', new Uint8Array(buffer));
