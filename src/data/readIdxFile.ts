import { closeSync, openSync, readSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';
import { XentError } from '../core/XentError.js';
import { readIdx, type IdxData } from '../formats/idx.js';

/**
 * The most bytes an IDX file may declare (header and values, after gunzip): 256 MiB, about
 * 340,000 images of 28×28, five times MNIST's training set. The check is made on the
 * header, before the values are read or inflated, so a small gzip file that declares 10^6
 * images (a gzip bomb) is refused at once.
 */
export const IDX_SIZE_LIMIT = 256 * 2 ** 20;

/** The largest IDX header: 4 bytes, then 255 dimensions of 4 bytes. */
const MAX_HEADER_BYTES = 4 + 4 * 255;
/** How much of a gzip file is inflated to find the IDX header (at most ~1032× as much output). */
const GZIP_HEAD_BYTES = 64 * 1024;

/**
 * Reads an IDX file from disk, gunzipping it first when it starts with the gzip magic
 * bytes 0x1f 0x8b (whatever its name). Errors name the file. A file whose header declares
 * more than `limit` bytes, or whose data runs past what its header declares, is refused
 * without reading or inflating the rest.
 *
 * @example
 * readIdxFile('mnist/t10k-labels-idx1-ubyte.gz').dims // [10000]
 */
export function readIdxFile(path: string, limit = IDX_SIZE_LIMIT): IdxData {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw cannotRead(e, path);
  }
  try {
    const head = readAtMost(fd, MAX_HEADER_BYTES, path);
    if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
      // gzip may expand incompressible data by a little; a compressed file past the limit
      // and a margin cannot hold an IDX file within the limit.
      const compressed = Buffer.concat([head, readAtMost(fd, limit + (limit >> 10) + (1 << 20), path)]);
      return readIdx(inflateIdx(compressed, path, limit), path);
    }
    const expected = declaredBytes(head, path, limit);
    // One byte past the declared size is enough for readIdx to call the file malformed.
    const rest = expected === undefined ? Buffer.alloc(0) : readAtMost(fd, expected - head.length + 1, path);
    return readIdx(Buffer.concat([head, rest]), path);
  } finally {
    closeSync(fd);
  }
}

/**
 * Inflates `compressed` in two steps: first its first 64 KiB, enough to hold the IDX header
 * (a truncated inflation, which zlib allows with Z_SYNC_FLUSH), whose declared size is
 * checked against the limit; then the whole, stopping one byte past the declared size.
 */
function inflateIdx(compressed: Buffer, path: string, limit: number): Uint8Array {
  let expected: number | undefined;
  try {
    const head = gunzipSync(compressed.subarray(0, GZIP_HEAD_BYTES), { finishFlush: constants.Z_SYNC_FLUSH });
    expected = declaredBytes(head, path, limit);
  } catch (e) {
    if (e instanceof XentError) throw e;
    // A corrupt start is reported by the full inflation below, with zlib's message.
  }
  try {
    return gunzipSync(compressed, { maxOutputLength: (expected ?? limit + MAX_HEADER_BYTES) + 1 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      const what = expected === undefined ? `more than the ${formatMiB(limit)} an IDX file may hold` : `more than the ${expected} bytes its header declares`;
      throw new XentError(`malformed IDX file: it inflates to ${what}`, { field: path });
    }
    throw new XentError(`corrupt gzip data: ${(e as Error).message}`, { field: path });
  }
}

/**
 * The file size an IDX header declares, or undefined when `head` is too short to hold the
 * header or does not start like IDX (readIdx then says what is wrong). Past `limit`, an error.
 */
function declaredBytes(head: Uint8Array, path: string, limit: number): number | undefined {
  if (head.length < 4 || head[0] !== 0 || head[1] !== 0) return undefined;
  const size = ({ 0x08: 1, 0x09: 1, 0x0b: 2, 0x0c: 4, 0x0d: 4, 0x0e: 8 } as Record<number, number>)[head[2]];
  const header = 4 + 4 * head[3];
  if (size === undefined || head[3] === 0 || head.length < header) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let bytes = size;
  for (let d = 0; d < head[3]; d++) bytes *= view.getUint32(4 + 4 * d, false);
  if (header + bytes > limit) {
    const dims = Array.from({ length: head[3] }, (_, d) => view.getUint32(4 + 4 * d, false));
    throw new XentError(`its header declares ${dims.join('×')} values (${header + bytes} bytes), more than the ${formatMiB(limit)} an IDX file may hold`, { field: path });
  }
  return header + bytes;
}

/** Up to `n` bytes from the file's current position (fewer at its end). */
function readAtMost(fd: number, n: number, path: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < n) {
    const chunk = Buffer.allocUnsafe(Math.min(n - total, 1 << 20));
    let k: number;
    try {
      k = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      throw cannotRead(e, path);
    }
    if (k === 0) break;
    chunks.push(chunk.subarray(0, k));
    total += k;
  }
  return Buffer.concat(chunks, total);
}

function cannotRead(e: unknown, path: string): XentError {
  const code = (e as NodeJS.ErrnoException).code;
  return new XentError(`cannot read: ${code === 'ENOENT' ? 'no such file' : (code ?? String(e))}`, { field: path });
}

function formatMiB(bytes: number): string {
  return `${bytes / 2 ** 20} MiB`;
}
