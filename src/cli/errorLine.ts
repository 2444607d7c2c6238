/**
 * The one error line of the CLI contract (docs/design.md), without the `xent: error: ` prefix:
 * `<what is wrong> (<where>)`, on one line, with exactly one location group at the end.
 *
 * Messages are built in many layers, and some arrive already carrying a location or a
 * parenthesised detail; this is the one place that puts them in shape:
 * - a location the problem already ends with (`… (sizes, index 1)`, from a library error
 *   re-thrown under a flag) joins `where` instead of making a second group;
 * - parentheses inside `where` (`truncated header (magic)`) become commas, since the
 *   group is read as a comma list of places;
 * - input quoted in the problem is cut to MAX_QUOTED_CHARS characters and an ellipsis;
 * - control characters (a newline typed into a flag value, the text JSON.parse quotes)
 *   are escaped as `\n`, `\t`, `\x1b`, so the line stays one line that a terminal prints
 *   as it is.
 *
 * @example
 * errorLine('"sizes": layer size 0 must be a positive integer (sizes, index 1)', '--model')
 * // '"sizes": layer size 0 must be a positive integer (--model, sizes, index 1)'
 * errorLine('corrupt input', 'truncated header (magic)')
 * // 'corrupt input (truncated header, magic)'
 */
export function errorLine(problem: string, where: string): string {
  let what = problem.trim();
  const places = [flattenGroups(where)];
  const inner = TRAILING_LOCATION.exec(what);
  if (inner !== null) {
    what = what.slice(0, inner.index);
    const place = flattenGroups(inner[1]);
    if (!places.includes(place)) places.push(place);
  }
  what = shortenQuoted(what.replace(/[.:]$/, ''));
  return escapeControl(`${what} (${places.filter((p) => p !== '').join(', ')})`);
}

/** Quoted input longer than this is cut in an error line: room for a deep path, not for a file. */
export const MAX_QUOTED_CHARS = 160;
/** Past this, the problem itself is cut (input echoed without quotes): the line stays readable. */
export const MAX_PROBLEM_CHARS = 1000;

/**
 * Input echoed in quotes (`unknown loss "…"`, `cannot read '…'`) shortened to its first
 * characters and an ellipsis, so a megabyte-long name yields a line, not a megabyte. Cut
 * before escaping, by code point, so neither an escape nor a character is split.
 */
function shortenQuoted(text: string): string {
  const cut = (inner: string, limit: number) => {
    const chars = Array.from(inner);
    return chars.length <= limit ? inner : `${chars.slice(0, limit - 1).join('')}…`;
  };
  const quoted = text.replace(/"((?:[^"\\]|\\.)*)"/g, (_, inner: string) => `"${cut(inner, MAX_QUOTED_CHARS)}"`).replace(/'([^']*)'/g, (_, inner: string) => `'${cut(inner, MAX_QUOTED_CHARS)}'`);
  return cut(quoted, MAX_PROBLEM_CHARS);
}

/**
 * A trailing `(field)` or `(field, index 3)` / `(field, row 1, column 2)`: the location a
 * XentError message ends with. Lower-case first letter or a dash, so that an errno group
 * such as `(EACCES)` and prose in parentheses (with spaces) stay part of the problem.
 */
const TRAILING_LOCATION = /\s*\(((?:--?)?[a-z_][\w.-]*(?:, (?:index -?\d+|row \d+(?:, column \d+)?|column \d+))?)\)$/;

/** `truncated header (magic)` → `truncated header, magic`, at any depth. */
function flattenGroups(text: string): string {
  let out = text;
  for (let previous = ''; previous !== out; ) {
    previous = out;
    out = out.replace(/\s*\(([^()]*)\)/g, ', $1');
  }
  return out.replace(/^,\s*/, '').replace(/[()]/g, '');
}

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * C0 and C1 control characters and the Unicode line/paragraph separators, escaped. The
 * backslash itself is left alone: a Windows path stays readable, and the escapes only
 * have to say what the invisible characters were.
 */
export function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code > 0xff ? `\\u${code.toString(16)}` : `\\x${code.toString(16).padStart(2, '0')}`);
  });
}
