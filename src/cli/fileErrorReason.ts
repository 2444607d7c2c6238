/**
 * The reason a file could not be opened, in words for the common cases ("no such file",
 * "is a directory") and the errno code otherwise, for the one-line user errors.
 */
export function fileErrorReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? String(e));
}
