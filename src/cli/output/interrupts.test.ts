import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { englishText } from '../../../test/coding/testData.js';
import { createRng } from '../../core/random/createRng.js';
import { networkFromJson } from '../../nn/modelJson.js';
import { memoryIo } from '../CliIo.js';
import { main } from '../main.js';

// Exit codes on signals and EPIPE: a tiny harness runs bin/xent.js compress, decompress and train, and at a
// seeded random moment sends SIGINT (to the process group, as Ctrl-C does), SIGTERM (to
// the process, as kill does; SIGHUP once, as a closed terminal does) or closes the reading end of stdout (EPIPE, as `| head -c`
// does). Afterwards no temporary file may be left, neither beside the output nor in
// TMPDIR, and the output either does not exist or is complete and correct.

const bin = new URL('../../../bin/xent.js', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'xent-interrupts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Under a second of work per command, so that the test takes seconds.
const input = Buffer.from(englishText()).subarray(0, 200_000);
const inputPath = join(root, 'input.txt');
const packedPath = join(root, 'input.xent');

beforeAll(async () => {
  writeFileSync(inputPath, input);
  expect(await main(['compress', inputPath, '-o', packedPath, '--model', 'order1'], memoryIo())).toBe(0);
  // One uninterrupted run of each command, on this machine at its present load, gives the
  // moments to interrupt: while a temporary file exists (seen by polling the directories),
  // since that is when an interrupt can leave one behind; or anywhere in the run when the
  // file lives too briefly to be seen. Its output must be complete and correct too.
  const rng = createRng(17);
  const windows = await Promise.all(
    COMMANDS.map(async (command) => {
      const work = mkdtempSync(join(root, `${command}-whole-`));
      const c = { command, interrupt: 'SIGTERM' as const, delayMs: Infinity };
      const started = performance.now();
      const seen: number[] = [];
      const poll = setInterval(() => {
        const dirs = [work, join(work, 'tmp')].filter((d) => existsSync(d));
        if (dirs.some((d) => readdirSync(d).some((f) => f.endsWith('.tmp')))) seen.push(performance.now() - started);
      }, 5);
      try {
        expect(await runCase(c, work, outputPath(work, command))).toBe(0);
      } finally {
        clearInterval(poll);
      }
      await checkComplete(command, outputPath(work, command), expect);
      const duration = performance.now() - started;
      return seen.length >= 2 ? { from: seen[0], to: seen.at(-1)! } : { from: 0, to: duration };
    }),
  );
  for (const c of cases) {
    const { from, to } = windows[COMMANDS.indexOf(c.command)];
    c.delayMs = Math.round(from + rng.uniform() * (to - from));
  }
}, 120_000);

type Interrupt = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'EPIPE';
type Command = 'compress' | 'decompress' | 'train';

interface Case {
  command: Command;
  interrupt: Interrupt;
  /** Set in beforeAll: a seeded random moment within the command's measured run time. */
  delayMs: number;
}

const COMMANDS = ['compress', 'decompress', 'train'] as const;
const INTERRUPTS = ['SIGINT', 'SIGTERM', 'EPIPE'] as const;
const cases: Case[] = COMMANDS.flatMap((command) => INTERRUPTS.map((interrupt) => ({ command, interrupt, delayMs: 0 })));
// A closed terminal (SIGHUP) once, on the command with the largest temporary file.
cases.push({ command: 'decompress', interrupt: 'SIGHUP', delayMs: 0 });
const interrupted: boolean[] = [];

function argv(c: Case, out: string): string[] {
  const toStdout = c.interrupt === 'EPIPE' && c.command !== 'train';
  const output = toStdout ? [] : c.command === 'train' ? ['--out', out] : ['-o', out];
  if (c.command === 'compress') return ['compress', inputPath, '--model', 'order1', ...output];
  if (c.command === 'decompress') return ['decompress', packedPath, ...output];
  return ['train', '--train-size', '300', '--test-size', '100', '--hidden', '10', '--epochs', '3', '--json', ...output];
}

/** Runs one case; resolves with the exit code as a shell reports it (128 + signal). */
function runCase(c: Case, work: string, out: string): Promise<number> {
  const tmp = join(work, 'tmp');
  mkdirSync(tmp);
  const child = spawn(process.execPath, [bin, ...argv(c, out)], {
    cwd: work,
    env: { ...process.env, TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so SIGINT can go to the group like Ctrl-C
  });
  child.stderr.resume();
  // Read and dropped: what goes to stdout is checked by the runs that write files.
  child.stdout.resume();
  const timer = setTimeout(() => {
    if (!Number.isFinite(c.delayMs)) return;
    if (c.interrupt === 'EPIPE') child.stdout.destroy();
    else if (c.interrupt === 'SIGINT') killQuietly(-child.pid!, 'SIGINT');
    else killQuietly(child.pid!, c.interrupt);
  }, Math.min(c.delayMs, 2 ** 31 - 1));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? 128 + constants.signals[signal!]);
    });
  });
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone: the command finished before the interrupt.
  }
}

/** Checks that `out`, if it exists, is the complete and correct output of the command. */
async function checkComplete(command: Command, out: string, expect: ExpectStatic): Promise<void> {
  const bytes = readFileSync(out);
  if (command === 'decompress') {
    expect(bytes.equals(input)).toBe(true);
  } else if (command === 'compress') {
    const chunks: Uint8Array[] = [];
    const io = Object.assign(memoryIo(bytes), { outBytes: (c: Uint8Array) => chunks.push(c.slice()) });
    expect(await main(['decompress', '-'], io)).toBe(0);
    expect(Buffer.concat(chunks).equals(input)).toBe(true);
  } else {
    expect(networkFromJson(JSON.parse(bytes.toString('utf8'))).sizes).toEqual([784, 10, 10]);
  }
}

function outputPath(work: string, command: Command): string {
  return join(work, command === 'compress' ? 'out.xent' : command === 'decompress' ? 'out.txt' : 'model.json');
}

describe('interrupted commands leave nothing half-done', () => {
  // Concurrent tests must assert with their own context's expect, or a failure is laid at
  // another test's door.
  it.concurrent.for(cases)('$command, $interrupt at a random moment', { timeout: 60_000 }, async (c, { expect }) => {
    const work = mkdtempSync(join(root, `${c.command}-${c.interrupt}-`));
    const out = outputPath(work, c.command);
    const code = await runCase(c, work, out);
    const expected = c.interrupt === 'EPIPE' ? 141 : 128 + constants.signals[c.interrupt];
    // 0 when the command was done before the interrupt arrived.
    expect([0, expected], `exit code after ${c.delayMs} ms`).toContain(code);
    interrupted.push(code !== 0);
    expect(readdirSync(join(work, 'tmp'))).toEqual([]);
    const left = readdirSync(work).filter((f) => f !== 'tmp');
    // Nothing but the output itself, and that only if it is whole.
    expect(left.filter((f) => f !== basename(out))).toEqual([]);
    if (left.length > 0) await checkComplete(c.command, out, expect);
  });

  it('interrupted most of the runs mid-way (the test is not vacuous)', () => {
    expect(interrupted).toHaveLength(cases.length);
    expect(interrupted.filter(Boolean).length).toBeGreaterThanOrEqual(cases.length / 3);
  });
});
