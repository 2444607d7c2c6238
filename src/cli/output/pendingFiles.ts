import { rmSync, writeSync } from 'node:fs';

/**
 * The temporary files this process has created and not yet renamed into place or removed,
 * so that no exit path leaves one behind:
 * - a thrown error removes its own file (see openOutput);
 * - `process.exit` (EPIPE on stdout) runs the `exit` hook below;
 * - a signal kills a process that is busy in synchronous work (coding, training) before
 *   any JavaScript handler could run, so under `bin/xent.js` the commands that write files
 *   run as the child of a small supervisor (superviseCli) that is told every path here,
 *   through the descriptor in XENT_CLEANUP_FD, and removes what is left when the child ends.
 */
const pending = new Set<string>();
let hooked = false;

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
  }
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
