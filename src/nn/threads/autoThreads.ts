import type { TrainingPrecision } from '../trainingSettings.js';

/**
 * The committed run the rule below is read from (autoThreads.test.ts checks the rule
 * against it): `XENT_BENCH_PYTHON=/nonexistent npm run -s bench -- --case
 * mnist-epoch-threads --json` (PyTorch left out), 2026-12-07 16:12 UTC, Node 20.20.2,
 * 2 cores, load average 9.8 at the start and 8.7 at the end, medians of 7 interleaved rounds.
 */
export const AUTO_THREADS_RESULTS = 'docs/results/mnist-epoch-threads-2026-12-07c.json';

/**
 * The first-layer weights (inputs · units) from which a second thread pays, in either
 * precision, and the smallest batch measured. Read from AUTO_THREADS_RESULTS by each
 * row's CPU-time bound (one thread's CPU time ÷ the busiest of two threads': the speed-up
 * an idle machine allows at most, whatever the load was), 2 threads against 1:
 *
 *                       batch   10     50     100    500
 *   float32 [784, 100, 10]      1.18   1.04   1.33   1.43
 *   float32 [784, 300, 10]      1.50   1.63   1.67   1.58
 *   float64 [784, 100, 10]      0.93   1.01   0.99   1.00
 *   float64 [784, 300, 10]      1.31   1.41   1.40   1.40
 *
 * The bound grows with the width of the first layer, whose units the threads split, and
 * falls at small batches, where the hand-overs (two per batch) cost most. Two threads are
 * chosen where every batch size measured bounds above 1.3: [784, 300, 10] in both
 * precisions. Two earlier runs of the same case (…-2026-12-07.json and …b.json, load
 * 16–19, before the calling thread's share followed the layer's width) gave the same
 * choice. On the wall clock, at such loads, two threads were mostly slower than one (0.43–1.04×
 * in the earlier runs): each hand-over waits for a partner that has lost its core, which is
 * why the CLI offers 'auto' only its free cores (src/threads/freeCores.ts).
 */
export const AUTO_THREADS_FROM_WEIGHTS: Record<TrainingPrecision, number> = {
  float64: 784 * 300,
  float32: 784 * 300,
};
export const AUTO_THREADS_MIN_BATCH = 10;

/** The most threads `threads: 'auto'` chooses: the crossover was measured on two. */
export const AUTO_THREADS_MAX = 2;

/**
 * The threads `threads: 'auto'` trains on: two (or `cores`, if fewer) where the first
 * layer holds at least AUTO_THREADS_FROM_WEIGHTS[precision] weights and the batch at least
 * AUTO_THREADS_MIN_BATCH examples, else one. `cores` is what the caller may use.
 *
 * @example
 * autoThreads('float32', [784, 300, 10], 100, 2) // 2
 * autoThreads('float32', [784, 100, 10], 100, 2) // 1
 */
export function autoThreads(precision: TrainingPrecision, sizes: readonly number[], batchSize: number, cores: number): number {
  const most = Math.max(1, Math.min(AUTO_THREADS_MAX, Math.floor(cores)));
  if (most === 1 || sizes.length < 3) return 1;
  const pays = sizes[0] * sizes[1] >= AUTO_THREADS_FROM_WEIGHTS[precision] && batchSize >= AUTO_THREADS_MIN_BATCH;
  return pays ? most : 1;
}
