import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { XentError } from '../core/XentError.js';
import { readIdx, type IdxData } from '../formats/idx.js';

/**
 * Reads an IDX file from disk, gunzipping it first when it starts with the gzip magic
 * bytes 0x1f 0x8b (whatever its name). Errors name the file.
 *
 * @example
 * readIdxFile('mnist/t10k-labels-idx1-ubyte.gz').dims // [10000]
 */
export function readIdxFile(path: string): IdxData {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new XentError(`cannot read: ${code === 'ENOENT' ? 'no such file' : (code ?? String(e))}`, { field: path });
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new XentError(`corrupt gzip data: ${(e as Error).message}`, { field: path });
    }
  }
  return readIdx(bytes, path);
}
