import { listNonzeroExamples, type DenseScratch, type InputMajorSimd } from '../core/kernels/denseKernels.js';
import type { Dataset } from './Dataset.js';

/**
 * A mini-batch as the network consumes it: `count` examples gathered out of a dataset,
 * row-major. Row b of `inputs` holds example b's inputSize values (widened to float64),
 * row b of `targets` its one-hot target over the classes. The buffers hold `capacity`
 * rows and are reused from batch to batch.
 */
export interface Batch {
  count: number;
  readonly capacity: number;
  readonly inputSize: number;
  readonly classes: number;
  readonly inputs: Float64Array;
  readonly targets: Float64Array;
}

export function createBatch(inputSize: number, classes: number, capacity: number): Batch {
  return {
    count: 0,
    capacity,
    inputSize,
    classes,
    inputs: new Float64Array(capacity * inputSize),
    targets: new Float64Array(capacity * classes),
  };
}

/**
 * Copies the examples `indices[start … start+count)` of `data` into `batch` (inputs and
 * one-hot targets) and sets batch.count. The caller checks that the shapes agree.
 *
 * @example
 * const data = createDataset(new Float32Array([1, 2, 3, 4, 5, 6]), new Uint8Array([0, 1, 1]), 2, 2);
 * const batch = createBatch(2, 2, 10);
 * gatherBatch(data, [2, 0, 1], 0, 2, batch); // examples 2 and 0, in that order
 * batch.count // 2
 * batch.inputs[0] // 5
 * batch.targets[1] // 1 (example 2 is of class 1)
 */
export function gatherBatch(data: Dataset, indices: ArrayLike<number>, start: number, count: number, batch: Batch): void {
  const m = data.inputSize;
  const k = data.classes;
  const { inputs, targets } = batch;
  const x = data.inputs;
  // Widening float32 to float64 on the way costs nothing measurable (timed against a
  // float64 copy of the whole dataset, which would double its memory).
  for (let b = 0; b < count; b++) {
    const example = indices[start + b];
    const row = example * m;
    const o = b * m;
    for (let i = 0; i < m; i++) inputs[o + i] = x[row + i];
    const t = b * k;
    targets.fill(0, t, t + k);
    targets[t + data.labels[example]] = 1;
  }
  batch.count = count;
}

/**
 * gatherBatch for a first layer that reads its batch as lists of nonzero inputs (the
 * input-major layer that the one-thread trainer holds, EpochTrainer.ts): fills the
 * targets as gatherBatch does, but lists each example's nonzero inputs straight from `data` into `scratch` (see
 * denseKernels.ts listNonzeroExamples) instead of copying its row into batch.inputs,
 * which receives only the rows with at least half their inputs nonzero. The rest of
 * batch.inputs is stale: pass `listed` to sgdStep so that nothing reads it. With `simd`
 * (the held layer's module) the listing runs there.
 */
export function gatherBatchListed(
  data: Dataset,
  indices: ArrayLike<number>,
  start: number,
  count: number,
  batch: Batch,
  scratch: DenseScratch,
  simd: InputMajorSimd | null = null,
): void {
  const k = data.classes;
  const { targets } = batch;
  listNonzeroExamples(data.inputs, indices, start, count, data.inputSize, scratch, batch.inputs, simd);
  for (let b = 0; b < count; b++) {
    const t = b * k;
    targets.fill(0, t, t + k);
    targets[t + data.labels[indices[start + b]]] = 1;
  }
  batch.count = count;
}
