import { spawnSync } from 'node:child_process';
import { closeSync, linkSync, openSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';

// `-o` naming the input itself, under any name, is refused before anything is written.

const dir = mkdtempSync(join(tmpdir(), 'xent-same-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const text = Buffer.from('the same words, again and again. '.repeat(200));

function fresh(name: string, bytes: Buffer = text): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('compress and decompress refuse an output that is their input', () => {
  it('compress same.txt -o same.txt', async () => {
    const same = fresh('same.txt');
    const r = await runCli(['compress', same, '-o', same, '--model', 'order0']);
    expect(r.stderr).toBe(`xent: error: input and output are the same file '${same}' (-o)\n`);
    expect(r.code).toBe(2);
    expect(readFileSync(same).equals(text)).toBe(true);
  });

  it('decompress same.xent -o same.xent', async () => {
    const packed = join(dir, 'packed.xent');
    expect((await runCli(['compress', fresh('to-pack.txt'), '-o', packed, '--model', 'order0'])).code).toBe(0);
    const before = readFileSync(packed);
    const r = await runCli(['decompress', packed, '-o', packed]);
    expect(r.stderr).toBe(`xent: error: input and output are the same file '${packed}' (-o)\n`);
    expect(r.code).toBe(2);
    expect(readFileSync(packed).equals(before)).toBe(true);
  });

  it('through a hard link and a symbolic link', async () => {
    const original = fresh('linked.txt');
    const hard = join(dir, 'hard.txt');
    const soft = join(dir, 'soft.txt');
    linkSync(original, hard);
    symlinkSync(original, soft);
    for (const out of [hard, soft]) {
      const r = await runCli(['compress', original, '-o', out, '--model', 'order0']);
      expect(r.stderr).toBe(`xent: error: input '${original}' and output '${out}' are the same file (-o)\n`);
      expect(r.code).toBe(2);
    }
    expect(readFileSync(original).equals(text)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('stdin redirected from the output file', () => {
    const same = fresh('stdin.txt');
    const bin = new URL('../../../bin/xent.js', import.meta.url).pathname;
    const fd = openSync(same, 'r');
    try {
      const r = spawnSync(process.execPath, [bin, 'compress', '-o', same, '--model', 'order0'], { stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8', timeout: 20_000 });
      expect(r.stderr).toBe(`xent: error: stdin and output '${same}' are the same file (-o)\n`);
      expect(r.status).toBe(2);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(same).equals(text)).toBe(true);
  });

  it('a copy with the same content is another file, and is replaced', async () => {
    const input = fresh('copy-a.txt');
    const out = fresh('copy-b.txt');
    expect((await runCli(['compress', input, '-o', out, '--model', 'order0'])).code).toBe(0);
    expect(readFileSync(out).equals(text)).toBe(false);
  });
});
