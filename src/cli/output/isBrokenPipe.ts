/**
 * 128 + SIGPIPE (13): what a shell reports for a pipeline stage whose reader left. Node
 * ignores SIGPIPE and reports EPIPE instead, so the CLI exits with the same code itself.
 */
export const BROKEN_PIPE_EXIT_CODE = 141;

/** A write to a pipe (or socket) whose reading end is closed: `xent … | head -c 10`. */
export function isBrokenPipe(e: unknown): boolean {
  return (e as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}
