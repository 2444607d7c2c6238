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
    const reason = code === undefined ? String(e) : REASONS[code] === undefined ? code : `${REASONS[code]} (${code})`;
    throw new XentError(`cannot write '${path}': ${reason}`, { field: flag });
  }
}

/** The usual causes in words; the errno code stays for searching. The temporary file is created first, so its errors are the directory's. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'its directory does not exist',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};
