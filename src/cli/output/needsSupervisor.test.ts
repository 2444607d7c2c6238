import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { needsSupervisor, SHORT_CODING_INPUT_BYTES } from './needsSupervisor.js';

const root = mkdtempSync(join(tmpdir(), 'xent-supervisor-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const small = join(root, 'small.bin');
const large = join(root, 'large.bin');
writeFileSync(small, Buffer.alloc(SHORT_CODING_INPUT_BYTES));
writeFileSync(large, Buffer.alloc(SHORT_CODING_INPUT_BYTES + 1));

/** The built module (the CLI runs dist, and a child process cannot import TypeScript). */
const built = (file: string) => new URL(`../../../dist/cli/output/${file}`, import.meta.url).href;

describe('needsSupervisor', () => {
  it('supervises the commands that write files unless they code a short file', () => {
    expect(needsSupervisor(['info', '--p', '0.5,0.5'])).toBe(false);
    expect(needsSupervisor(['--version'])).toBe(false);
    expect(needsSupervisor(['train', '--epochs', '1'])).toBe(true);
    expect(needsSupervisor(['compress', small, '-o', join(root, 'o')])).toBe(false);
    expect(needsSupervisor(['compress', '--model', 'order1', small])).toBe(false);
    expect(needsSupervisor(['decompress', '-o', large, '--', small])).toBe(false);
    expect(needsSupervisor(['compress', large, '-o', small])).toBe(true);
    expect(needsSupervisor(['compress', '--output', small, large])).toBe(true);
  });

  it('reads the size of a stdin redirected from a file, and supervises a pipe', async () => {
    const decide = (stdin: number | 'pipe') =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', `import(${JSON.stringify(built('needsSupervisor.js'))}).then((m) => process.stdout.write(String(m.needsSupervisor(['compress']))))`], {
          stdio: [stdin, 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
        child.on('close', () => resolve(out));
      });
    expect(await decide(openSync(small, 'r'))).toBe('false');
    expect(await decide(openSync(large, 'r'))).toBe('true');
    expect(await decide('pipe')).toBe('true');
  });
});

describe('a run without the supervisor', () => {
  // The child busy in synchronous work when the signal comes, as a short compress may be.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`removes its temporary file on ${signal} once the work in progress ends, and dies of ${signal}`, async () => {
      const tmp = join(root, `pending-${signal}.tmp`);
      const script = `
        const { handleSignalsInProcess, removeAtExit } = await import(${JSON.stringify(built('pendingFiles.js'))});
        const { writeFileSync } = await import('node:fs');
        handleSignalsInProcess();
        removeAtExit(${JSON.stringify(tmp)});
        writeFileSync(${JSON.stringify(tmp)}, 'partial');
        process.stdout.write('ready\\n');
        const end = Date.now() + 400;
        while (Date.now() < end);
        process.stdout.write('finished\\n');
      `;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out === 'ready\n') child.kill(signal);
      });
      const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, s) => resolve({ code, signal: s })));
      expect(ended).toEqual({ code: null, signal });
      expect(128 + constants.signals[ended.signal!]).toBe({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[signal]);
      expect(out).toBe('ready\nfinished\n');
      expect(existsSync(tmp)).toBe(false);
    });
  }
});
