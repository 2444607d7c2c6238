import { openOutput } from './output/openOutput.js';

/**
 * Writes `data` to `path` whole or not at all: a regular file (or a symbolic link's
 * target) through a temporary file in the same directory and a rename, keeping its
 * permission bits; a device, FIFO or `/dev/stdout` written through. Errors are one-line
 * XentErrors naming `flag`. Check the path with checkOutputPath before long work.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, flag = '-o'): void {
  const output = openOutput(path, { flag });
  try {
    output.write(typeof data === 'string' ? Buffer.from(data) : data);
    output.commitSync();
  } catch (e) {
    output.abort();
    throw e;
  }
}
