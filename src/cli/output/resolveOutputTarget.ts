import { lstatSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { XentError } from '../../core/XentError.js';
import { fileErrorReason } from '../fileErrorReason.js';

/**
 * Where the bytes of an output path really go:
 * - `stdout`: `-`, `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`;
 * - `fd`: another descriptor named through `/dev/fd/N`, `/dev/stderr`, `/proc/self/fd/N`
 *   (it is written to, never reopened: reopening would truncate a file the shell opened
 *   with `>>`);
 * - `special`: a device, FIFO or socket, written through (never replaced: replacing
 *   `/dev/null` as root would break the system, replacing a FIFO would leave its reader
 *   waiting);
 * - `file`: a regular file, existing or not, at the end of any chain of symbolic links,
 *   so that writing `-o link` updates the link's target and keeps the link.
 */
export type OutputTarget =
  | { kind: 'stdout' }
  | { kind: 'fd'; fd: number }
  | { kind: 'special'; path: string }
  | { kind: 'file'; path: string; existing: Stats | undefined };

/** More links than this is a loop (Linux's own limit is 40). */
const MAX_LINKS = 40;
const DESCRIPTOR = /^\/(?:dev\/fd|proc\/(?:self|thread-self)\/fd)\/(\d+)$/;

/**
 * @throws XentError (field `flag`) when the path is a directory, loops, or cannot be
 * looked at (`permission denied (EACCES)` for a directory the user cannot search).
 */
export function resolveOutputTarget(path: string, flag: string): OutputTarget {
  if (path === '-' || path === '/dev/stdout') return { kind: 'stdout' };
  if (path === '/dev/stderr') return { kind: 'fd', fd: 2 };
  let current = path;
  for (let links = 0; links <= MAX_LINKS; links++) {
    const fd = DESCRIPTOR.exec(current)?.[1];
    if (fd !== undefined) return Number(fd) === 1 ? { kind: 'stdout' } : { kind: 'fd', fd: Number(fd) };
    let stats: Stats;
    try {
      stats = lstatSync(current);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'file', path: current, existing: undefined };
      throw cannotWrite(path, fileErrorReason(e), flag);
    }
    if (stats.isSymbolicLink()) {
      current = resolve(dirname(current), readlinkSync(current));
      continue;
    }
    if (stats.isDirectory()) throw cannotWrite(path, fileErrorReason({ code: 'EISDIR' }), flag);
    if (stats.isFile()) return { kind: 'file', path: current, existing: stats };
    return { kind: 'special', path: current };
  }
  throw cannotWrite(path, fileErrorReason({ code: 'ELOOP' }), flag);
}

/** The directory a new or replaced file goes into, checked to exist and be a directory. */
export function targetDirectory(target: { path: string }, original: string, flag: string): string {
  const dir = dirname(target.path);
  let stats: Stats;
  try {
    stats = statSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw cannotWrite(original, code === 'ENOENT' ? 'its directory does not exist (ENOENT)' : fileErrorReason(e), flag);
  }
  if (!stats.isDirectory()) throw cannotWrite(original, fileErrorReason({ code: 'ENOTDIR' }), flag);
  return dir;
}

export function cannotWrite(path: string, reason: string, flag: string): XentError {
  return new XentError(`cannot write '${path}': ${reason}`, { field: flag });
}

/**
 * Whether an output path ends up on standard output (`-`, `/dev/stdout`, `/dev/fd/1`),
 * where a report printed to stdout would be mixed into the data.
 */
export function writesToStdout(path: string | undefined): boolean {
  if (path === undefined) return true;
  try {
    return resolveOutputTarget(path, '-o').kind === 'stdout';
  } catch {
    return false;
  }
}
