/**
 * Why a file operation failed, in words with the errno code after them, for the one-line
 * user errors: `permission denied (EACCES)`, `not a directory (ENOTDIR)`. The words are
 * what the user can act on, the code is what they can search for.
 *
 * @example
 * fileErrorReason(Object.assign(new Error(), { code: 'EACCES' })) // 'permission denied (EACCES)'
 */
export function fileErrorReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return e instanceof Error ? e.message : String(e);
  // Node's own text, "EACCES: permission denied, open 'x'", names the syscall and path.
  const words = REASONS[code] ?? /^[A-Z0-9_]+: ([^,]+)/.exec((e as Error).message)?.[1] ?? 'failed';
  return `${words} (${code})`;
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ESPIPE: 'it is a pipe or socket, which cannot be read twice',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  ENXIO: 'no reader on the other end',
  EBUSY: 'the device is busy',
  ETXTBSY: 'the file is a running program',
  EFBIG: 'the file is too large',
  EIO: 'input/output error',
  EEXIST: 'it already exists',
  EINVAL: 'invalid argument',
};
