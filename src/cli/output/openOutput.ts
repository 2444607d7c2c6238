import { accessSync, closeSync, constants, fchmodSync, fchownSync, fsyncSync, openSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { XentError } from '../../core/XentError.js';
import type { CliIo } from '../CliIo.js';
import { fileErrorReason } from '../fileErrorReason.js';
import { isBrokenPipe } from './isBrokenPipe.js';
import { removeAtExit, removeQuietly, settled } from './pendingFiles.js';
import { cannotWrite, resolveOutputTarget, targetDirectory, type OutputTarget } from './resolveOutputTarget.js';

export interface OutputOptions {
  /** The flag that named the path, for error lines: `-o`, `--out`, `--svg`. */
  flag: string;
  /** A file whose permission bits a new output takes (the input of compress/decompress). */
  modeFrom?: string;
}

/**
 * An output being written: `write` as often as needed, then `commit` once the data is
 * complete and correct, or `abort`. Nothing is visible at the destination before commit:
 * - a regular file (or a symbolic link's target) is written to a temporary file in its own
 *   directory and renamed over it, so it holds the old content or the whole new one. The
 *   new file keeps the old one's permission bits (and owner, as root); a file that did not
 *   exist gets those of `modeFrom`, or 0666 less the umask;
 * - stdout, another descriptor, a device or a FIFO is written through, from a temporary
 *   file in the system's temporary directory, so that a failure half-way (a CRC mismatch
 *   in decompress) sends nothing rather than half a stream.
 * The temporary file is removed on every path: commit, abort, process exit, and (under
 * bin/xent.js) signals; see pendingFiles.
 */
export interface Output {
  write(chunk: Uint8Array): void;
  /** Puts the data in place; stdout is written through `io` with back-pressure. */
  commit(io?: BinaryIo): Promise<void>;
  /** The same for callers that cannot wait (all of it is written before returning). */
  commitSync(): void;
  abort(): void;
}

/** Tests give a CliIo with `outBytes` to capture binary output; otherwise process.stdout. */
export type BinaryIo = CliIo & { outBytes?: (chunk: Uint8Array) => void };

const COPY_BYTES = 1 << 16;

/**
 * Opens `path` (`-` is stdout) for writing. Every check happens here, before the caller
 * does any work: a directory, a missing or read-only directory, an unsearchable path.
 */
export function openOutput(path: string, options: OutputOptions): Output {
  const { flag } = options;
  const target = resolveOutputTarget(path, flag);
  const dir = target.kind === 'file' ? targetDirectory(target, path, flag) : tmpdir();
  if (target.kind === 'file') checkWritable(target.existing === undefined ? dir : target.path, path, flag, target.existing === undefined);
  if (target.kind === 'special') checkWritable(target.path, path, flag, false);
  const name = target.kind === 'file' ? `.${basename(target.path)}` : '.xent-output';
  // Unique by the pid and 48 random bits; 'wx' (O_EXCL) never opens an existing file, so
  // the name need not be unpredictable (node:crypto would add milliseconds to start-up).
  const tmp = join(dir, `${name}.${process.pid}.${Math.floor(Math.random() * 2 ** 48).toString(16).padStart(12, '0')}.tmp`);
  removeAtExit(tmp);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o600);
  } catch (e) {
    settled(tmp);
    // The temporary file is the first thing created, so its errors are the directory's.
    if (target.kind === 'file') throw cannotWrite(path, fileErrorReason(e), flag);
    throw new XentError(`cannot create a temporary file in '${dir}' (set TMPDIR): ${fileErrorReason(e)}`, { field: flag });
  }
  const fail = (e: unknown): never => {
    cleanup();
    if (e instanceof XentError || isBrokenPipe(e)) throw e;
    throw cannotWrite(path === '-' ? 'stdout' : path, fileErrorReason(e), flag);
  };
  // Written through, the data first fills a temporary file in TMPDIR: when that fails
  // (TMPDIR full), the output itself is not at fault, and the line says where to look.
  const failTemporary = (e: unknown): never => {
    if (target.kind === 'file' || e instanceof XentError || isBrokenPipe(e)) return fail(e);
    cleanup();
    throw new XentError(`cannot write a temporary file in '${dir}' (set TMPDIR): ${fileErrorReason(e)}`, { field: flag });
  };
  const cleanup = () => {
    if (fd !== undefined) closeQuietly(fd);
    fd = undefined;
    removeQuietly(tmp);
    settled(tmp);
  };
  const closeTmp = () => {
    const open = fd!;
    fd = undefined;
    closeSync(open);
  };
  const closeTemporary = () => {
    try {
      closeTmp();
    } catch (e) {
      failTemporary(e);
    }
  };
  const commitFile = (t: Extract<OutputTarget, { kind: 'file' }>) => {
    fchmodSync(fd!, finalMode(t, options.modeFrom));
    if (t.existing !== undefined) keepOwner(fd!, t.existing.uid, t.existing.gid);
    fsyncSync(fd!);
    closeTmp();
    renameSync(tmp, t.path);
    settled(tmp);
  };
  return {
    write(chunk) {
      try {
        writeAll(fd!, chunk);
      } catch (e) {
        failTemporary(e);
      }
    },
    async commit(io) {
      try {
        if (target.kind === 'file') return commitFile(target);
        closeTemporary();
        if (target.kind === 'stdout' && io !== undefined) {
          await copyFile(tmp, (chunk) => writeStdout(io, chunk));
        } else {
          copyToTargetSync(tmp, target);
        }
        cleanup();
      } catch (e) {
        fail(e);
      }
    },
    commitSync() {
      try {
        if (target.kind === 'file') return commitFile(target);
        closeTemporary();
        copyToTargetSync(tmp, target);
        cleanup();
      } catch (e) {
        fail(e);
      }
    },
    abort: cleanup,
  };
}

/**
 * Checks, before any work, that the output could be written: `xent train --out /tmp`
 * fails at once, not after the training. Regular files are judged by their directory
 * (which must exist, be a directory, and be writable and searchable) and, when they
 * exist, by their own write permission; devices and FIFOs by theirs. Nothing is created,
 * and a FIFO is not opened (that would wait for a reader).
 */
export function checkOutputPath(path: string, flag: string): void {
  const target = resolveOutputTarget(path, flag);
  if (target.kind === 'file') {
    const dir = targetDirectory(target, path, flag);
    checkWritable(dir, path, flag, true);
    if (target.existing !== undefined) checkWritable(target.path, path, flag, false);
  } else if (target.kind === 'special') {
    checkWritable(target.path, path, flag, false);
  }
}

function checkWritable(what: string, path: string, flag: string, isDirectory: boolean): void {
  try {
    accessSync(what, isDirectory ? constants.W_OK | constants.X_OK : constants.W_OK);
  } catch (e) {
    throw cannotWrite(path, fileErrorReason(e), flag);
  }
}

/** The old file's bits; else those of `modeFrom` (a regular file); else 0666 less the umask. */
function finalMode(target: Extract<OutputTarget, { kind: 'file' }>, modeFrom: string | undefined): number {
  if (target.existing !== undefined) return target.existing.mode & 0o7777;
  if (modeFrom !== undefined && modeFrom !== '-') {
    try {
      const source = statSync(modeFrom);
      if (source.isFile()) return source.mode & 0o777;
    } catch {
      // The input was readable a moment ago; fall back to the umask's mode.
    }
  }
  // process.umask() without an argument is deprecated only in its documentation (DEP0139),
  // for a race between threads that this single-threaded CLI does not have.
  return 0o666 & ~process.umask();
}

/** Only root may give a file away; anyone else writes files they own, as usual. */
function keepOwner(fd: number, uid: number, gid: number): void {
  if (process.getuid?.() !== 0) return;
  try {
    fchownSync(fd, uid, gid);
  } catch {
    // A file system without owners (vfat): the content is what matters.
  }
}

function copyToTargetSync(tmp: string, target: Exclude<OutputTarget, { kind: 'file' }>): void {
  if (target.kind === 'special') {
    // O_WRONLY | O_CREAT | O_TRUNC, as a shell's `>` would; a FIFO waits here for a reader.
    const out = openSync(target.path, 'w');
    try {
      copyFileSync(tmp, out);
    } finally {
      closeSync(out);
    }
    return;
  }
  copyFileSync(tmp, target.kind === 'stdout' ? 1 : target.fd);
}

function copyFileSync(tmp: string, out: number): void {
  const input = openSync(tmp, 'r');
  try {
    const chunk = new Uint8Array(COPY_BYTES);
    for (let n = readSync(input, chunk); n > 0; n = readSync(input, chunk)) writeAll(out, chunk.subarray(0, n));
  } finally {
    closeSync(input);
  }
}

async function copyFile(tmp: string, write: (chunk: Uint8Array) => Promise<void>): Promise<void> {
  const input = openSync(tmp, 'r');
  try {
    for (;;) {
      const chunk = new Uint8Array(COPY_BYTES);
      const n = readSync(input, chunk);
      if (n === 0) break;
      await write(chunk.subarray(0, n));
    }
  } finally {
    closeSync(input);
  }
}

function writeStdout(io: BinaryIo, chunk: Uint8Array): Promise<void> {
  if (io.outBytes) {
    io.outBytes(chunk);
    return Promise.resolve();
  }
  // Respect back-pressure so a slow reader of a pipe does not make memory grow.
  return new Promise((resolve, reject) => {
    const ok = process.stdout.write(chunk, (e) => (e ? reject(e) : undefined));
    if (ok) resolve();
    else process.stdout.once('drain', resolve);
  });
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** All of `chunk`; a descriptor left non-blocking by its owner (a pipe) is waited for. */
function writeAll(fd: number, chunk: Uint8Array): void {
  for (let done = 0; done < chunk.length; ) {
    try {
      done += writeSync(fd, chunk, done, chunk.length - done);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed by the failing operation.
  }
}
