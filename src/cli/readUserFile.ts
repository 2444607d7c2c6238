import { readFileSync } from 'node:fs';
import { XentError } from '../core/XentError.js';

/**
 * Reads a file named by the user for `flag`. A missing or unreadable file is the user's
 * error (exit 2, one line naming the flag and the path), not a crash.
 */
export function readUserFile(path: string, flag: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? String(e));
    throw new XentError(`cannot read '${path}': ${reason}`, { field: flag });
  }
}
