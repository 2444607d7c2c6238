import { XentError } from '../core/XentError.js';
import { createRng } from '../core/random/createRng.js';
import { shuffleInPlace } from '../core/random/shuffleInPlace.js';
import { subset, type Dataset } from './Dataset.js';

export interface SplitOptions {
  /** Examples in the training part. */
  trainSize: number;
  /** Examples in the test part; trainSize + testSize must not exceed the data. */
  testSize: number;
  /** Seed of the permutation; the same seed always gives the same split. */
  seed: number;
}

/**
 * A deterministic random split: the examples are permuted with a seeded Fisher–Yates
 * shuffle, the first `trainSize` of the permutation form the training part and the next
 * `testSize` the test part. The two parts never share an example.
 *
 * @example
 * const { train, test } = splitDataset(digits, { trainSize: 8000, testSize: 2000, seed: 0 });
 */
export function splitDataset(data: Dataset, options: SplitOptions): { train: Dataset; test: Dataset } {
  const { trainSize, testSize, seed } = options;
  for (const [field, v] of [['trainSize', trainSize], ['testSize', testSize]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new XentError(`${v} must be a positive integer`, { field });
  }
  if (trainSize + testSize > data.n) {
    throw new XentError(`train size ${trainSize} + test size ${testSize} exceed the ${data.n} examples`, { field: 'trainSize' });
  }
  const order = Int32Array.from({ length: data.n }, (_, i) => i);
  shuffleInPlace(order, createRng(seed));
  return {
    train: subset(data, order.subarray(0, trainSize)),
    test: subset(data, order.subarray(trainSize, trainSize + testSize)),
  };
}
