import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { XentError } from '../core/XentError.js';
import type { Dataset } from '../nn/Dataset.js';
import { datasetFromIdx } from './datasetFromIdx.js';
import { readIdxFile } from './readIdxFile.js';

/**
 * The four standard MNIST files in `dir` (the 60,000 training and 10,000 test digits):
 * train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
 * t10k-labels-idx1-ubyte, each optionally gzipped (`.gz`) and with `.idx` instead of
 * `-idx` (as some mirrors name them). Fashion-MNIST files have the same names.
 *
 * @example
 * const { train, test } = loadIdxDataset('data/mnist'); // train.n === 60000
 */
export function loadIdxDataset(dir: string, field = 'dataset'): { train: Dataset; test: Dataset } {
  const trainImages = findFile(dir, 'train-images', 'idx3-ubyte', field);
  const trainLabels = findFile(dir, 'train-labels', 'idx1-ubyte', field);
  const testImages = findFile(dir, 't10k-images', 'idx3-ubyte', field);
  const testLabels = findFile(dir, 't10k-labels', 'idx1-ubyte', field);
  const train = datasetFromIdx(readIdxFile(trainImages), readIdxFile(trainLabels), { images: trainImages, labels: trainLabels });
  const test = datasetFromIdx(readIdxFile(testImages), readIdxFile(testLabels), { images: testImages, labels: testLabels });
  if (train.inputSize !== test.inputSize) {
    throw new XentError(`train images have ${train.inputSize} pixels but test images ${test.inputSize}`, { field: testImages });
  }
  // Both parts must agree on the number of classes even if one lacks the largest label.
  const classes = Math.max(train.classes, test.classes);
  return { train: { ...train, classes }, test: { ...test, classes } };
}

function findFile(dir: string, stem: string, suffix: string, field: string): string {
  const candidates = [`${stem}-${suffix}`, `${stem}.${suffix}`].flatMap((name) => [name, `${name}.gz`]);
  for (const name of candidates) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  throw new XentError(`'${dir}' has no ${stem}-${suffix} (tried ${candidates.join(', ')})`, { field });
}
