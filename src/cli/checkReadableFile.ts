import { accessSync, constants, statSync } from 'node:fs';
import { fileErrorReason } from './fileErrorReason.js';
import { cannotRead } from './readUserFile.js';

/**
 * Checks that `path` can be read, for a command that streams it later, so that a missing,
 * unreadable or directory input is one error line in the format of every reader,
 * `cannot read 'x': permission denied (EACCES) (--pred)`, before any work. Nothing is
 * opened: a FIFO would block until its writer came, and lose what it wrote once closed.
 */
export function checkReadableFile(path: string, flag: string): void {
  let stats;
  try {
    stats = statSync(path);
    if (stats.isFile()) accessSync(path, constants.R_OK);
  } catch (e) {
    throw cannotRead(path, fileErrorReason(e), flag);
  }
  if (stats.isDirectory()) throw cannotRead(path, fileErrorReason({ code: 'EISDIR' }), flag);
}
