import { fstatSync, statSync, type Stats } from 'node:fs';
import { XentError } from '../../core/XentError.js';
import { writesToStdout } from '../output/resolveOutputTarget.js';

/**
 * Refuses an output that is the input itself (`xent compress a -o a`, through a hard or
 * symbolic link, or as stdin: `xent compress < a -o a`), as zstd and xz do: the output replaces its path on success, so the
 * input would be lost, and a write-through would overwrite it while it is being read.
 * Compared by device and inode of the open input, so every name for the file counts.
 * Only regular files: reading and writing the same device or FIFO loses nothing.
 */
export function refuseSameFile(inputFd: number, inputName: string, output: string | undefined): void {
  // stdout is written whole after the work (see src/cli/output), so it cannot eat the input.
  if (writesToStdout(output)) return;
  const out = statOrUndefined(output!);
  if (out === undefined || !out.isFile()) return;
  const stats = fstatOrUndefined(inputFd);
  if (stats === undefined || !stats.isFile()) return;
  if (stats.dev === out.dev && stats.ino === out.ino) {
    const input = inputName === 'stdin' ? 'stdin' : `input '${inputName}'`;
    const what = inputName === output ? `input and output are the same file '${output}'` : `${input} and output '${output}' are the same file`;
    throw new XentError(what, { field: '-o' });
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined; // a new file, or one the output check reports itself
  }
}

function fstatOrUndefined(fd: number): Stats | undefined {
  try {
    return fstatSync(fd);
  } catch {
    return undefined;
  }
}
