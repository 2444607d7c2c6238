import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { XentError } from '../core/XentError.js';
import { fileErrorReason } from './fileErrorReason.js';
import { formatBytes, inputSizeLimit } from './inputSizeLimit.js';

/**
 * Reads a file named by the user for `flag`, at most `limit` bytes. A missing or
 * unreadable file is the user's error (exit 2, one line naming the flag and the path),
 * not a crash, and so is a file larger than the limit: a regular file is refused from its
 * size before anything is read, a device or FIFO (/dev/zero) as soon as it passes the limit.
 */
export function readUserFile(path: string, flag: string, limit = inputSizeLimit(flag)): Buffer {
  const fd = openUserFile(path, flag);
  try {
    return readUpTo(fd, path, flag, limit);
  } catch (e) {
    if (e instanceof XentError) throw e;
    throw cannotRead(path, fileErrorReason(e), flag);
  } finally {
    closeSync(fd);
  }
}

/** Opens a file named by the user for `flag`; a failure is the one-line error naming both. */
export function openUserFile(path: string, flag: string): number {
  try {
    return openSync(path, 'r');
  } catch (e) {
    throw cannotRead(path, fileErrorReason(e), flag);
  }
}

function readUpTo(fd: number, path: string, flag: string, limit: number): Buffer {
  const stats = fstatSync(fd);
  if (stats.isDirectory()) throw cannotRead(path, fileErrorReason({ code: 'EISDIR' }), flag);
  if (stats.isFile() && stats.size > limit) throw tooLarge(`'${path}'`, flag, limit);
  // One byte past the limit tells "exactly the limit" from "more".
  const chunks: Buffer[] = [];
  let total = 0;
  let scratch = Buffer.allocUnsafe(0);
  for (;;) {
    const want = Math.min(1 << 20, limit + 1 - total);
    if (scratch.length < want) scratch = Buffer.allocUnsafe(want);
    const n = readSync(fd, scratch, 0, want, null);
    if (n === 0) break;
    chunks.push(keepRead(scratch, n));
    if (n === scratch.length) scratch = Buffer.allocUnsafe(0);
    total += n;
    if (total > limit) throw tooLarge(`'${path}'`, flag, limit);
  }
  return Buffer.concat(chunks, total);
}

/**
 * The `n` bytes a read put in `buffer`, kept: the buffer itself when the read filled it,
 * else a copy. A pipe gives at most 64 KiB a read, and keeping a view of each 1 MiB buffer
 * would hold sixteen times the bytes read (4 GiB for a 256 MiB limit).
 */
export function keepRead(buffer: Buffer, n: number): Buffer {
  return n === buffer.length ? buffer : Buffer.from(buffer.subarray(0, n));
}

/** The error for a file that cannot be opened or read, with the errno in words. */
export function cannotRead(path: string, reason: string, flag: string): XentError {
  return new XentError(`cannot read '${path}': ${reason}`, { field: flag });
}

/** The error for an input past its limit, shared by the readers of files and of standard input. */
export function tooLarge(what: string, flag: string, limit: number): XentError {
  return new XentError(`${what} is larger than the ${formatBytes(limit)} that ${flag} reads`, { field: flag });
}
