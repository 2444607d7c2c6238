// Parquet throughput of `xent eval` against DuckDB computing the same log-loss from the same
// file on one thread (SET threads=1), both pinned to core 0 (taskset -c 0), each run as its
// own process and timed whole (start-up included), interleaved, medians of 5; then the peak
// RSS of `xent eval` on a large file (/usr/bin/time -v). DuckDB is xent's devDependency
// @duckdb/node-api (NODE_PATH may point at another copy); CORE chooses the core (default 0):
//     CORE=0 node scripts/parquetEvalThroughput.mjs [MB] [RSS_MB]
// It writes /tmp/xent-bench-<MB>mb.parquet (10 probability columns and a label, DuckDB's
// default snappy) if missing, and prints one JSON line.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';

const modules = process.env.NODE_PATH ?? new URL('../node_modules', import.meta.url).pathname;
const core = process.env.CORE ?? '0';
const require = createRequire(join(modules, 'x.js'));
const duckdb = require.resolve('@duckdb/node-api');
const K = 10;
const mb = Number(process.argv[2] ?? 100);
const rssMb = Number(process.argv[3] ?? 0);
// XENT chooses another build's entry point (another checkout's bin/xent.js), to compare two.
const xent = process.env.XENT ?? new URL('../bin/xent.js', import.meta.url).pathname;

async function ensureFile(sizeMb) {
  const path = `/tmp/xent-bench-${sizeMb}mb.parquet`;
  if (existsSync(path)) return path;
  const { DuckDBInstance } = await import(duckdb);
  const c = await (await DuckDBInstance.create(':memory:')).connect();
  const r = Array.from({ length: K }, (_, k) => `r${k}`);
  // About 80.5 bytes a row in DuckDB's snappy Parquet of 10 doubles and an integer.
  const rows = Math.round((sizeMb * 1e6) / 80.5);
  await c.run(`COPY (WITH t AS (SELECT ${r.map((x) => `random() + 0.01 AS ${x}`).join(', ')}, (random() * ${K})::INTEGER % ${K} AS label FROM range(${rows}))
    SELECT ${r.map((x, k) => `${x} / (${r.join(' + ')}) AS p${k}`).join(', ')}, label FROM t) TO '${path}' (FORMAT parquet)`);
  return path;
}

const duckScript = `/tmp/xent-duck-logloss.mjs`;
writeFileSync(
  duckScript,
  `import { DuckDBInstance } from ${JSON.stringify(duckdb)};
const c = await (await DuckDBInstance.create(':memory:')).connect();
await c.run('SET threads=1');
const r = await c.runAndReadAll(\`SELECT avg(-ln(CASE label ${Array.from({ length: K }, (_, k) => `WHEN ${k} THEN p${k}`).join(' ')} END)) AS l FROM read_parquet('\${process.argv[2]}')\`);
console.log(JSON.stringify({ logLoss: Number(r.getRowObjects()[0].l) }));
`,
);

// The CPU time (user + system, from /usr/bin/time) beside the wall time: on a shared core the
// wall time includes other processes' turns, the CPU time does not.
const cpuFile = '/tmp/xent-parquet-bench-cpu.txt';
function timed(argv) {
  const t0 = process.hrtime.bigint();
  const out = execFileSync('/usr/bin/time', ['-f', '%U %S', '-o', cpuFile, 'taskset', '-c', core, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const [user, system] = readFileSync(cpuFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  const json = JSON.parse(out);
  return { ms, cpuMs: (user + system) * 1000, logLoss: json.logLoss, n: json.n };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const file = await ensureFile(mb);
const bytes = statSync(file).size;
const load = [loadavg()[0]];
const runs = { xent: [], duckdb: [] };
const cpu = { xent: [], duckdb: [] };
const logLoss = {};
let rows = 0;
for (let i = 0; i < 6; i++) {
  const order = i % 2 === 0 ? ['xent', 'duckdb'] : ['duckdb', 'xent'];
  for (const who of order) {
    const r = who === 'xent' ? timed([process.execPath, xent, 'eval', '--pred', file, '--json']) : timed([process.execPath, duckScript, file]);
    if (i > 0) {
      // the first round warms the page cache
      runs[who].push(r.ms);
      cpu[who].push(r.cpuMs);
    }
    logLoss[who] = r.logLoss;
    if (who === 'xent') rows = r.n;
  }
}
load.push(loadavg()[0]);
const result = {
  case: 'parquet-eval-1thread',
  xent,
  core,
  fileBytes: bytes,
  rows,
  xentMs: median(runs.xent),
  duckdbMs: median(runs.duckdb),
  xentMBps: bytes / 1e6 / (median(runs.xent) / 1000),
  duckdbMBps: bytes / 1e6 / (median(runs.duckdb) / 1000),
  ratio: median(runs.xent) / median(runs.duckdb),
  xentCpuMs: median(cpu.xent),
  duckdbCpuMs: median(cpu.duckdb),
  cpuRatio: median(cpu.xent) / median(cpu.duckdb),
  logLoss,
  runs,
  cpu,
  loadavg: load,
};
if (rssMb > 0) {
  const big = await ensureFile(rssMb);
  const r = spawnSync('/usr/bin/time', ['-v', 'taskset', '-c', core, process.execPath, xent, 'eval', '--pred', big, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]);
  const seconds = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)/.exec(r.stderr)?.[1];
  Object.assign(result, { rssFileBytes: statSync(big).size, rssPeakMB: kb / 1024, rssElapsed: seconds, rssExit: r.status });
}
console.log(JSON.stringify(result));
