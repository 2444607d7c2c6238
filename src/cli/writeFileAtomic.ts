import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { XentError } from '../core/XentError.js';

/**
 * Writes `data` to `path` through a temporary file in the same directory and a rename,
 * so a failure at any point leaves either the old file or nothing, never half a file
 * (rename is atomic within one file system on POSIX).
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, flag = '-o'): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx');
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new XentError(`cannot write '${path}': ${code ?? String(e)}`, { field: flag });
  }
}
