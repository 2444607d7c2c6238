/**
 * `npm run bench [-- --case NAME[,NAME…]] [--reps N] [--clock cpu|wall] [--json] [--list]`
 *
 * Runs each case against its peers in one run on this machine, prints one JSON line per
 * case on stdout (progress on stderr), and writes all of them with a description of the
 * machine to bench/results/<timestamp>.json. `--json` is accepted for symmetry with the
 * CLI: stdout is JSON either way.
 */
import { cpus, loadavg } from 'node:os';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { ONE_CORE, pinned } from './affinity.js';
import { benchRoots, copyBenchAssets } from './benchAssets.js';
import { log, type BenchCase, type BenchResult } from './BenchResult.js';
import { summaryLine } from './summaryLine.js';
import { bceWithLogitsCase } from './cases/bceWithLogits.js';
import { mnistEpochCase } from './cases/mnistEpoch.js';
import { softmaxCeCase } from './cases/softmaxCe.js';
import { evalLogLossCase } from './cases/evalLogLoss.js';
import { softmaxCeThreadsCase } from './cases/softmaxCeThreads.js';
import { mnistEpochThreadsCase } from './cases/mnistEpochThreads.js';
import { mnistEpochBatchCases } from './cases/mnistEpochBatch.js';
import { simdPeakCase } from './cases/simdPeak.js';
import { startupCase } from './cases/startup.js';
import { DEFAULT_REPS } from './timing.js';

/**
 * The registry: one entry per case, in the order a full run takes them. A new case is a
 * BenchCase (BenchResult.ts) added here; runCase.ts does the peers, timing and checks.
 */
const CASES: BenchCase[] = [
  softmaxCeCase('softmax-ce', 4096, 1000),
  softmaxCeCase('softmax-ce-65536x10', 65536, 10),
  softmaxCeCase('softmax-ce-64x50257', 64, 50257),
  bceWithLogitsCase('bce-with-logits', 16 * 1024 * 1024),
  mnistEpochCase('mnist-epoch-30', [784, 30, 10]),
  mnistEpochCase('mnist-epoch-100', [784, 100, 10]),
  softmaxCeThreadsCase('softmax-ce-threads', [
    [64, 1000],
    [256, 1000],
    [1024, 1000],
    [4096, 1000],
    [1024, 10],
    [4096, 10],
    [16384, 10],
    [65536, 10],
  ]),
  ...mnistEpochBatchCases([784, 100, 10]),
  simdPeakCase('simd-peak'),
  mnistEpochThreadsCase('mnist-epoch-threads', [[784, 100, 10], [784, 300, 10]], [10, 50, 100, 500]),
  compressionCase(),
  evalLogLossCase('eval-csv-64mb', 64, 'full'),
  evalLogLossCase('eval-csv-64mb-short', 64, 'short'),
  startupCase(),
];

/**
 * The compression case comes from the coding module's own benchmark,
 * bench/cases/compression.ts (`runCompressionBench({ reps })`, plain JSON); it is
 * loaded at run time so the harness runs whether or not it exists yet.
 */
function compressionCase(): BenchCase {
  return {
    name: 'compression',
    title: 'arithmetic coder throughput (bench/cases/compression.ts)',
    async run({ reps }) {
      // (Its own timing: medians of wall time, see bench/cases/compression.ts.)
      const url = new URL('./cases/compression.js', import.meta.url);
      if (!existsSync(url)) throw new Error('bench/cases/compression.ts does not exist yet');
      const mod = (await import(url.href)) as { runCompressionBench?: (o: { reps: number }) => Promise<unknown> };
      if (typeof mod.runCompressionBench !== 'function') throw new Error('bench/cases/compression.ts exports no runCompressionBench');
      const json = (await mod.runCompressionBench({ reps })) as Record<string, unknown>;
      return { case: 'compression', ...json } as unknown as BenchResult;
    },
  };
}

interface Args {
  cases: string[];
  reps: number;
  list: boolean;
  clock: 'cpu' | 'wall';
  /** Set on the per-case child processes: print the result line, write no file. */
  child: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { cases: [], reps: DEFAULT_REPS, list: false, clock: 'cpu', child: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--case') args.cases.push(...(argv[++i] ?? '').split(',').map((c) => c.trim()));
    else if (a === '--reps') args.reps = Number(argv[++i]);
    else if (a === '--list') args.list = true;
    else if (a === '--clock') {
      const c = argv[++i];
      if (c !== 'cpu' && c !== 'wall') throw new Error('--clock must be cpu or wall');
      args.clock = c;
    }
    else if (a === '--json') continue;
    else if (a === '--child') args.child = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(args.reps) || args.reps < 5) throw new Error('--reps must be an integer ≥ 5 (medians need at least 5)');
  for (const name of args.cases) {
    if (!CASES.some((c) => c.name === name)) throw new Error(`unknown case '${name}'; cases: ${CASES.map((c) => c.name).join(', ')}`);
  }
  return args;
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`bench: error: ${(e as Error).message}\n`);
    process.exit(2);
  }
  if (args.list) {
    for (const c of CASES) process.stdout.write(`${c.name}\t${c.title}\n`);
    return;
  }
  const { root, outRoot } = benchRoots();
  copyBenchAssets(root, outRoot);
  const selected = args.cases.length === 0 ? CASES : CASES.filter((c) => args.cases.includes(c.name));
  const started = new Date();
  const machine = {
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    loadAverageAtStart: loadavg().map((x) => Number(x.toFixed(2))),
  };
  const results: BenchResult[] = [];
  const failures: { case: string; error: string }[] = [];
  if (args.child) {
    // One case in this fresh process: its result line is the whole output.
    const result = await selected[0].run({ reps: args.reps, clock: args.clock });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  for (const c of selected) {
    // Each case runs in a process of its own, so that what one case does to the VM (a
    // detached ArrayBuffer from WebAssembly memory growth, a deoptimised function, a full
    // heap) cannot slow the next one; pinned to core 0 with its one-thread peers, which
    // inherit the pinning (see affinity.ts).
    const argv = [process.execPath, process.argv[1], '--child', '--case', c.name, '--reps', String(args.reps), '--clock', args.clock];
    const t0 = performance.now();
    const [cmd, ...cmdArgs] = c.pinned === false ? argv : pinned(ONE_CORE, argv);
    const child = spawnSync(cmd, cmdArgs, {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status === 0 && line.startsWith('{')) {
      const result = JSON.parse(line) as BenchResult;
      results.push(result);
      process.stdout.write(`${line}\n`);
      log(summaryLine(result, (performance.now() - t0) / 1000));
    } else {
      const error = `exit code ${child.status ?? child.signal}`;
      failures.push({ case: c.name, error });
      log(`${c.name} skipped: ${error}`);
    }
  }
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  const body = { started: started.toISOString(), machine, reps: args.reps, clock: args.clock, results, failures };
  writeFileSync(`${file}.tmp`, `${JSON.stringify(body, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  log(`results written to ${pathToFileURL(file).pathname}`);
  // A named case that failed is an error; in a full run a missing optional case is not.
  if (args.cases.length > 0 && failures.length > 0) process.exit(1);
}

await main();
