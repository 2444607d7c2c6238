// CPU cost of `xent eval --bootstrap 200` over the plain report: 100,000 rows of 10 classes
// (CSV predictions and labels, seeded), each run its own process pinned to one core
// (CORE, default 0), timed whole (start-up included) as user + system CPU by /usr/bin/time,
// the two commands interleaved, medians of RUNS (default 7) after one warm-up round.
//     node scripts/evalBootstrapCost.mjs [CORE] [RUNS] [BASE_XENT]
// With BASE_XENT (another checkout's bin/xent.js), its two commands are timed in the same
// interleaved rounds, so a change is measured against the code before it under the same load.
// Prints one JSON line: the medians, their ratios, every run, and the load average before and after.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';

const core = process.argv[2] ?? '0';
const runs = Number(process.argv[3] ?? 7);
const base = process.argv[4];
const xent = new URL('../bin/xent.js', import.meta.url).pathname;
const K = 10;
const N = 100000;
const pred = `/tmp/xent-bootstrap-cost-pred.csv`;
const labels = `/tmp/xent-bootstrap-cost-labels.csv`;

if (!existsSync(pred) || !existsSync(labels)) {
  // A fixed linear congruential stream, so every run and every checkout reads the same file.
  let state = 12345;
  const uniform = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const p = [];
  const y = [];
  for (let i = 0; i < N; i++) {
    const logits = Array.from({ length: K }, () => 3 * uniform());
    const z = logits.map(Math.exp);
    const s = z.reduce((a, b) => a + b, 0);
    const probs = z.map((v) => v / s);
    p.push(probs.map((v) => v.toFixed(8)).join(','));
    // Labels drawn from the probabilities themselves: a calibrated model.
    let u = uniform();
    let label = K - 1;
    for (let k = 0; k < K; k++) {
      u -= probs[k];
      if (u < 0) {
        label = k;
        break;
      }
    }
    y.push(String(label));
  }
  writeFileSync(pred, p.join('\n') + '\n');
  writeFileSync(labels, y.join('\n') + '\n');
}

function cpuSeconds(cli, extra) {
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', 'taskset', '-c', core, process.execPath, cli, 'eval', '--pred', pred, '--labels', labels, '--json', ...extra], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr);
  const [user, system] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return user + system;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = [loadavg()[0]];
const commands = { plain: [xent, []], bootstrap: [xent, ['--bootstrap', '200', '--seed', '1']] };
if (base !== undefined) Object.assign(commands, { basePlain: [base, []], baseBootstrap: [base, ['--bootstrap', '200', '--seed', '1']] });
const names = Object.keys(commands);
const times = Object.fromEntries(names.map((n) => [n, []]));
for (let i = 0; i <= runs; i++) {
  const order = i % 2 === 0 ? names : [...names].reverse();
  for (const which of order) {
    const s = cpuSeconds(...commands[which]);
    if (i > 0) times[which].push(s);
  }
}
load.push(loadavg()[0]);
const medians = Object.fromEntries(names.map((n) => [n, median(times[n])]));
const result = { rows: N, classes: K, core, medianCpuS: medians, ratio: medians.bootstrap / medians.plain };
if (base !== undefined) Object.assign(result, { base, baseRatio: medians.baseBootstrap / medians.basePlain });
console.log(JSON.stringify({ ...result, times, loadavg: load }));
