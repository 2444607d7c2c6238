import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../CliIo.js';
import { runCli } from '../runCli.js';
import { writeFileAtomic } from '../writeFileAtomic.js';
import { checkOutputPath } from './openOutput.js';
import { writeOutput } from './writeOutput.js';

// Output files (docs/design.md): -o writes through devices, FIFOs and stdout, writes a link's
// target, keeps permission bits, and every path is checked before the work.

const dir = mkdtempSync(join(tmpdir(), 'xent-output-'));
// Searchable by all, so that only the 'locked' directory below is out of reach of nobody.
chmodSync(dir, 0o755);
afterAll(() => {
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});
const bin = new URL('../../../bin/xent.js', import.meta.url).pathname;
const isRoot = process.getuid?.() === 0;
const original = Buffer.from('The quick brown fox jumps over the lazy dog.\n'.repeat(400));
const packed = join(dir, 'original.xent');
writeFileSync(join(dir, 'original.txt'), original);

async function packOriginal() {
  if (!existsSync(packed)) expect((await runCli(['compress', join(dir, 'original.txt'), '-o', packed, '--model', 'order1'])).code).toBe(0);
  return packed;
}

/** Files whose name marks them as temporaries, anywhere under `root`. */
function temporaries(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'));
}

describe('-o onto what is already there', () => {
  it('writes the target of a symbolic link and keeps the link', async () => {
    const target = join(dir, 'link-target.txt');
    const link = join(dir, 'link.txt');
    writeFileSync(target, 'old');
    symlinkSync(target, link);
    const r = await runCli(['decompress', await packOriginal(), '-o', link]);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target).equals(original)).toBe(true);
  });

  it('creates the target of a dangling link, through a chain of links', () => {
    const target = join(dir, 'dangling-target.svg');
    symlinkSync(target, join(dir, 'dangling-1'));
    symlinkSync(join(dir, 'dangling-1'), join(dir, 'dangling-2'));
    writeFileAtomic(join(dir, 'dangling-2'), '<svg/>', '--svg');
    expect(readFileSync(target, 'utf8')).toBe('<svg/>');
    expect(lstatSync(join(dir, 'dangling-2')).isSymbolicLink()).toBe(true);
  });

  it('keeps the mode of a file it replaces (600 stays 600)', async () => {
    const out = join(dir, 'secret.txt');
    writeFileSync(out, 'old', { mode: 0o600 });
    chmodSync(out, 0o600);
    expect((await runCli(['decompress', await packOriginal(), '-o', out])).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out).equals(original)).toBe(true);
  });

  it("gives a new file the input's mode, or else 0666 less the umask", async () => {
    const input = join(dir, 'mode-640.xent');
    writeFileSync(input, readFileSync(await packOriginal()));
    chmodSync(input, 0o640);
    const out = join(dir, 'from-640.txt');
    expect((await runCli(['decompress', input, '-o', out])).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o640);
    const previous = process.umask(0o027);
    try {
      writeFileAtomic(join(dir, 'umask.svg'), '<svg/>', '--svg');
    } finally {
      process.umask(previous);
    }
    expect(statSync(join(dir, 'umask.svg')).mode & 0o777).toBe(0o640);
  });

  it('writes through a device instead of replacing it', async () => {
    // As root, a null device of our own (mknod) stands in for /dev/null, which the old
    // code would have replaced; as anyone else /dev/null itself is safe to try.
    const device = isRoot ? join(dir, 'null') : '/dev/null';
    if (isRoot) expect(spawnSync('mknod', [device, 'c', '1', '3']).status).toBe(0);
    const r = await runCli(['compress', join(dir, 'original.txt'), '-o', device, '--model', 'order0']);
    expect(r.code).toBe(0);
    expect(statSync(device).isCharacterDevice()).toBe(true);
    expect(temporaries(dir)).toEqual([]);
  });

  it('writes through a FIFO, so its reader gets the data', async () => {
    const fifo = join(dir, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    const chunks: Buffer[] = [];
    reader.stdout.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve) => reader.on('close', resolve));
    const r = await runCli(['decompress', await packOriginal(), '-o', fifo]);
    expect(r.code).toBe(0);
    await done;
    expect(Buffer.concat(chunks).equals(original)).toBe(true);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('-o /dev/stdout writes the data to stdout, and the report goes elsewhere', async () => {
    const r = spawnSync(process.execPath, [bin, 'decompress', await packOriginal(), '-o', '/dev/stdout'], { maxBuffer: 1 << 24 });
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.equals(original)).toBe(true);
  });

  it('writeOutput commits an async producer and removes the temporary file of a failing one', async () => {
    const out = join(dir, 'async.bin');
    const chunks: Uint8Array[] = [];
    const io = Object.assign(memoryIo(), { outBytes: (c: Uint8Array) => chunks.push(c) });
    await writeOutput(out, io, async (sink) => {
      sink(Uint8Array.of(1, 2));
      await new Promise((resolve) => setTimeout(resolve, 5));
      sink(Uint8Array.of(3));
    });
    expect([...readFileSync(out)]).toEqual([1, 2, 3]);
    await expect(
      writeOutput(join(dir, 'never.bin'), io, (sink) => {
        sink(Uint8Array.of(1));
        throw new Error('half-way');
      }),
    ).rejects.toThrow('half-way');
    expect(existsSync(join(dir, 'never.bin'))).toBe(false);
    expect(temporaries(dir)).toEqual([]);
  });
});

describe('outputs are checked before the work', () => {
  // A dataset that cannot be loaded: had the work started, this would be the error.
  const noData = ['--dataset', `idx:${join(dir, 'no-such-data')}`];

  it('train --out DIR fails at once with EISDIR, before loading or training', async () => {
    const r = await runCli(['train', '--out', dir, ...noData]);
    expect(r.stderr).toBe(`xent: error: cannot write '${dir}': it is a directory (EISDIR) (--out)\n`);
    expect(r.code).toBe(2);
  });

  it('experiment mnist-costs --svg /nonexist/a.svg fails before any run', async () => {
    const r = await runCli(['experiment', 'mnist-costs', '--svg', '/nonexist/a.svg', ...noData]);
    expect(r.stderr).toBe("xent: error: cannot write '/nonexist/a.svg': its directory does not exist (ENOENT) (--svg)\n");
    expect(r.code).toBe(2);
  });

  it('neuron --svg into a plain file as if it were a directory', async () => {
    const plain = join(dir, 'plain');
    writeFileSync(plain, '');
    const r = await runCli(['neuron', '--svg', join(plain, 'x.svg')]);
    expect(r.stderr).toBe(`xent: error: cannot write '${join(plain, 'x.svg')}': a part of the path is not a directory (ENOTDIR) (--svg)\n`);
  });

  it('checkOutputPath accepts stdout, devices and new files in a writable directory', () => {
    for (const ok of ['-', '/dev/stdout', '/dev/null', join(dir, 'new-file')]) expect(() => checkOutputPath(ok, '-o')).not.toThrow();
    expect(existsSync(join(dir, 'new-file'))).toBe(false);
  });
});

describe('a directory the user cannot search', () => {
  // As root, the commands run as `nobody` (setpriv); as anyone else, in a directory with
  // mode 000 of their own, which they cannot search either.
  const locked = join(dir, 'locked');
  mkdirSync(locked);
  writeFileSync(join(locked, 'p.json'), '[0.5, 0.5]');
  const runAs = (argv: string[]) => {
    chmodSync(locked, isRoot ? 0o700 : 0o000);
    try {
      return isRoot
        ? spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, bin, ...argv], { encoding: 'utf8', cwd: '/' })
        : spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8' });
    } finally {
      chmodSync(locked, 0o700);
    }
  };

  it('neuron --svg gives exit 2 and one line, not a stack trace from rmSync', () => {
    const r = runAs(['neuron', '--svg', join(locked, 'x.svg')]);
    expect(r.stderr).toBe(`xent: error: cannot write '${join(locked, 'x.svg')}': permission denied (EACCES) (--svg)\n`);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('reading from it says "permission denied (EACCES)", not a bare EACCES', () => {
    const r = runAs(['info', '--p', `@${join(locked, 'p.json')}`]);
    expect(r.stderr).toBe(`xent: error: cannot read '${join(locked, 'p.json')}': permission denied (EACCES) (--p)\n`);
    expect(r.status).toBe(2);
  });
});
