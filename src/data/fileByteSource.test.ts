import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileByteSource } from './fileByteSource.js';

const dir = mkdtempSync(join(tmpdir(), 'xent-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bytesOf(chunks: AsyncIterable<Uint8Array>): Promise<number[]> {
  const out: number[] = [];
  for await (const chunk of chunks) out.push(...chunk);
  return out;
}

describe('fileByteSource', () => {
  it('reads a regular file afresh on every pass', async () => {
    const path = join(dir, 'p.csv');
    writeFileSync(path, '0.5,0.5\n');
    const source = fileByteSource(path, '--pred');
    const expected = Array.from(Buffer.from('0.5,0.5\n'));
    expect(await bytesOf(source.chunks())).toEqual(expected);
    expect(await bytesOf(source.chunks())).toEqual(expected);
  });

  it('gives the bytes of what is not a regular file once, and then says why not again', async () => {
    const source = fileByteSource('/dev/null', '--pred');
    expect(await bytesOf(source.chunks())).toEqual([]);
    expect(() => source.chunks()).toThrow("cannot read '/dev/null' twice: it is a pipe or device, not a regular file; save it to a file first (--pred)");
  });

  it('names the flag of a missing file or a directory', () => {
    expect(() => fileByteSource(join(dir, 'nope.csv'), '--pred')).toThrow(`cannot read '${join(dir, 'nope.csv')}': no such file (--pred)`);
    expect(() => fileByteSource(dir, '--labels')).toThrow(`cannot read '${dir}': is a directory (--labels)`);
  });
});

describe('fileByteSource.randomAccess', () => {
  it('reads any byte range of a regular file, and has none for a device', async () => {
    const path = join(dir, 'r.bin');
    writeFileSync(path, Uint8Array.from({ length: 300 }, (_, i) => i & 255));
    const access = fileByteSource(path, '--pred').randomAccess!;
    expect(access.byteLength).toBe(300);
    expect(Array.from(await access.read(250, 260))).toEqual([250, 251, 252, 253, 254, 255, 0, 1, 2, 3]);
    expect((await access.read(0, 300)).length).toBe(300);
    expect(fileByteSource('/dev/null', '--pred').randomAccess).toBeUndefined();
  });

  it('says so when the file shrank after it was opened', async () => {
    const path = join(dir, 's.bin');
    writeFileSync(path, new Uint8Array(100));
    const access = fileByteSource(path, '--pred').randomAccess!;
    writeFileSync(path, new Uint8Array(10));
    await expect(access.read(0, 100)).rejects.toThrow(`cannot read '${path}': it is shorter than the 100 bytes it had when opened (--pred)`);
  });
});
