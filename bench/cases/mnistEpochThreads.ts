import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../../src/core/random/createRng.js';
import { loadMnist } from '../../src/data/loadMnist.js';
import { createSgdTrainer } from '../../src/nn/EpochTrainer.js';
import { cloneNetwork, createNetwork, type Network } from '../../src/nn/Network.js';
import { ThreadedTrainer } from '../../src/nn/threads/TrainingThreads.js';
import { nodeTrainingWorkers } from '../../src/threads/startNodeTrainingWorker.js';
import { threadCpuMs } from '../../src/threads/threadCpuMs.js';
import { log, type BenchCase, type BenchResult } from '../BenchResult.js';
import { measure, type Runner } from '../interleave.js';
import { crossovers, type ThreadsResult, type ThreadsRow } from '../parallel/ThreadsResult.js';
import { timeThreads } from '../parallel/timeThreads.js';
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
 * (src/nn's createSgdTrainer) and on all of them (src/nn's ThreadedTrainer, what
 * `xent train --threads` runs: the first layer's units split between threads, bit for bit
 * the same weights, checked here before timing), against
 * PyTorch on one thread and on as many (torch_peer.py's mnist-epoch with the batch in its
 * spec), on the wall clock (see timeThreads.ts). Each network is a family, read along
 * the batch size.
 */
export function mnistEpochThreadsCase(name: string, networks: number[][], batchSizes: number[]): BenchCase {
  return {
    name,
    title: `MNIST epoch, 8,000 digits, batches of ${batchSizes.join(', ')}, 1 thread and all threads, elapsed time`,
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
            const one = createNetwork({ sizes, cost: 'cross-entropy', rng: createRng(3) });
            const many = cloneNetwork(one);
            const rngOne = createRng(4);
            const rngMany = createRng(4);
            const settings = { eta: ETA, lambda: 0, trainingSize: train.n, batchSize: batch };
            const single = createSgdTrainer(one, train, settings);
            const trainer = ThreadedTrainer.start(many, train, settings, threads, nodeTrainingWorkers(), { cpuMs: threadCpuMs });
            // Before timing: the threads' epoch is the one thread's, bit for bit.
            single.runEpoch(rngOne);
            trainer.runEpoch(rngMany);
            if (!sameBits(single.readNetwork(), trainer.readNetwork())) throw new Error(`[${sizes.join(', ')}], batch ${batch}: the threads' weights differ from trainEpoch's`);
            const spec = { kind: 'mnist-epoch', sizes, n: train.n, batch, eta: ETA, imagesPath, labelsPath };
            const torch1 = await torchRunner(spec, 1);
            const torch2 = await torchRunner(spec, threads);
            // An epoch is long enough to be its own steady state: no untimed repetition
            // before each timed one.
            const cpuOne: number[] = [];
            const cpuMany: number[][] = [];
            const xent1: Runner = {
              name: 'xent 1 thread',
              rewarm: 0,
              rep: () =>
                measure(() => {
                  const c0 = threadCpuMs();
                  single.runEpoch(rngOne);
                  cpuOne.push(threadCpuMs() - c0);
                }),
            };
            const xent2: Runner = {
              name: `xent ${threads} threads`,
              rewarm: 0,
              rep: () =>
                measure(() => {
                  trainer.runEpoch(rngMany);
                  cpuMany.push(trainer.lastEpochCpuMs);
                }),
            };
            const label = `[${sizes.join(', ')}], batch ${batch}`;
            try {
              log(`${name}: ${label}: 1 warm-up and ${reps} timed rounds on core 0, then on all cores`);
              const row = await timeThreads(
                { xent1, xent2, torch1: torch1 && { ...torch1, rewarm: 0 }, torch2: torch2 && { ...torch2, rewarm: 0 } },
                reps,
                1,
                { shape: [sizes[1], batch], label, work: batch, family: `[${sizes.join(', ')}]` },
              );
              // The warm-up round's samples are the first; the timed ones follow.
              const c1 = median(cpuOne.slice(1));
              const c2 = Array.from({ length: threads }, (_, t) => median(cpuMany.slice(1).map((c) => c[t])));
              if (c2.every(Number.isFinite) && Number.isFinite(c1)) {
                row.threadCpuMs = { xent1: round3(c1)!, xent2: c2.map((c) => round3(c)!), boundSpeedup: round3(c1 / Math.max(...c2))! };
              }
              rows.push(row);
              log(`${name}: ${JSON.stringify(row)}`);
            } finally {
              torch1?.close();
              torch2?.close();
              single.close();
              trainer.close();
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
          'xent 1 thread: src/nn createSgdTrainer; xent threads: src/nn ThreadedTrainer with src/threads workers (same weights bit for bit); float64 weights; torch in float32; threadCpuMs: CPU time per thread (Linux schedstat), which bounds the speed-up an idle machine allows',
      };
      return result as unknown as BenchResult;
    },
  };
}
