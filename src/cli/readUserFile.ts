import { readFileSync } from 'node:fs';
import { XentError } from '../core/XentError.js';
import { fileErrorReason } from './fileErrorReason.js';

/**
 * Reads a file named by the user for `flag`. A missing or unreadable file is the user's
 * error (exit 2, one line naming the flag and the path), not a crash.
 */
export function readUserFile(path: string, flag: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new XentError(`cannot read '${path}': ${fileErrorReason(e)}`, { field: flag });
  }
}
