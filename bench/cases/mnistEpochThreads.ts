import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../../src/core/random/createRng.js';
import { loadMnist } from '../../src/data/loadMnist.js';
import { createBatchedSgdTrainer } from '../../src/nn/BatchedTrainer.js';
import { createSgdTrainer, type EpochTrainer } from '../../src/nn/EpochTrainer.js';
import { cloneNetwork, createNetwork, type Network } from '../../src/nn/Network.js';
import { BatchedThreadsTrainer } from '../../src/nn/threads/BatchedThreads.js';
import { ThreadedTrainer } from '../../src/nn/threads/TrainingThreads.js';
import { nodeTrainingWorkers } from '../../src/threads/startNodeTrainingWorker.js';
import { threadCpuMs } from '../../src/threads/threadCpuMs.js';
import { ALL_CORES, ONE_CORE, pinSelf } from '../affinity.js';
import { log, type BenchCase, type BenchResult } from '../BenchResult.js';
import { interleave, measure, type ClockTimings, type Runner } from '../interleave.js';
import { crossovers, type ThreadsResult, type ThreadsRow } from '../parallel/ThreadsResult.js';
import { torchRunner } from '../peers/torch.js';
import { median, round3 } from '../timing.js';

const ETA = 0.5;
const load = (): number[] => loadavg().map((x) => Number(x.toFixed(2)));

/** Whether two networks hold the same weights and biases, bit for bit. */
function sameBits(a: Network, b: Network): boolean {
  const bits = (x: Float64Array): BigInt64Array => new BigInt64Array(x.buffer, x.byteOffset, x.length);
  const same = (x: Float64Array, y: Float64Array): boolean => bits(x).every((v, i) => v === bits(y)[i]);
  return a.weights.every((w, l) => same(w, b.weights[l]) && same(a.biases[l], b.biases[l]));
}

/**
 * One epoch of mini-batch SGD over the 8,000 training digits (the mnist-epoch case's
 * set-up: sigmoid layers, cross-entropy, η = 0.5) at growing batch sizes, on one thread
 * and on all of them, in both precisions: float64, src/nn's createSgdTrainer against its
 * ThreadedTrainer (`xent train --threads N`), and float32, the batched trainer
 * (createBatchedSgdTrainer) against BatchedThreadsTrainer (`--precision float32
 * --threads N`); each multi-thread trainer splits the first layer's units between the
 * threads and gives the one-thread weights bit for bit, checked here before timing. The
 * peers are PyTorch on one thread and on as many (torch_peer.py's mnist-epoch with the
 * batch in its spec). All six run in the same interleaved rounds, in rotating order, on
 * the wall clock: each one-thread contender with the process pinned to core 0, each
 * multi-thread one on every core, so that a busy spell on a shared machine slows both
 * sides of a speed-up alike. Each network and precision is a family, read along the
 * batch size.
 */
export function mnistEpochThreadsCase(name: string, networks: number[][], batchSizes: number[]): BenchCase {
  return {
    name,
    title: `MNIST epoch, 8,000 digits, batches of ${batchSizes.join(', ')}, float64 and float32, 1 thread and all threads, elapsed time`,
    pinned: false,
    async run({ reps }) {
      const start = load();
      const threads = cpus().length;
      const { train } = loadMnist();
      const dir = mkdtempSync(join(tmpdir(), 'xent-bench-'));
      const rows: ThreadsRow[] = [];
      try {
        const imagesPath = join(dir, 'images.f32');
        const labelsPath = join(dir, 'labels.u8');
        writeFileSync(imagesPath, new Uint8Array(train.inputs.buffer, train.inputs.byteOffset, train.inputs.byteLength));
        writeFileSync(labelsPath, train.labels);
        for (const sizes of networks) {
          for (const batch of batchSizes) {
            const settings = { eta: ETA, lambda: 0, trainingSize: train.n, batchSize: batch };
            const label = `[${sizes.join(', ')}], batch ${batch}`;
            const pairs: Pair[] = [];
            const spec = { kind: 'mnist-epoch', sizes, n: train.n, batch, eta: ETA, imagesPath, labelsPath };
            const torch1 = await torchRunner(spec, 1);
            const torch2 = await torchRunner(spec, threads);
            try {
              for (const precision of ['float64', 'float32'] as const) {
                const one = createNetwork({ sizes, cost: 'cross-entropy', rng: createRng(3) });
                const many = cloneNetwork(one);
                const single = precision === 'float64' ? createSgdTrainer(one, train, settings) : createBatchedSgdTrainer(one, train, settings);
                if (single === null) throw new Error('no WebAssembly SIMD here');
                const opts = { cpuMs: threadCpuMs };
                const trainer =
                  precision === 'float64'
                    ? ThreadedTrainer.start(many, train, settings, threads, nodeTrainingWorkers(), opts)
                    : BatchedThreadsTrainer.start(many, train, settings, threads, nodeTrainingWorkers(), opts);
                pairs.push(contenders(precision, threads, single, trainer));
                // Before timing: the threads' epoch is the one thread's, bit for bit.
                const pair = pairs.at(-1)!;
                pair.single.runEpoch(pair.rngOne);
                pair.trainer.runEpoch(pair.rngMany);
                if (!sameBits(single.readNetwork(), trainer.readNetwork())) throw new Error(`${precision} ${label}: the threads' weights differ from one thread's`);
              }
              const pinnedTo = (core: string, r: Runner): Runner => ({
                ...r,
                rewarm: 0,
                rep: () => {
                  pinSelf(core);
                  return r.rep();
                },
              });
              const runners = [
                ...pairs.flatMap((p) => [pinnedTo(ONE_CORE, p.xent1), pinnedTo(ALL_CORES, p.xent2)]),
                ...(torch1 === null ? [] : [{ ...torch1, rewarm: 0 }]),
                ...(torch2 === null ? [] : [{ ...torch2, rewarm: 0 }]),
              ];
              // An epoch is long enough to be its own steady state: no untimed repetition
              // before each timed one, one warm-up round.
              log(`${name}: ${label}: 1 warm-up and ${reps} timed rounds, one-thread contenders on core 0, the others on all cores`);
              const t = await interleave(runners, reps, 1);
              pinSelf(ALL_CORES);
              for (const p of pairs) {
                const row = threadsRow(t, p, torch1?.name, torch2?.name, {
                  shape: [sizes[1], batch],
                  label: `${p.precision} ${label}`,
                  work: batch,
                  family: `${p.precision} [${sizes.join(', ')}]`,
                });
                rows.push(row);
                log(`${name}: ${JSON.stringify(row)}`);
              }
            } finally {
              pinSelf(ALL_CORES);
              torch1?.close();
              torch2?.close();
              for (const p of pairs) {
                p.single.close();
                p.trainer.close();
              }
            }
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const result: ThreadsResult = {
        case: name,
        title: this.title,
        clock: 'wall',
        threads,
        reps,
        rows,
        crossover: crossovers(rows),
        loadAverage: { start, end: load() },
        notes:
          'float64: src/nn createSgdTrainer on 1 thread, ThreadedTrainer on all; float32: createBatchedSgdTrainer on 1 thread, BatchedThreadsTrainer on all; src/threads workers; the same weights bit for bit on 1 and all threads; torch in float32, the same runs in both precisions\' rows; one- and all-thread contenders interleaved in the same rounds; threadCpuMs: CPU time per thread (Linux schedstat), which bounds the speed-up an idle machine allows',
      };
      return result as unknown as BenchResult;
    },
  };
}

/** One precision's contenders: one thread and all, with their CPU times per epoch. */
interface Pair {
  precision: 'float64' | 'float32';
  single: EpochTrainer;
  trainer: EpochTrainer & { lastEpochCpuMs: number[] };
  rngOne: ReturnType<typeof createRng>;
  rngMany: ReturnType<typeof createRng>;
  xent1: Runner;
  xent2: Runner;
  cpuOne: number[];
  cpuMany: number[][];
}

function contenders(precision: Pair['precision'], threads: number, single: EpochTrainer, trainer: Pair['trainer']): Pair {
  const p: Pair = { precision, single, trainer, rngOne: createRng(4), rngMany: createRng(4), cpuOne: [], cpuMany: [] } as unknown as Pair;
  p.xent1 = {
    name: `xent ${precision} 1 thread`,
    rep: () =>
      measure(() => {
        const c0 = threadCpuMs();
        single.runEpoch(p.rngOne);
        p.cpuOne.push(threadCpuMs() - c0);
      }),
  };
  p.xent2 = {
    name: `xent ${precision} ${threads} threads`,
    rep: () =>
      measure(() => {
        trainer.runEpoch(p.rngMany);
        p.cpuMany.push(trainer.lastEpochCpuMs);
      }),
  };
  return p;
}

/** The row of one precision from the rounds' timings (torch's are shared by both precisions' rows). */
function threadsRow(
  t: Map<string, ClockTimings>,
  p: Pair,
  torch1Name: string | undefined,
  torch2Name: string | undefined,
  row: Pick<ThreadsRow, 'shape' | 'label' | 'work' | 'family'>,
): ThreadsRow {
  const ms = (name: string | undefined): number | null => (name === undefined ? null : round3(t.get(name)!.wall.medianMs));
  const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : round3(a / b));
  const xent1 = ms(p.xent1.name)!;
  const xent2 = ms(p.xent2.name)!;
  const torch1 = ms(torch1Name);
  const torch2 = ms(torch2Name);
  const spreadMs: Record<string, [number, number]> = {};
  for (const name of [p.xent1.name, p.xent2.name, torch1Name, torch2Name]) {
    if (name === undefined) continue;
    const timing = t.get(name)!;
    spreadMs[name] = [round3(timing.wall.minMs)!, round3(Math.max(...timing.wall.samplesMs))!];
  }
  const result: ThreadsRow = {
    ...row,
    xent1,
    xent2,
    torch1,
    torch2,
    ratios: { speedup: ratio(xent1, xent2)!, torch1: ratio(torch1, xent1), torch2: ratio(torch2, xent2), torchSpeedup: ratio(torch1, torch2) },
    spreadMs,
  };
  // The warm-up round's samples are the first; the timed ones follow.
  const c1 = median(p.cpuOne.slice(1));
  const threads = p.cpuMany[0]?.length ?? 0;
  const c2 = Array.from({ length: threads }, (_, i) => median(p.cpuMany.slice(1).map((c) => c[i])));
  if (c2.every(Number.isFinite) && Number.isFinite(c1)) {
    result.threadCpuMs = { xent1: round3(c1)!, xent2: c2.map((c) => round3(c)!), boundSpeedup: round3(c1 / Math.max(...c2))! };
  }
  return result;
}
