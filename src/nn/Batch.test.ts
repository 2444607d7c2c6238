import { describe, expect, it } from 'vitest';
import { createBatch, gatherBatch } from './Batch.js';
import { createDataset } from './Dataset.js';

describe('gatherBatch', () => {
  const data = createDataset(Float32Array.from([0.5, 0, 0.25, 1, 0.125, 0.75]), Uint8Array.from([2, 0, 1]), 2, 3);

  it('copies the rows at indices[start …] in that order, with one-hot targets', () => {
    const batch = createBatch(2, 3, 4);
    gatherBatch(data, [1, 2, 0, 1], 1, 3, batch);
    expect(batch.count).toBe(3);
    expect(Array.from(batch.inputs.subarray(0, 6))).toEqual([0.125, 0.75, 0.5, 0, 0.25, 1]);
    expect(Array.from(batch.targets.subarray(0, 9))).toEqual([0, 1, 0, 0, 0, 1, 1, 0, 0]);
  });

  it('overwrites what an earlier batch left, targets included', () => {
    const batch = createBatch(2, 3, 2);
    gatherBatch(data, [0, 1], 0, 2, batch);
    gatherBatch(data, [1, 2], 0, 2, batch);
    expect(Array.from(batch.targets)).toEqual([1, 0, 0, 0, 1, 0]);
    expect(Array.from(batch.inputs)).toEqual([0.25, 1, 0.125, 0.75]);
  });
});
