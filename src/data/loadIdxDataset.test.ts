import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { writeIdx } from '../formats/idx.js';
import { loadDataset } from './loadDataset.js';
import { loadIdxDataset } from './loadIdxDataset.js';

const root = mkdtempSync(join(tmpdir(), 'xent-idxds-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes the four MNIST-named files for n train and m test 2×2 images into a new directory. */
function writeSet(name: string, options: { gzip?: boolean; dot?: boolean; testLabels?: number[] } = {}): string {
  const dir = join(root, name);
  mkdirSync(dir);
  const save = (stem: string, suffix: string, bytes: Uint8Array) => {
    const file = `${stem}${options.dot ? '.' : '-'}${suffix}${options.gzip ? '.gz' : ''}`;
    writeFileSync(join(dir, file), options.gzip ? gzipSync(bytes) : bytes);
  };
  save('train-images', 'idx3-ubyte', writeIdx('ubyte', [3, 2, 2], [0, 255, 51, 102, 255, 0, 0, 0, 1, 2, 3, 4]));
  save('train-labels', 'idx1-ubyte', writeIdx('ubyte', [3], [1, 0, 2]));
  save('t10k-images', 'idx3-ubyte', writeIdx('ubyte', [1, 2, 2], [255, 255, 0, 0]));
  save('t10k-labels', 'idx1-ubyte', writeIdx('ubyte', [options.testLabels?.length ?? 1], options.testLabels ?? [0]));
  return dir;
}

describe('loadIdxDataset', () => {
  it('reads the standard file names, plain or gzipped, with pixels scaled to [0, 1]', () => {
    for (const options of [{}, { gzip: true }, { dot: true, gzip: true }]) {
      const { train, test } = loadIdxDataset(writeSet(`set-${JSON.stringify(options).replace(/\W/g, '')}`, options));
      expect(train.n).toBe(3);
      expect(train.inputSize).toBe(4);
      expect(Array.from(train.inputs.subarray(0, 4))).toEqual([0, 1, 51 / 255, 102 / 255].map(Math.fround));
      expect(Array.from(train.labels)).toEqual([1, 0, 2]);
      expect(test.n).toBe(1);
      // The test labels stop at 0, but both parts share the class count.
      expect(test.classes).toBe(3);
      expect(train.classes).toBe(3);
    }
  });

  it('names the missing file and a label count that does not match', () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    expect(() => loadIdxDataset(empty, '--dataset')).toThrow(/has no train-images-idx3-ubyte \(tried .*\.gz\) \(--dataset\)/);
    expect(() => loadIdxDataset(writeSet('mismatch', { testLabels: [0, 1] }))).toThrow(/2 labels for 1 images/);
  });
});

describe('loadDataset', () => {
  it('reads idx:DIR, keeps the first examples on request, and rejects unknown names', () => {
    const dir = writeSet('viaSpec');
    const all = loadDataset(`idx:${dir}`, {});
    expect([all.train.n, all.test.n]).toEqual([3, 1]);
    const some = loadDataset(`idx:${dir}`, { trainSize: 2 });
    expect(Array.from(some.train.labels)).toEqual([1, 0]);
    expect(() => loadDataset(`idx:${dir}`, { trainSize: 4 }, '--dataset')).toThrow(/4 must be an integer in 1..3 \(trainSize\)/);
    expect(() => loadDataset('cifar', {}, '--dataset')).toThrow(/unknown dataset 'cifar', expected mnist or idx:DIR \(--dataset\)/);
  });
});
