import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { chunkSourceOf, chunksOf, STREAM_PIECE_BYTES, type ChunkSource } from '../../coding/index.js';
import { XentError } from '../../core/XentError.js';
import type { CliIo } from '../CliIo.js';
import { fileErrorReason } from '../fileErrorReason.js';
import { writesToStdout } from '../output/resolveOutputTarget.js';
import { refuseSameFile } from './refuseSameFile.js';

// The input edge shared by `xent compress` and `xent decompress`: inputs read in chunks,
// so a 100 MB file or stream never sits in memory, and where the report goes. Outputs are
// written by src/cli/output (a temporary file renamed on success, or written through).

/** An input read once, front to back, in chunks of at most STREAM_PIECE_BYTES. */
export interface StreamedInput {
  /** The input's size when it is a regular file (it sizes the model's tables). */
  readonly sizeHint?: number;
  /** The chunks, for a reader that may wait (compression): to be read with for-await. */
  chunks(): AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** The chunks, for a synchronous reader (decompression). */
  source(): Promise<ChunkSource>;
  close(): void;
}

/**
 * `IN` absent or `-` is standard input, streamed: neither command holds all of it.
 * A file is read in chunks too, so a 100 MB file never sits in memory. `output`, when
 * given, must not be the input file itself.
 */
export async function openInput(path: string | undefined, io: CliIo, output?: string): Promise<StreamedInput> {
  if (path === undefined || path === '-') return stdinInput(io, output);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw fileError(e, `cannot read '${path}'`, 'IN');
  }
  try {
    refuseSameFile(fd, path, output);
  } catch (e) {
    closeSync(fd);
    throw e;
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
    chunks: () => chunksOf(read),
    source: async () => read,
    close: () => closeSync(fd),
  };
}

function stdinInput(io: CliIo, output: string | undefined): StreamedInput {
  // A real stdin (fd 0) redirected from the output file: `xent compress < a -o a`.
  if (io.stdinChunks !== undefined) refuseSameFile(0, 'stdin', output);
  const stream = io.stdinChunks?.();
  if (stream === undefined) {
    // An io without a stream (the tests' memoryIo): its whole stdin, as one chunk.
    const whole = io.readStdin().then((bytes) => chunkSourceOf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)));
    return {
      chunks: async function* () {
        yield* chunksOf(await whole);
      },
      source: () => whole,
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
  // and not allocating a piece per read keeps the garbage (and peak memory) down.
  const chunk = new Uint8Array(STREAM_PIECE_BYTES);
  return () => {
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
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

function fileError(e: unknown, what: string, flag: string): XentError {
  if (e instanceof XentError) return e;
  return new XentError(`${what}: ${fileErrorReason(e)}`, { field: flag });
}

export function printReport(text: string, flags: { output?: string; json?: boolean }, io: CliIo): void {
  if (!writesToStdout(flags.output)) io.out(text);
  else if (flags.json) io.err(text);
}
