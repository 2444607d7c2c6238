import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// bin/xent.js compiles the bundle in dist/bin with V8's code cache, kept in the user's cache
// directory: these runs check that the cache is made, then used as it is (a cache V8
// rejected would be written again), that a damaged or outdated one is replaced, that it
// can be turned off, and that TMPDIR is left as it was.

const repo = new URL('../../', import.meta.url).pathname;
const bin = join(repo, 'bin', 'xent.js');
const work = mkdtempSync(join(tmpdir(), 'xent-code-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const INFO = ['info', '--p', '0.5,0.25,0.25', '--json'];
const EXPECTED = '{"unit":"bits","entropy":1.5}\n';

function run(argv: string[], env: Record<string, string | undefined>) {
  const r = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', env: { ...process.env, NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: undefined, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh cache home and TMPDIR. */
function homes(name: string) {
  const cacheHome = join(work, name, 'cache');
  const temporary = join(work, name, 'tmp');
  mkdirSync(cacheHome, { recursive: true });
  mkdirSync(temporary, { recursive: true });
  return { cacheHome, temporary, env: { XDG_CACHE_HOME: cacheHome, TMPDIR: temporary } };
}

/** The code cache's files: name → bytes. */
function cacheFiles(cacheHome: string): Map<string, Buffer> {
  const root = join(cacheHome, 'xent', 'node-compile-cache');
  const dirs = existsSync(root) ? readdirSync(root).filter((d) => d.startsWith('xent-v8-')) : [];
  expect(dirs.length).toBeLessThanOrEqual(1);
  if (dirs.length === 0) return new Map();
  const dir = join(root, dirs[0]);
  return new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
}

/** The content hash the build appended to a bundle file. */
function bundleHash(name: string): string {
  const hash = /\n\/\/ content sha256 ([0-9a-f]{16})\n/.exec(readFileSync(join(repo, 'dist', 'bin', name), 'utf8'));
  expect(hash, name).not.toBeNull();
  return hash![1];
}

describe("bin/xent.js and V8's code cache", () => {
  it('makes one cache per bundle file it ran, headed by the content hash, and uses it untouched the next time', () => {
    const { cacheHome, temporary, env } = homes('reuse');
    expect(run(INFO, env)).toEqual({ code: 0, stdout: EXPECTED, stderr: '' });
    const first = cacheFiles(cacheHome);
    const names = [...first.keys()].map((f) => f.replace(/-[0-9a-f]{8}$/, '')).sort();
    expect(names).toEqual(['cmd-info', 'commander', 'shared', 'xent']);
    for (const [file, bytes] of first) {
      expect(bytes.toString('latin1', 0, 16), file).toBe(bundleHash(`${file.replace(/-[0-9a-f]{8}$/, '')}.cjs`));
      expect(bytes.length, file).toBeGreaterThan(1000);
    }
    const modified = [...first.keys()].map((f) => statSync(join(cacheHome, 'xent', 'node-compile-cache', readdirSync(join(cacheHome, 'xent', 'node-compile-cache')).find((d) => d.startsWith('xent-v8-'))!, f)).mtimeMs);
    expect(run(INFO, env)).toEqual({ code: 0, stdout: EXPECTED, stderr: '' });
    const second = cacheFiles(cacheHome);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, bytes] of second) expect(bytes.equals(first.get(file)!), file).toBe(true);
    const dir = join(cacheHome, 'xent', 'node-compile-cache', readdirSync(join(cacheHome, 'xent', 'node-compile-cache')).find((d) => d.startsWith('xent-v8-'))!);
    expect([...second.keys()].map((f) => statSync(join(dir, f)).mtimeMs)).toEqual(modified);
    // Another command runs from the same caches of the files it shares.
    expect(run(['--version'], env).code).toBe(0);
    expect([...cacheFiles(cacheHome).keys()].sort()).toEqual([...first.keys()].sort());
    expect(readdirSync(temporary)).toEqual([]);
  });

  it('replaces a damaged cache and one made from other content, and still runs right', () => {
    const { cacheHome, temporary, env } = homes('damaged');
    expect(run(INFO, env).stdout).toBe(EXPECTED);
    const root = join(cacheHome, 'xent', 'node-compile-cache');
    const dir = join(root, readdirSync(root).find((d) => d.startsWith('xent-v8-'))!);
    const files = readdirSync(dir);
    const shared = files.find((f) => f.startsWith('shared-'))!;
    const commander = files.find((f) => f.startsWith('commander-'))!;
    const good = readFileSync(join(dir, shared));
    // The right header over garbage: V8 rejects the data.
    writeFileSync(join(dir, shared), Buffer.concat([good.subarray(0, 16), Buffer.alloc(good.length - 16, 7)]));
    // Another build's header over good data: never given to V8.
    const other = readFileSync(join(dir, commander));
    writeFileSync(join(dir, commander), Buffer.concat([Buffer.from('0123456789abcdef', 'latin1'), other.subarray(16)]));
    expect(run(INFO, env)).toEqual({ code: 0, stdout: EXPECTED, stderr: '' });
    const after = cacheFiles(cacheHome);
    expect(after.get(shared)!.toString('latin1', 0, 16)).toBe(bundleHash('shared.cjs'));
    expect(after.get(shared)!.subarray(16).every((b) => b === 7)).toBe(false);
    expect(after.get(commander)!.toString('latin1', 0, 16)).toBe(bundleHash('commander.cjs'));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(temporary)).toEqual([]);
  });

  it('writes nothing with NODE_DISABLE_COMPILE_CACHE, and uses NODE_COMPILE_CACHE when set', () => {
    const off = homes('off');
    expect(run(INFO, { ...off.env, NODE_DISABLE_COMPILE_CACHE: '1' }).stdout).toBe(EXPECTED);
    expect(readdirSync(off.cacheHome)).toEqual([]);
    expect(readdirSync(off.temporary)).toEqual([]);
    const chosen = homes('chosen');
    const dir = join(work, 'chosen', 'elsewhere');
    expect(run(INFO, { ...chosen.env, NODE_COMPILE_CACHE: dir }).stdout).toBe(EXPECTED);
    expect(readdirSync(chosen.cacheHome)).toEqual([]);
    expect(readdirSync(dir).some((d) => d.startsWith('xent-v8-'))).toBe(true);
  });

  it('runs without a cache when there is no home directory', () => {
    const { temporary } = homes('homeless');
    expect(run(INFO, { HOME: undefined, XDG_CACHE_HOME: undefined, TMPDIR: temporary })).toEqual({ code: 0, stdout: EXPECTED, stderr: '' });
    expect(readdirSync(temporary)).toEqual([]);
  });
});

describe("bin/xent.js's standard output", () => {
  it('is the same bytes to a file as to a pipe, long output included', () => {
    const { env } = homes('stdout');
    for (const argv of [INFO, ['tour']]) {
      const piped = run(argv, env);
      expect(piped.code).toBe(0);
      const file = join(work, 'stdout', 'out.txt');
      const r = spawnSync('sh', ['-c', `"$0" "$@" > '${file}'`, process.execPath, bin, ...argv], { encoding: 'utf8', env: { ...process.env, ...env } });
      expect(r.status).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(piped.stdout);
      if (argv[0] === 'tour') expect(piped.stdout.length).toBeGreaterThan(2_000);
    }
  });
});
