import { rmSync, writeSync } from 'node:fs';

/**
 * The temporary files this process has created and not yet renamed into place or removed,
 * so that no exit path leaves one behind:
 * - a thrown error removes its own file (see openOutput);
 * - `process.exit` (EPIPE on stdout) runs the `exit` hook below;
 * - a signal kills a process that is busy in synchronous work (coding, training) before
 *   any JavaScript handler could run, so under `bin/xent.js` the commands that write files
 *   run as the child of a small supervisor (superviseCli) that is told every path here,
 *   through the descriptor in XENT_CLEANUP_FD, and removes what is left when the child ends;
 * - a short run without the supervisor (handleSignalsInProcess) catches the signals: the
 *   handler runs once the synchronous work in progress ends, removes the files and dies
 *   of the same signal.
 */
const pending = new Set<string>();
let hooked = false;
let signalsInProcess = false;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The descriptor of the supervisor's channel, or undefined when there is none. */
const channel = (() => {
  const fd = Number(process.env.XENT_CLEANUP_FD);
  return Number.isInteger(fd) && fd > 2 ? fd : undefined;
})();

/** Call before creating `path`: from then on every exit path removes it. */
export function removeAtExit(path: string): void {
  tell('+', path);
  pending.add(path);
  if (!hooked) {
    hooked = true;
    process.on('exit', removePendingFiles);
    if (signalsInProcess) {
      for (const signal of SIGNALS) process.on(signal, dieOf);
      // A signal that came during the last synchronous work is still unread when the event
      // loop runs dry, and its handles do not keep the process alive: one more turn reads
      // it, so that the process dies of it rather than exits 0.
      process.once('beforeExit', () => setImmediate(() => {}));
    }
  }
}

/**
 * For bin/xent.js when it runs a command that writes files without the supervisor: from the
 * first temporary file on, SIGINT, SIGTERM and SIGHUP remove the pending files and then end
 * the process by the same signal (a shell sees 130, 143, 129).
 */
export function handleSignalsInProcess(): void {
  signalsInProcess = true;
}

function dieOf(signal: NodeJS.Signals): void {
  removePendingFiles();
  for (const s of SIGNALS) process.off(s, dieOf);
  // With no listener left, the default action applies: the process dies of the signal.
  process.kill(process.pid, signal);
}

/** Call once `path` has been renamed into place or removed. */
export function settled(path: string): void {
  pending.delete(path);
  tell('-', path);
}

/** Removes every pending file now; errors (already gone, no permission) are ignored. */
export function removePendingFiles(): void {
  for (const path of pending) removeQuietly(path);
  pending.clear();
}

/** Removal on a failure path: it must never replace the error being reported. */
export function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing more can be done; the error that led here is the one to report.
  }
}

function tell(op: '+' | '-', path: string): void {
  if (channel === undefined) return;
  try {
    writeSync(channel, `${JSON.stringify([op, path])}\n`);
  } catch {
    // The supervisor is gone; the exit hook still cleans up.
  }
}
