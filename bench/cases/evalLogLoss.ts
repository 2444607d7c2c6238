import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { evaluateSources } from '../../src/eval/evaluateSources.js';
import { fileByteSource } from '../../src/data/fileByteSource.js';
import { log, makeResult, type BenchCase, type Peers } from '../BenchResult.js';
import { interleave, measure, type Runner } from '../interleave.js';

const PYTHON = '/usr/bin/python3';
const GENERATOR = new URL('../../../../../bench/peers/eval_generate.py', import.meta.url).pathname;
const PEER = new URL('../../../../../bench/peers/eval_peer.py', import.meta.url).pathname;

/** The generated files (never committed): bench/peers/eval_generate.py, seeded, kept in the temp dir between runs. */
export function evalBenchFiles(megabytes: number, digits: 'full' | 'short', classes = 10): { pred: string; labels: string } {
  const dir = join(process.env.XENT_EVAL_BENCH_DIR ?? join(tmpdir(), 'xent-bench-eval'), `${digits}-${megabytes}MB-${classes}`);
  const pred = join(dir, 'pred.csv');
  const labels = join(dir, 'labels.csv');
  if (!existsSync(pred) || !existsSync(labels)) {
    log(`generating ${megabytes} MB of predictions in ${dir}`);
    const r = spawnSync(PYTHON, [GENERATOR, dir, String(megabytes), '--digits', digits, '--classes', String(classes)], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`eval_generate.py failed (${r.status})`);
  }
  return { pred, labels };
}

/** pandas.read_csv + scikit-learn as a persistent process that times one whole run per request. */
function pandasRunner(pred: string, labels: string): Runner & { close(): void; last?: Record<string, number> } {
  const child = spawn(PYTHON, [PEER, pred, labels, '--serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const runner = {
    name: 'pandas+sklearn',
    last: undefined as Record<string, number> | undefined,
    async rep() {
      child.stdin.write('run\n');
      const line = await lines.next();
      if (line.done) throw new Error('eval_peer.py ended');
      const r = JSON.parse(line.value) as Record<string, number>;
      runner.last = r;
      return { wallMs: r.wallMs, cpuMs: r.cpuMs };
    },
    close() {
      child.stdin.end();
    },
  };
  return runner;
}

/**
 * `xent eval` on a CSV of softmax probabilities (10 classes) and a CSV of labels: the whole
 * run (read, parse, log-loss, accuracy, Brier, equal-width ECE/MCE and the class-wise
 * bins), ours in process through evaluateSources, against pandas.read_csv + scikit-learn
 * (log_loss, accuracy_score) + NumPy for Brier and ECE in a persistent Python process.
 * Throughput is the predictions file's size over the run's time.
 */
export function evalLogLossCase(name: string, megabytes: number, digits: 'full' | 'short'): BenchCase {
  return {
    name,
    title: `xent eval of a ${megabytes} MB CSV (10 classes, ${digits === 'full' ? '17-digit' : '8-decimal'} probabilities) vs pandas.read_csv + scikit-learn`,
    async run({ reps, clock }) {
      const { pred, labels } = evalBenchFiles(megabytes, digits);
      const bytes = statSync(pred).size;
      let ours: Awaited<ReturnType<typeof evaluateSources>> | undefined;
      const xent: Runner = {
        name: 'xent',
        rep: () =>
          measure(async () => {
            ours = await evaluateSources({ pred: fileByteSource(pred, '--pred'), labels: fileByteSource(labels, '--labels') });
          }),
      };
      const peer = pandasRunner(pred, labels);
      try {
        const timings = await interleave([xent, peer], reps, 1);
        const pick = (n: string, c: 'cpu' | 'wall') => timings.get(n)![c].medianMs;
        const theirs = peer.last!;
        const agree = Math.abs(theirs.logLoss - ours!.logLoss) / theirs.logLoss;
        // scikit-learn 1.2 divides each row by its sum before the log; xent takes rows within
        // 1e-6 of 1 as they are (no silent fix). 8-decimal rows sum to 1 ± ~1e-8, hence the bound.
        if (!(agree < (digits === 'full' ? 1e-12 : 1e-7))) throw new Error(`log-loss differs from the peer's: ${ours!.logLoss} vs ${theirs.logLoss}`);
        const mbps = (ms: number) => Math.round((bytes / 1e6 / (ms / 1000)) * 10) / 10;
        const result = (c: 'cpu' | 'wall') => {
          const oursMs = pick('xent', c);
          const peerMs = pick('pandas+sklearn', c);
          const peers = { 'tfjs-cpu': null, 'tfjs-wasm': null, torch: null, 'pandas+sklearn': peerMs } as Peers;
          return makeResult({
            case: name,
            shape: `${(bytes / 1e6).toFixed(1)} MB, ${ours!.n} rows × 10`,
            clock: c,
            oursMs,
            peers,
            streamingLimitMs: null,
            reps,
            notes: `MB/s (${c} clock): xent ${mbps(oursMs)}, pandas+sklearn ${mbps(peerMs)}; log-loss ${ours!.logLoss} agrees with the peer to ${agree.toExponential(1)}`,
            spreadMs: Object.fromEntries([...timings].map(([n, t]) => [n, [t[c].minMs, Math.max(...t[c].samplesMs)]])),
          });
        };
        const main = result(clock);
        const other = result(clock === 'cpu' ? 'wall' : 'cpu');
        return {
          ...main,
          otherClock: { clock: other.clock, oursMs: other.oursMs, peers: other.peers, streamingLimitMs: null, ratios: other.ratios, ...(other.spreadMs === undefined ? {} : { spreadMs: other.spreadMs }) },
        };
      } finally {
        peer.close();
      }
    },
  };
}
