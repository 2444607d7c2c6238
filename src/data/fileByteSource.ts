import { createReadStream, statSync } from 'node:fs';
import { XentError } from '../core/XentError.js';
import type { ByteSource } from './ByteSource.js';

/** Chunk size of file reads: large enough that per-chunk work vanishes, small enough for the memory bound. */
const CHUNK_BYTES = 1 << 20;

/**
 * A file on disk as a ByteSource, streamed in 1 MiB chunks. It is checked at once, so a
 * missing file or a directory is an XentError naming `flag` before anything is read.
 */
export function fileByteSource(path: string, flag: string): ByteSource {
  let stats;
  try {
    stats = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new XentError(`cannot read '${path}': ${code === 'ENOENT' ? 'no such file' : (code ?? String(e))}`, { field: flag });
  }
  if (stats.isDirectory()) throw new XentError(`cannot read '${path}': is a directory`, { field: flag });
  return {
    name: path,
    chunks: () => createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Uint8Array>,
  };
}
