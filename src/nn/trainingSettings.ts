import { XentError } from '../core/XentError.js';

/** The most threads a training run may ask for (the calling one included). More threads
 * than cores only add hand-overs; the cap keeps a typo from starting thousands. */
export const MAX_TRAINING_THREADS = 64;

export function checkEta(eta: number): number {
  if (!(Number.isFinite(eta) && eta > 0)) throw new XentError(`learning rate ${eta} must be a finite number > 0`, { field: 'eta' });
  return eta;
}

export function checkLambda(lambda: number): number {
  if (!(Number.isFinite(lambda) && lambda >= 0)) throw new XentError(`lambda ${lambda} must be a finite number ≥ 0`, { field: 'lambda' });
  return lambda;
}

export function checkBatchSize(batchSize: number): number {
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) {
    throw new XentError(`batch size ${batchSize} must be a positive integer`, { field: 'batchSize' });
  }
  return batchSize;
}

export function checkEpochs(epochs: number): number {
  if (!(Number.isInteger(epochs) && epochs >= 0)) throw new XentError(`epochs ${epochs} must be an integer ≥ 0`, { field: 'epochs' });
  return epochs;
}

export function checkThreads(threads: number): number {
  if (!(Number.isInteger(threads) && threads >= 1 && threads <= MAX_TRAINING_THREADS)) {
    throw new XentError(`threads ${threads} must be an integer in [1, ${MAX_TRAINING_THREADS}]`, { field: 'threads' });
  }
  return threads;
}

/**
 * The arithmetic a training run does: 'float64', the per-example trainer
 * (EpochTrainer.ts createSgdTrainer), exact and the same bit for bit on every runtime and
 * any number of threads; 'float32', the batched trainer (BatchedTrainer.ts), each
 * mini-batch through each layer as one matrix product in WebAssembly SIMD, about 2.5–3 times
 * faster, equal to the first up to float32 rounding, on one thread.
 */
export type TrainingPrecision = 'float64' | 'float32';
export const TRAINING_PRECISIONS: readonly TrainingPrecision[] = ['float64', 'float32'];

export function checkPrecision(precision: string): TrainingPrecision {
  if (!(TRAINING_PRECISIONS as readonly string[]).includes(precision)) {
    throw new XentError(`precision '${precision}' must be one of ${TRAINING_PRECISIONS.join(', ')}`, { field: 'precision' });
  }
  return precision as TrainingPrecision;
}

/** The settings of SGD once checked: what every epoch of a run uses unchanged. */
export interface SgdSettings {
  eta: number;
  lambda: number;
  /** n in the L2 penalty (λ/2n)·Σw² (see RegularizationOptions). */
  trainingSize: number;
  batchSize: number;
}
