import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { CHUNK_BYTES, type ChunkSink, type ChunkSource } from '../../coding/index.js';
import { XentError } from '../../core/XentError.js';
import type { CliIo } from '../CliIo.js';
import { fileErrorReason } from '../fileErrorReason.js';
import { writesToStdout } from '../output/resolveOutputTarget.js';

// File edges shared by `xent compress` and `xent decompress`: inputs read in chunks
// (so a 100 MB file or stream never sits in memory), outputs written to a temporary file
// and renamed only on success, and binary standard output.

/** An input read once, front to back, in chunks of at most CHUNK_BYTES. */
export interface StreamedInput {
  /** The input's size when it is a regular file (it sizes the model's tables). */
  readonly sizeHint?: number;
  /** The chunks, for a reader that may wait (compression). */
  chunks(): AsyncIterable<Uint8Array>;
  /** The chunks, for a synchronous reader (decompression). */
  source(): Promise<ChunkSource>;
  close(): void;
}

/**
 * `IN` absent or `-` is standard input, streamed: neither command holds all of it.
 * A file is read in chunks too, so a 100 MB file never sits in memory.
 */
export async function openInput(path: string | undefined, io: CliIo): Promise<StreamedInput> {
  if (path === undefined || path === '-') return stdinInput(io);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw fileError(e, `cannot read '${path}'`, 'IN');
  }
  let size: number | undefined;
  try {
    const stat = fstatSync(fd);
    if (stat.isFile()) size = stat.size;
  } catch {
    size = undefined;
  }
  const read = fdSource(fd, `cannot read '${path}'`);
  return {
    sizeHint: size,
    chunks: () => syncToAsync(read),
    source: async () => read,
    close: () => closeSync(fd),
  };
}

function stdinInput(io: CliIo): StreamedInput {
  const stream = io.stdinChunks?.();
  if (stream === undefined) {
    // An io without a stream (the tests' memoryIo): its whole stdin, as one chunk.
    const whole = io.readStdin();
    return {
      chunks: async function* () {
        yield await whole;
      },
      source: async () => {
        const bytes = await whole;
        let given = false;
        return () => {
          if (given) return undefined;
          given = true;
          return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
        };
      },
      close: () => {},
    };
  }
  return {
    chunks: () => stream,
    // Decompression pulls synchronously: read fd 0 directly (blocking reads on a pipe or file).
    source: async () => fdSource(0, 'cannot read stdin'),
    close: () => {},
  };
}

function fdSource(fd: number, what: string): ChunkSource {
  // One buffer, reused: each consumer is done with a chunk before it asks for the next,
  // and not allocating 64 KB per chunk keeps the garbage (and peak memory) down.
  const chunk = new Uint8Array(CHUNK_BYTES);
  return () => {
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      } catch (e) {
        // A non-blocking stdin has nothing yet: wait a little rather than spin.
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
          continue;
        }
        throw fileError(e, what, 'IN');
      }
      return n === 0 ? undefined : chunk.subarray(0, n);
    }
  };
}

async function* syncToAsync(source: ChunkSource): AsyncIterable<Uint8Array> {
  for (let chunk = source(); chunk !== undefined; chunk = source()) yield chunk;
}

/** A streamed output: chunks go to a temporary file; `commit` renames it into place. */
interface StreamedOutput {
  sink: ChunkSink;
  commit(): Promise<void>;
  abort(): void;
}

/**
 * `OUT` absent or `-` is standard output. Either way the data first goes to a temporary
 * file (next to OUT, or in the system's temporary directory for stdout), so a failure
 * half-way never leaves a partial file or half a stream on stdout.
 */
function openOutput(path: string | undefined, io: CliIo): StreamedOutput {
  const toStdout = path === undefined || path === '-';
  const target = toStdout ? join(tmpdir(), 'xent-stdout') : path;
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  const flag = toStdout ? 'stdout' : '-o';
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx');
  } catch (e) {
    throw fileError(e, `cannot write '${toStdout ? tmp : path}'`, flag);
  }
  const cleanup = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    rmSync(tmp, { force: true });
  };
  return {
    sink: (chunk) => {
      try {
        writeSync(fd!, chunk);
      } catch (e) {
        cleanup();
        throw fileError(e, `cannot write '${toStdout ? tmp : path}'`, flag);
      }
    },
    async commit() {
      try {
        if (toStdout) {
          closeSync(fd!);
          fd = undefined;
          await copyToStdout(tmp, io);
          rmSync(tmp, { force: true });
          return;
        }
        fsyncSync(fd!);
        closeSync(fd!);
        fd = undefined;
        renameSync(tmp, path);
      } catch (e) {
        cleanup();
        throw fileError(e, `cannot write '${toStdout ? 'stdout' : path}'`, flag);
      }
    },
    abort: cleanup,
  };
}

/** Tests give a CliIo with `outBytes` to capture binary output; otherwise process.stdout. */
type BinaryIo = CliIo & { outBytes?: (chunk: Uint8Array) => void };

async function copyToStdout(path: string, io: BinaryIo): Promise<void> {
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const chunk = new Uint8Array(CHUNK_BYTES);
      const n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      await writeBinary(io, chunk.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}

function writeBinary(io: BinaryIo, chunk: Uint8Array): Promise<void> {
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

function fileError(e: unknown, what: string, flag: string): XentError {
  if (e instanceof XentError) return e;
  return new XentError(`${what}: ${fileErrorReason(e)}`, { field: flag });
}

/**
 * Runs `produce` into the output named by `path`: committed (renamed into place, or
 * copied to stdout) only when it returns, removed when it throws.
 */
export async function writeOutput<T>(path: string | undefined, io: CliIo, produce: (sink: ChunkSink) => T | Promise<T>): Promise<T> {
  const output = openOutput(path, io);
  try {
    const result = await produce(output.sink);
    await output.commit();
    return result;
  } catch (e) {
    output.abort();
    throw e;
  }
}

/**
 * Where a coding command's report goes: stdout when -o names a file; when the data itself
 * goes to stdout, stderr and only with --json (a table there would be mistaken for data).
 */
export function printReport(text: string, flags: { output?: string; json?: boolean }, io: CliIo): void {
  if (!writesToStdout(flags.output)) io.out(text);
  else if (flags.json) io.err(text);
}
