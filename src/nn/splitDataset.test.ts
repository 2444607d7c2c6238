import { describe, expect, it } from 'vitest';
import { createDataset, subset } from './Dataset.js';
import { splitDataset } from './splitDataset.js';

// Example i has the single input value i, so each part reveals which examples it holds.
const n = 100;
const data = createDataset(Float32Array.from({ length: n }, (_, i) => i), Uint8Array.from({ length: n }, (_, i) => i % 3), 1, 3);
const ids = (d: { inputs: Float32Array }) => Array.from(d.inputs);

describe('splitDataset', () => {
  it('gives disjoint parts of the requested sizes that keep each example with its label', () => {
    const { train, test } = splitDataset(data, { trainSize: 70, testSize: 20, seed: 1 });
    expect(train.n).toBe(70);
    expect(test.n).toBe(20);
    const seen = new Set([...ids(train), ...ids(test)]);
    expect(seen.size).toBe(90);
    for (const part of [train, test]) part.labels.forEach((y, r) => expect(y).toBe(part.inputs[r] % 3));
  });

  it('is a shuffled, seed-determined selection', () => {
    const a = splitDataset(data, { trainSize: 50, testSize: 50, seed: 1 });
    const b = splitDataset(data, { trainSize: 50, testSize: 50, seed: 1 });
    const c = splitDataset(data, { trainSize: 50, testSize: 50, seed: 2 });
    expect(ids(b.train)).toEqual(ids(a.train));
    expect(ids(c.train)).not.toEqual(ids(a.train));
    expect(ids(a.train)).not.toEqual([...ids(a.train)].sort((x, y) => x - y));
  });

  it('rejects sizes that do not fit', () => {
    expect(() => splitDataset(data, { trainSize: 90, testSize: 11, seed: 1 })).toThrow(/exceed the 100 examples.*\(trainSize\)/);
    expect(() => splitDataset(data, { trainSize: 0, testSize: 1, seed: 1 })).toThrow(/\(trainSize\)/);
  });
});

describe('createDataset and subset', () => {
  it('check shapes, labels and values', () => {
    expect(() => createDataset(new Float32Array(5), new Uint8Array(2), 2, 2)).toThrow(/\(inputs\)/);
    expect(() => createDataset(new Float32Array(4), Uint8Array.from([0, 2]), 2, 2)).toThrow(/\(labels, index 1\)/);
    expect(() => createDataset(Float32Array.from([0, 0, NaN, 0]), new Uint8Array(2), 2, 2)).toThrow(/\(inputs, index 1\)/);
    expect(ids(subset(data, [5, 3]))).toEqual([5, 3]);
    expect(() => subset(data, [100])).toThrow(/\(indices, index 0\)/);
  });
});
