import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { XentError } from '../core/XentError.js';
import type { ByteSource, RandomAccess } from '../formats/ByteSource.js';

/**
 * Bytes asked of each read(2) of a file, and so the largest chunk the readers see: large
 * enough that per-read and per-chunk work vanish, small enough for the memory bound (two
 * buffers of it are alive).
 */
const FILE_READ_BYTES = 1 << 20;

/**
 * A file on disk as a ByteSource, streamed in 1 MiB chunks. It is checked at once, so a
 * missing file or a directory is an XentError naming `flag` before anything is read. A
 * path that is not a regular file (a pipe such as `<(cat p.csv)`, a FIFO, a device) gives
 * its bytes once: asked for them a second time (equal-mass bins read their input more
 * than once), it says so instead of yielding what is left. A regular file also has
 * positional reads (`randomAccess`), which the columnar formats need.
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
  if (stats.isFile()) return { name: path, chunks: () => readChunks(path), randomAccess: positionalReads(path, stats.size, flag) };
  let read = false;
  return {
    name: path,
    chunks: () => {
      if (read) throw new XentError(`cannot read '${path}' twice: it is a pipe or device, not a regular file; save it to a file first`, { field: flag });
      read = true;
      return readChunks(path);
    },
  };
}

/**
 * Reads the file with positional reads into two buffers used in turn: a chunk is valid
 * until the one after next is read, which is all the readers need (each copies what it
 * keeps across chunks). Synchronous reads from the page cache cost a memcpy; the stream
 * API's per-chunk allocations and event-loop hops cost more than that here.
 */
async function* readChunks(path: string): AsyncGenerator<Uint8Array> {
  const buffers = [new Uint8Array(FILE_READ_BYTES), new Uint8Array(FILE_READ_BYTES)];
  const fd = openSync(path, 'r');
  try {
    for (let turn = 0; ; turn ^= 1) {
      const n = readSync(fd, buffers[turn], 0, FILE_READ_BYTES, null);
      if (n === 0) return;
      yield buffers[turn].subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads of byte ranges of a regular file of `byteLength` bytes, each through its own
 * FileHandle: the columnar readers ask for a few ranges per row group, so an open(2) per
 * read costs nothing next to the read, and no descriptor outlives a read.
 */
function positionalReads(path: string, byteLength: number, flag: string): RandomAccess {
  return {
    byteLength,
    async read(start, end) {
      const out = new Uint8Array(end - start);
      const handle = await open(path, 'r');
      try {
        let done = 0;
        while (done < out.length) {
          const { bytesRead } = await handle.read(out, done, out.length - done, start + done);
          if (bytesRead === 0) throw new XentError(`cannot read '${path}': it is shorter than the ${byteLength} bytes it had when opened`, { field: flag });
          done += bytesRead;
        }
      } finally {
        await handle.close();
      }
      return out;
    },
  };
}
