import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { writeIdx } from '../formats/idx.js';
import { readIdxFile } from './readIdxFile.js';

const dir = mkdtempSync(join(tmpdir(), 'xent-idx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readIdxFile', () => {
  it('reads plain and gzipped files alike', () => {
    const bytes = writeIdx('ubyte', [3], [9, 8, 7]);
    writeFileSync(join(dir, 'plain'), bytes);
    writeFileSync(join(dir, 'zipped.gz'), gzipSync(bytes));
    expect(Array.from(readIdxFile(join(dir, 'plain')).data)).toEqual([9, 8, 7]);
    expect(Array.from(readIdxFile(join(dir, 'zipped.gz')).data)).toEqual([9, 8, 7]);
  });

  it('reports a missing file and corrupt gzip data', () => {
    expect(() => readIdxFile(join(dir, 'nope'))).toThrow(/cannot read: no such file/);
    const broken = gzipSync(writeIdx('ubyte', [100], new Array(100).fill(1))).subarray(0, 15);
    writeFileSync(join(dir, 'broken.gz'), broken);
    expect(() => readIdxFile(join(dir, 'broken.gz'))).toThrow(/corrupt gzip data.*broken\.gz/);
  });
});
