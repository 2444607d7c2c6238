import { SingleBar } from 'cli-progress';
import type { CliIo } from './CliIo.js';

/** A progress report for long commands; a no-op unless stderr is a terminal. */
export interface Progress {
  /** `done` of `total` units of work, with a short label such as "epoch 3/30". */
  update(done: number, total: number, label: string): void;
  /** Removes the bar (call before printing results, and on errors). */
  stop(): void;
}

/**
 * A cli-progress bar on stderr when stderr is a TTY, so piped or redirected output
 * (and JSON on stdout) is never mixed with bar frames. The bar writes through `io.err`
 * via a minimal stream object: cli-progress only needs `write`, `isTTY` and `columns`
 * (readline's cursor functions write escape codes through `write`).
 */
export function createProgress(io: CliIo): Progress {
  if (!io.stderrIsTTY) return { update: () => {}, stop: () => {} };
  const stream = {
    isTTY: true,
    columns: process.stderr.columns,
    write: (s: string) => {
      io.err(s);
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  const bar = new SingleBar({
    stream,
    format: '{label} [{bar}] {percentage}% | ETA {eta_formatted}',
    clearOnComplete: true,
    hideCursor: true,
    etaBuffer: 200,
  });
  let started = false;
  return {
    update(done, total, label) {
      if (!started) {
        bar.start(total, done, { label });
        started = true;
      } else {
        if (bar.getTotal() !== total) bar.setTotal(total);
        bar.update(done, { label });
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
