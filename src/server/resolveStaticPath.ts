import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Maps a request target to a file under `root`, or returns undefined when the request
 * must be refused. Deliberately strict, because the only legitimate requests are for
 * the files Vite emitted (plain names, no dot segments, no escapes):
 *
 * - `..` or `.` segments are refused, raw or percent-encoded (%2e%2e), and so are
 *   encoded separators (%2f, %5c) and backslashes, which some layers would later
 *   turn into separators;
 * - bad percent-encoding and NUL bytes are refused;
 * - `/` means `/index.html`; nothing else maps to a directory (no listing);
 * - as a last guard the resolved path must stay inside `root`.
 */
export function resolveStaticPath(root: string, target: string): string | undefined {
  const pathPart = target.split(/[?#]/, 1)[0];
  if (!pathPart.startsWith('/')) return undefined;
  if (/%(2e|2f|5c|00)/i.test(pathPart) || pathPart.includes('\\')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.')) return undefined;
  if (decoded === '/') return resolve(root, 'index.html');
  // Empty segments (`//x`, `a//b`, a trailing `/`) would be silently collapsed or name a
  // directory; refuse them instead.
  if (segments.some((s) => s === '')) return undefined;
  const rel = segments.join('/');
  const base = resolve(root);
  const file = resolve(base, rel);
  const inside = relative(base, file);
  if (inside === '' || inside.startsWith('..' + sep) || inside === '..' || isAbsolute(inside)) return undefined;
  return file;
}
