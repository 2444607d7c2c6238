import { describe, expect, it } from 'vitest';
import { runCli } from './runCli.js';
import { errorLine, escapeControl, MAX_PROBLEM_CHARS, MAX_QUOTED_CHARS } from './errorLine.js';
import { fileErrorReason } from './fileErrorReason.js';

describe('errorLine', () => {
  it.each([
    // A library location re-thrown under a flag joins the flag's group.
    ['"sizes": layer size 0 must be a positive integer (sizes, index 1)', '--model', '"sizes": layer size 0 must be a positive integer (--model, sizes, index 1)'],
    ["unknown cost 'x', expected quadratic (cost)", '--model', "unknown cost 'x', expected quadratic (--model, cost)"],
    ['bad cell (joint, row 2, column 1)', '--joint', 'bad cell (--joint, joint, row 2, column 1)'],
    // Parentheses inside the location become commas.
    ['corrupt input', 'truncated header (magic)', 'corrupt input (truncated header, magic)'],
    ['corrupt input', 'a (b (c))', 'corrupt input (a, b, c)'],
    // An errno group and prose in parentheses are part of the problem.
    ["cannot read 'x': permission denied (EACCES)", '--p', "cannot read 'x': permission denied (EACCES) (--p)"],
    ['pixel is 300 (scale 0–255 pixels by 1/255)', '--images', 'pixel is 300 (scale 0–255 pixels by 1/255) (--images)'],
    // The same place twice is named once.
    ['value is NaN (--p)', '--p', 'value is NaN (--p)'],
  ])('%j at %j', (problem, where, line) => {
    expect(errorLine(problem, where)).toBe(line);
  });

  it('escapes control characters so the line stays one line', () => {
    expect(errorLine("argument 'foo\nbar\tbaz\x1b[31m'", '--unit')).toBe("argument 'foo\\nbar\\tbaz\\x1b[31m' (--unit)");
    expect(escapeControl('a\u2028b\r\x7f\u0085')).toBe('a\\u2028b\\r\\x7f\\x85');
    expect(escapeControl('C:\\Users\\ä')).toBe('C:\\Users\\ä');
  });
});

describe('quoted input in an error line is cut to a readable length', () => {
  const long = 'x'.repeat(1 << 20);
  const cut = `${'x'.repeat(MAX_QUOTED_CHARS - 1)}…`;

  it('single and double quotes, with the rest of the line kept', () => {
    expect(errorLine(`unknown loss "${long}"`, 'loss')).toBe(`unknown loss "${cut}" (loss)`);
    expect(errorLine(`cannot read '${long}': permission denied (EACCES)`, '--p')).toBe(`cannot read '${cut}': permission denied (EACCES) (--p)`);
    expect(errorLine(`value '${'y'.repeat(MAX_QUOTED_CHARS)}' is bad`, '--p')).toBe(`value '${'y'.repeat(MAX_QUOTED_CHARS)}' is bad (--p)`);
  });

  it('keeps control characters escaped and never splits a character', () => {
    expect(errorLine(`unknown unit '${'\n'.repeat(1000)}'`, '--unit')).toBe(`unknown unit '${'\\n'.repeat(MAX_QUOTED_CHARS - 1)}…' (--unit)`);
    expect(errorLine(`unknown unit '${'😀'.repeat(1000)}'`, '--unit')).toBe(`unknown unit '${'😀'.repeat(MAX_QUOTED_CHARS - 1)}…' (--unit)`);
  });

  it('an unquoted echo is cut too, and the location group stays', () => {
    expect(errorLine(`bad ${long}`, '--p')).toBe(`bad ${'x'.repeat(MAX_PROBLEM_CHARS - 5)}… (--p)`);
  });

  it('xent loss with a 1 MB loss name prints one short line', async () => {
    const r = await runCli(['loss', '--request', '-'], JSON.stringify({ loss: long, input: [[1]], target: [0] }));
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeLessThan(MAX_PROBLEM_CHARS);
    expect(r.stderr).toMatch(/^xent: error: unknown loss "x+…".*\(loss\)\n$/);
  });
});

describe('fileErrorReason', () => {
  it.each([
    ['EACCES', 'permission denied (EACCES)'],
    ['ENOTDIR', 'a part of the path is not a directory (ENOTDIR)'],
    ['ESPIPE', 'it is a pipe or socket, which cannot be read twice (ESPIPE)'],
    ['ENOENT', 'no such file or directory (ENOENT)'],
  ])('%s in words, with the code', (code, reason) => {
    expect(fileErrorReason(Object.assign(new Error(`${code}: whatever, open 'x'`), { code }))).toBe(reason);
  });

  it("takes Node's words for a code it has no words for", () => {
    expect(fileErrorReason(Object.assign(new Error("EXDEV: cross-device link not permitted, rename 'a' -> 'b'"), { code: 'EXDEV' }))).toBe('cross-device link not permitted (EXDEV)');
  });
});
