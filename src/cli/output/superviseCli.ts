import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs `node script argv…` as a child and removes the temporary files it reports, then
 * ends the way the child ended. A child busy in synchronous work (coding, training) dies
 * of SIGINT, SIGTERM or SIGHUP at once, with no chance to clean up after itself; this
 * process, idle, gets the signal too (Ctrl-C signals the whole process group; `kill PID`
 * is forwarded), waits for the child, removes what it left, and then dies of the same
 * signal, so a shell sees 130, 143 or 129 and a script loop stops on Ctrl-C as it should.
 * The child reports each path before creating it and again once it is renamed or gone
 * (pendingFiles), as JSON lines on descriptor 3.
 */
export function superviseCli(script: string, argv: readonly string[]): void {
  const child = spawn(process.execPath, [...process.execArgv, script, ...argv], {
    stdio: ['inherit', 'inherit', 'inherit', 'pipe'],
    env: { ...process.env, XENT_CLEANUP_FD: '3' },
  });
  const pending = new Set<string>();
  const channel = child.stdio[3] as NodeJS.ReadableStream;
  createInterface({ input: channel }).on('line', (line) => {
    try {
      const [op, path] = JSON.parse(line) as [string, string];
      if (op === '+') pending.add(path);
      else pending.delete(path);
    } catch {
      // Not a line of ours: ignore it rather than fail the command.
    }
  });
  const forward = (signal: NodeJS.Signals) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const handlers = FORWARDED.map((signal) => [signal, forward(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  child.on('error', (e) => {
    process.stderr.write(`xent: internal error (a bug, please report it): cannot start the command: ${e.message}\n`);
    process.exitCode = 1;
  });
  child.on('close', (code, signal) => {
    for (const path of pending) {
      try {
        rmSync(path, { force: true });
      } catch {
        // Unremovable: nothing more can be done here.
      }
    }
    for (const [s, handler] of handlers) process.off(s, handler);
    if (signal !== null) {
      // With no listener left, the default action applies: this process dies of it too.
      // A signal that does not kill by default cannot reach here; its number is the code.
      process.kill(process.pid, signal);
      process.exitCode = 128 + (constants.signals[signal] ?? 0);
      return;
    }
    process.exitCode = code ?? 1;
  });
}
