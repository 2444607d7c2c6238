import { cpus, loadavg } from 'node:os';
import { softmaxCrossEntropyKernel } from '../../src/core/kernels/softmaxCrossEntropyKernel.js';
import { createKernelArena } from '../../src/core/kernels/wasm/kernelArena.js';
import { createRng } from '../../src/core/random/createRng.js';
import { log, type BenchCase, type BenchResult } from '../BenchResult.js';
import { measure, type Runner } from '../interleave.js';
import { barrierRoundTrip } from '../parallel/barrierRoundTrip.js';
import { SoftmaxCeWorkers } from '../parallel/SoftmaxCeWorkers.js';
import { DEFAULT_SPINS } from '../../src/nn/threads/signal.js';
import { crossovers, type ThreadsResult, type ThreadsRow } from '../parallel/ThreadsResult.js';
import { timeThreads } from '../parallel/timeThreads.js';
import { torchRunner } from '../peers/torch.js';

/** The row shape, which bench/renderTable.ts imports from here. */
export type { ThreadsRow } from '../parallel/ThreadsResult.js';

const load = (): number[] => loadavg().map((x) => Number(x.toFixed(2)));

/**
 * Softmax cross-entropy fwd+bwd, float32, mean, on one core and on all of them, at sizes
 * from small to the benchmark's own, to show where a second thread starts to pay: xent
 * with SoftmaxCeWorkers (worker threads on a shared kernel arena) against PyTorch with as
 * many threads, on the wall clock (see timeThreads.ts). Sizes of one column count form a
 * family, and the result names each family's crossover (ThreadsResult.ts).
 */
export function softmaxCeThreadsCase(name: string, shapes: [number, number][]): BenchCase {
  return {
    name,
    title: 'softmax cross-entropy fwd+bwd, float32, 1 thread and all threads, elapsed time',
    pinned: false,
    async run({ reps }) {
      const start = load();
      const threads = cpus().length;
      const barrier = [await barrierRoundTrip(0), await barrierRoundTrip(DEFAULT_SPINS)];
      log(`${name}: a hand-over between two threads costs ${barrier.map((b) => `${b.medianUs} µs (${b.spins} polls)`).join(', ')}`);
      const rows: ThreadsRow[] = [];
      for (const [r, c] of shapes) {
        const n = r * c;
        const arena = createKernelArena(8 * n + 8 * r + 4096, { shared: true });
        if (arena === null) throw new Error('this runtime has no shared WebAssembly memory');
        const logits = arena.float32(n);
        const targets = arena.int32(r);
        const grad = arena.float32(n);
        const rng = createRng(1);
        for (let i = 0; i < n; i++) logits[i] = rng.normal();
        for (let i = 0; i < r; i++) targets[i] = rng.int(c);
        const workers = await SoftmaxCeWorkers.start(arena, threads, r);
        const spec = { kind: 'softmax-ce', rows: r, cols: c };
        const torch1 = await torchRunner(spec, 1);
        const torch2 = await torchRunner(spec, threads);
        const xent1: Runner = { name: 'xent 1 thread', rep: () => measure(() => softmaxCrossEntropyKernel(logits, targets, r, c, { grad })) };
        const xent2: Runner = { name: `xent ${threads} threads`, rep: () => measure(() => workers.run(logits, targets, r, c, grad)) };
        // The threads' answer must be the one-thread kernel's (the same rows, the same
        // code; SoftmaxCeWorkers.test.ts checks the gradient bit for bit).
        const a = softmaxCrossEntropyKernel(logits, targets, r, c, { grad: null }).loss;
        const b = workers.run(logits, targets, r, c, grad);
        if (Math.abs(a - b) > 1e-6 * Math.abs(a)) throw new Error(`threads disagree: ${a} vs ${b}`);
        try {
          log(`${name}: (${r}, ${c}): 3 warm-up and ${reps} timed rounds on core 0, then on all cores`);
          const row = await timeThreads({ xent1, xent2, torch1, torch2 }, reps, 3, { shape: [r, c], label: `(${r}, ${c})`, work: n, family: `${c} columns` });
          rows.push(row);
          log(`${name}: ${JSON.stringify(row)}`);
        } finally {
          torch1?.close();
          torch2?.close();
          await workers.stop();
        }
      }
      const result: ThreadsResult = {
        case: name,
        title: this.title,
        clock: 'wall',
        threads,
        reps,
        rows,
        crossover: crossovers(rows),
        barrier,
        loadAverage: { start, end: load() },
        notes: 'xent: SoftmaxCeWorkers (rows split between the calling thread and workers on one shared kernel arena); torch: torch.set_num_threads(1) and (threads)',
      };
      return result as unknown as BenchResult;
    },
  };
}
