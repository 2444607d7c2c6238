import { cpus } from 'node:os';
import { softmaxCrossEntropyKernel } from '../../src/core/kernels/softmaxCrossEntropyKernel.js';
import { createKernelArena } from '../../src/core/kernels/wasm/kernelArena.js';
import { createRng } from '../../src/core/random/createRng.js';
import { ALL_CORES, ONE_CORE, pinSelf } from '../affinity.js';
import { log, type BenchCase, type BenchResult } from '../BenchResult.js';
import { interleave, measure, type Runner } from '../interleave.js';
import { SoftmaxCeWorkers } from '../parallel/SoftmaxCeWorkers.js';
import { torchRunner } from '../peers/torch.js';
import { round3 } from '../timing.js';

/** One shape of the threads case: medians in ms of elapsed time. */
export interface ThreadsRow {
  shape: [number, number];
  xent1: number;
  xent2: number;
  torch1: number | null;
  torch2: number | null;
}

/**
 * Softmax cross-entropy fwd+bwd, float32, mean, on one core and on all of them, at sizes
 * from small to the benchmark's own, to show where a second thread starts to pay: xent
 * with SoftmaxCeWorkers (worker threads on a shared kernel arena) against PyTorch with as
 * many threads. Elapsed time (CPU time would add the threads up). Two phases per shape:
 * the one-thread contenders interleaved with the whole process pinned to core 0, then the
 * multi-thread ones interleaved on every core (pinning per repetition instead was
 * measured to charge the migration to the timed call).
 */
export function softmaxCeThreadsCase(name: string, shapes: [number, number][]): BenchCase {
  return {
    name,
    title: 'softmax cross-entropy fwd+bwd, float32, 1 thread and all threads, elapsed time',
    pinned: false,
    async run({ reps }) {
      const threads = cpus().length;
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
        const one: Runner = { name: 'xent 1 thread', rep: () => measure(() => softmaxCrossEntropyKernel(logits, targets, r, c, { grad })) };
        const two: Runner = { name: 'xent threads', rep: () => measure(() => workers.run(logits, targets, r, c, grad)) };
        // The threads' answer must be the one-thread kernel's (the same rows, the same code).
        const a = softmaxCrossEntropyKernel(logits, targets, r, c, { grad: null }).loss;
        const b = workers.run(logits, targets, r, c, grad);
        if (Math.abs(a - b) > 1e-6 * Math.abs(a)) throw new Error(`threads disagree: ${a} vs ${b}`);
        try {
          const single = [one, ...(torch1 === null ? [] : [torch1])];
          const multi = [two, ...(torch2 === null ? [] : [torch2])];
          log(`${name}: (${r}, ${c}): 3 warm-up and ${reps} timed rounds of ${single.map((x) => x.name).join(', ')} on core 0, then of ${multi.map((x) => x.name).join(', ')} on all`);
          pinSelf(ONE_CORE);
          const t = await interleave(single, reps, 3);
          pinSelf(ALL_CORES);
          for (const [k, v] of await interleave(multi, reps, 3)) t.set(k, v);
          const ms = (x: Runner | null): number | null => (x === null ? null : round3(t.get(x.name)!.wall.medianMs));
          rows.push({ shape: [r, c], xent1: ms(one)!, xent2: ms(two)!, torch1: ms(torch1), torch2: ms(torch2) });
          log(`${name}: (${r}, ${c}): ${JSON.stringify(rows[rows.length - 1])}`);
        } finally {
          torch1?.close();
          torch2?.close();
          await workers.stop();
        }
      }
      return { case: name, clock: 'wall', threads, reps, rows } as unknown as BenchResult;
    },
  };
}
