import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliBounded } from './runCliBounded.js';

/*
 * Every command that reads a file, given a file that never ends: /dev/zero (NUL bytes),
 * /dev/urandom (random bytes, with line feeds here and there) and a FIFO that a writer fills
 * from /dev/urandom. Under a watchdog of 2 GiB of writable memory and 30 s, each must stop
 * with exit 2 and one line: at a size limit, at the first byte that cannot start its format,
 * or at a row that does not parse. Dying of the memory cap, being killed, or exit 1 fails.
 * (compress is not here: every byte stream is valid input to it, endless ones included.)
 */
const dir = mkdtempSync(join(tmpdir(), 'xent-endless-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const model = join(dir, 'model.json');
writeFileSync(model, JSON.stringify({ format: 'xent-mlp', version: 1, sizes: [784, 10], cost: 'cross-entropy', weights: [new Array(7840).fill(0)], biases: [new Array(10).fill(0)] }));
const pred = join(dir, 'p.csv');
writeFileSync(pred, '0.2,0.8\n0.6,0.4\n');
const labels = join(dir, 'y.csv');
writeFileSync(labels, '1\n0\n');

/** A directory of the four MNIST IDX names, each a link to `target`. */
function idxDirectory(name: string, target: string): string {
  const d = join(dir, name);
  mkdirSync(d);
  for (const f of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) symlinkSync(target, join(d, f));
  return d;
}

/** Each command's arguments with the endless file in one place. */
const COMMANDS: [string, (f: string, idx: string) => string[]][] = [
  ['info --p', (f) => ['info', '--p', `@${f}`]],
  ['info --q', (f) => ['info', '--p', '0.5,0.5', '--q', `@${f}`]],
  ['info --joint', (f) => ['info', '--joint', f]],
  ['huffman --p', (f) => ['huffman', '--p', `@${f}`]],
  ['loss --request', (f) => ['loss', '--request', f]],
  ['predict --model', (f) => ['predict', '--model', f, '--images', f]],
  ['predict --images', (f) => ['predict', '--model', model, '--images', f]],
  ['eval --pred', (f) => ['eval', '--pred', f, '--labels', labels]],
  ['eval --labels', (f) => ['eval', '--pred', pred, '--labels', f]],
  ['eval --weights', (f) => ['eval', '--pred', pred, '--labels', labels, '--weights', f]],
  ['eval --calibrator', (f) => ['eval', '--pred', pred, '--labels', labels, '--calibrator', f]],
  ['calibrate --pred', (f) => ['calibrate', '--pred', f, '--labels', labels, '--method', 'temperature']],
  ['calibrate --labels', (f) => ['calibrate', '--pred', pred, '--labels', f, '--method', 'temperature']],
  ['decompress', (f) => ['decompress', f, '-o', join(dir, 'out.bin')]],
  ['train --dataset', (_, idx) => ['train', '--dataset', `idx:${idx}`, '--epochs', '1']],
];

/** A FIFO with a writer pouring /dev/urandom into it until it is stopped. */
function fedFifo(name: string): { path: string; writer: ChildProcess } {
  const path = join(dir, name);
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  const writer = spawn('sh', ['-c', `exec cat /dev/urandom > '${path}'`], { stdio: 'ignore' });
  return { path, writer };
}

let runs = 0;
describe.each(['/dev/zero', '/dev/urandom', 'a FIFO fed from /dev/urandom'])('every file-reading flag given %s', (source) => {
  for (const [name, args] of COMMANDS) {
    it(`${name}: exit 2 with one line, within the watchdog's memory and time`, () => {
      const id = `${runs++}`;
      const fifo = source.startsWith('a FIFO') ? fedFifo(`fifo-${id}`) : undefined;
      const file = fifo?.path ?? source;
      try {
        const r = runCliBounded(args(file, idxDirectory(`idx-${id}`, file)), { timeoutMs: 30_000 });
        expect(r.signal, r.stderr).toBeNull();
        const lines = r.stderr.split('\n').filter((l) => l !== '');
        expect(lines, r.stderr).toHaveLength(1);
        expect(lines[0]).toMatch(/^xent: error: \S/);
        expect(r.status, r.stderr).toBe(2);
      } finally {
        fifo?.writer.kill('SIGKILL');
      }
    });
  }
});
