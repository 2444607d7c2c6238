import type { TrainingPrecision } from '../trainingSettings.js';

/**
 * The committed run the rule below is read from (autoThreads.test.ts checks the rule
 * against it): `XENT_BENCH_PYTHON=/nonexistent npm run -s bench -- --case
 * mnist-epoch-threads --json` (PyTorch left out), 2026-12-07 16:17 UTC, Node 20.20.2,
 * 2 cores, load average 3.6 at the start and 2.5 at the end, medians of 7 interleaved rounds.
 */
export const AUTO_THREADS_RESULTS = 'docs/results/mnist-epoch-threads-2026-12-07d.json';

/**
 * The first-layer weights (inputs · units) and the batch from which a second thread pays,
 * in either precision. Read from AUTO_THREADS_RESULTS: two threads against one on the wall
 * clock, and in brackets the CPU-time bound (one thread's CPU time ÷ the busiest of two
 * threads': the speed-up an idle machine allows at most):
 *
 *                       batch   10           50           100          500
 *   float32 [784, 100, 10]      0.45 (0.65)  0.83 (1.16)  0.94 (1.24)  1.06 (1.40)
 *   float32 [784, 300, 10]      0.77 (1.13)  1.16 (1.55)  1.25 (1.63)  1.29 (1.62)
 *   float64 [784, 100, 10]      0.58 (0.72)  0.82 (0.95)  0.86 (0.97)  0.92 (1.02)
 *   float64 [784, 300, 10]      0.95 (1.15)  1.17 (1.33)  1.25 (1.38)  1.34 (1.48)
 *
 * The speed-up grows with the width of the first layer, whose units the threads split,
 * and with the batch, over which the two hand-overs per batch are spread. Two threads are
 * chosen where they were faster at that batch and every larger one and the bound is above
 * 1.3: [784, 300, 10] from batch 50, in both precisions (float32 [784, 100, 10] at batch
 * 500, 1.06×, is left to one thread as too close). Three earlier runs at loads 9–19 gave
 * bounds that choose the same networks; on their wall clocks two threads were mostly
 * slower than one, each hand-over waiting for a partner that had lost its core, which is
 * why the CLI offers 'auto' only the cores the load average leaves idle (src/threads/freeCores.ts).
 */
export const AUTO_THREADS_FROM_WEIGHTS: Record<TrainingPrecision, number> = {
  float64: 784 * 300,
  float32: 784 * 300,
};
export const AUTO_THREADS_MIN_BATCH = 50;

/** The most threads `threads: 'auto'` chooses: the crossover was measured on two. */
export const AUTO_THREADS_MAX = 2;

/**
 * The threads `threads: 'auto'` trains on: two (or `cores`, if fewer) where the first
 * layer holds at least AUTO_THREADS_FROM_WEIGHTS[precision] weights and the batch at least
 * AUTO_THREADS_MIN_BATCH examples, else one. `cores` is what the caller may use.
 *
 * @example
 * autoThreads('float32', [784, 300, 10], 100, 2) // 2
 * autoThreads('float32', [784, 300, 10], 10, 2) // 1
 */
export function autoThreads(precision: TrainingPrecision, sizes: readonly number[], batchSize: number, cores: number): number {
  const most = Math.max(1, Math.min(AUTO_THREADS_MAX, Math.floor(cores)));
  if (most === 1 || sizes.length < 3) return 1;
  const pays = sizes[0] * sizes[1] >= AUTO_THREADS_FROM_WEIGHTS[precision] && batchSize >= AUTO_THREADS_MIN_BATCH;
  return pays ? most : 1;
}
