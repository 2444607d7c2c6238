import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A full disk, as a 64 KiB tmpfs (mounting needs root, which these tests run as): the
// error line names what is full, TMPDIR or the output's own directory, and nothing is left.

const bin = new URL('../../../bin/xent.js', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'xent-full-'));
const full = join(root, 'full');
const input = join(root, 'noise.bin');

beforeAll(() => {
  mkdirSync(full);
  // Random bytes do not compress: the output outgrows the 64 KiB at once.
  writeFileSync(input, Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 2654435761) >>> 24)));
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', full], { encoding: 'utf8' });
  expect(mount.stderr).toBe('');
  expect(mount.status).toBe(0);
});
afterAll(() => {
  spawnSync('umount', [full]);
  rmSync(root, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync('prlimit', [`--data=${2 ** 31}`, process.execPath, bin, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 20_000,
    killSignal: 'SIGKILL',
    maxBuffer: 1 << 24,
  });
  return { status: r.status, stderr: r.stderr };
}

describe('a full disk is named for what it is', () => {
  it('a full TMPDIR, writing to stdout, names the temporary file, not stdout', () => {
    const r = run(['compress', input, '--model', 'order0'], { TMPDIR: full });
    expect(r.stderr).toBe(`xent: error: cannot write a temporary file in '${full}' (set TMPDIR): no space left on the device (ENOSPC) (-o)\n`);
    expect(r.status).toBe(2);
    expect(readdirSync(full)).toEqual([]);
  });

  it('the same through -o /dev/stdout and --svg /dev/stdout', () => {
    const line = `cannot write a temporary file in '${full}' (set TMPDIR): no space left on the device (ENOSPC)`;
    expect(run(['compress', input, '--model', 'order0', '-o', '/dev/stdout'], { TMPDIR: full }).stderr).toBe(`xent: error: ${line} (-o)\n`);
    expect(run(['neuron', '--epochs', '100000', '--svg', '/dev/stdout'], { TMPDIR: full }).stderr).toBe(`xent: error: ${line} (--svg)\n`);
    expect(readdirSync(full)).toEqual([]);
  });

  it('a full output directory names the output file', () => {
    const out = join(full, 'out.xent');
    const r = run(['compress', input, '--model', 'order0', '-o', out]);
    expect(r.stderr).toBe(`xent: error: cannot write '${out}': no space left on the device (ENOSPC) (-o)\n`);
    expect(r.status).toBe(2);
    expect(readdirSync(full)).toEqual([]);
  });

  it('a full device behind -o is the output at fault', () => {
    const r = run(['compress', input, '--model', 'order0', '-o', '/dev/full']);
    expect(r.stderr).toBe("xent: error: cannot write '/dev/full': no space left on the device (ENOSPC) (-o)\n");
    expect(r.status).toBe(2);
  });
});
