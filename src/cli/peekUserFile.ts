import { closeSync, fstatSync, readSync, statSync } from 'node:fs';
import { fileErrorReason } from './fileErrorReason.js';
import { cannotRead, openUserFile } from './readUserFile.js';

/**
 * The first `n` bytes (fewer if the file is shorter) of a file named by the user for
 * `flag`, to tell its format before choosing a reader and its limit; undefined when it is
 * not a regular file (a pipe cannot be read twice, so its head cannot be peeked at).
 * Errors as readUserFile's.
 */
export function peekUserFile(path: string, flag: string, n: number): Buffer | undefined {
  // Not even opened unless it is a regular file: opening and closing a FIFO ends its writer's
  // stream (EPIPE), and the reader that opens it next would wait for a writer forever.
  if (!isRegularFile(path)) return undefined;
  const fd = openUserFile(path, flag);
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    const head = Buffer.alloc(n);
    let got = 0;
    while (got < n) {
      const k = readSync(fd, head, got, n - got, null);
      if (k === 0) break;
      got += k;
    }
    return head.subarray(0, got);
  } catch (e) {
    throw cannotRead(path, fileErrorReason(e), flag);
  } finally {
    closeSync(fd);
  }
}

/** Whether the path names a regular file (through links); a missing path is left to the open that reports it. */
function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return true;
  }
}
