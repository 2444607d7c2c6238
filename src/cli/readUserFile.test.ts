import { closeSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliBounded } from '../../test/cli/runCliBounded.js';
import { INPUT_SIZE_LIMITS } from './inputSizeLimit.js';
import { readUserFile } from './readUserFile.js';

const dir = mkdtempSync(join(tmpdir(), 'xent-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A model of 784 inputs and 10 outputs, all zero: predict runs on it. */
const model = join(dir, 'model.json');
writeFileSync(model, JSON.stringify({ format: 'xent-mlp', version: 1, sizes: [784, 10], cost: 'cross-entropy', weights: [new Array(7840).fill(0)], biases: [new Array(10).fill(0)] }));

/** A file of `size` bytes that takes no disk: a hole. */
function sparse(name: string, size: number): string {
  const path = join(dir, name);
  closeSync(openSync(path, 'w'));
  truncateSync(path, size);
  return path;
}

const oneLine = (stderr: string) => stderr.split('\n').filter((l) => l !== '');

describe('readUserFile', () => {
  it('reads a file of exactly the limit and refuses one byte more', () => {
    const path = join(dir, 'ten');
    writeFileSync(path, '0123456789');
    expect(readUserFile(path, '--p', 10).toString()).toBe('0123456789');
    expect(() => readUserFile(path, '--p', 9)).toThrow(`'${path}' is larger than the 9 bytes that --p reads`);
  });

  it('says why a file cannot be read, errno in words', () => {
    expect(() => readUserFile(join(dir, 'missing'), '--p')).toThrow(/no such file or directory \(ENOENT\)/);
    expect(() => readUserFile(dir, '--p')).toThrow(/it is a directory \(EISDIR\)/);
  });
});

describe('every file-reading flag stops at its limit', () => {
  // Each endless input under 2 GiB of writable memory and 20 s: reading it whole would die of
  // the memory cap (exit 134) or be killed, not exit 2 with one line.
  const endless: [string, string[], RegExp][] = [
    ['info --p', ['info', '--p', '@/dev/zero'], /^xent: error: '\/dev\/zero' is larger than the 16 MiB that --p reads \(--p\)$/],
    ['info --q', ['info', '--p', '0.5,0.5', '--q', '@/dev/zero'], /larger than the 16 MiB that --q reads \(--q\)$/],
    ['info --joint', ['info', '--joint', '/dev/zero'], /larger than the 64 MiB that --joint reads \(--joint\)$/],
    ['loss --request', ['loss', '--request', '/dev/zero'], /larger than the 64 MiB that --request reads \(--request\)$/],
    ['predict --model', ['predict', '--model', '/dev/zero', '--images', '/dev/zero'], /larger than the 256 MiB that --model reads \(--model\)$/],
    ['predict --images', ['predict', '--model', model, '--images', '/dev/zero'], /larger than the 64 MiB that --images reads \(--images\)$/],
  ];
  for (const [name, args, line] of endless) {
    it(`${name} /dev/zero: exit 2 with one line`, () => {
      const r = runCliBounded(args);
      expect(r.signal).toBeNull();
      expect(oneLine(r.stderr)).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(line);
      expect(r.status).toBe(2);
    });
  }

  it('loss --request - with /dev/zero on standard input: exit 2 with one line', () => {
    const zero = openSync('/dev/zero', 'r');
    try {
      const r = runCliBounded(['loss', '--request', '-'], { stdin: zero });
      expect(r.stderr.trim()).toBe('xent: error: standard input is larger than the 64 MiB that --request reads (--request)');
      expect(r.status).toBe(2);
    } finally {
      closeSync(zero);
    }
  });

  it('refuses a regular file past the limit from its size, without reading it', () => {
    // 16 GiB of hole: reading it would take minutes and all memory.
    const huge = sparse('huge.json', 16 * 2 ** 30);
    for (const [flag, args] of [
      ['--p', ['info', '--p', `@${huge}`]],
      ['--joint', ['info', '--joint', huge]],
      ['--request', ['loss', '--request', huge]],
      ['--model', ['predict', '--model', huge, '--images', huge]],
    ] as const) {
      const r = runCliBounded(args, { timeoutMs: 10_000 });
      expect(r.stderr.trim()).toBe(`xent: error: '${huge}' is larger than the ${INPUT_SIZE_LIMITS[flag] / 2 ** 20} MiB that ${flag} reads (${flag})`);
      expect(r.status).toBe(2);
    }
  });
});

describe('IDX images are checked against their declared size before inflating', () => {
  let zeros: Buffer | undefined;
  /** 784 MiB of zeros in 196 gzip members of 4 MiB each, behind a header: under 1 MB on disk. */
  function gzipBomb(name: string, dims: number[]): string {
    const header = Buffer.alloc(4 + 4 * dims.length);
    header[2] = 0x08; // ubyte
    header[3] = dims.length;
    dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
    zeros ??= gzipSync(new Uint8Array(4 * 2 ** 20));
    const path = join(dir, name);
    writeFileSync(path, Buffer.concat([gzipSync(header), ...new Array<Buffer>(196).fill(zeros)]));
    return path;
  }

  it('a gzip file declaring 10^6 images is refused at once', () => {
    const bomb = gzipBomb('bomb-idx3-ubyte.gz', [1_000_000, 28, 28]);
    const r = runCliBounded(['predict', '--model', model, '--images', bomb], { memoryBytes: 2 ** 30 * 1.5 });
    expect(r.stderr.trim()).toMatch(/its header declares 1000000×28×28 values \(784000016 bytes\), more than the 256 MiB an IDX file may hold \(--images\)$/);
    expect(r.status).toBe(2);
  });

  it('a gzip file inflating past what its header declares stops one byte after it', () => {
    const bomb = gzipBomb('liar-idx3-ubyte.gz', [2, 28, 28]);
    const r = runCliBounded(['predict', '--model', model, '--images', bomb], { memoryBytes: 2 ** 30 * 1.5 });
    expect(r.stderr.trim()).toMatch(/malformed IDX file: it inflates to more than the 1584 bytes its header declares/);
    expect(r.status).toBe(2);
  });
});
