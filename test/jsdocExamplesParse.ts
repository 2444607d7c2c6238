import ts from 'typescript';

// Turns the JSDoc `@example`s of src/ into code that checks itself. An example is a few
// statements; a `// comment` after a statement (on its line or on the lines below it)
// states its value. The comment forms understood, each compared by `matches`:
//
//   expr // 2.375                  the value, with the precision written (see numberMark)
//   expr // 0.241311… (prose)      … means truncated digits; text after the value is prose
//   expr // Float64Array [0.5, 0]  a typed array of that type
//   expr // '<svg …</svg>'         … inside a string: a prefix and a suffix
//   expr // [d.labels[3]]          an expression over names the example defines
//   expr // ≈ 0.94, < 1e-10        approximately (to the digits written), below
//   expr // 1 ± 1e-12 [relative]   within a tolerance
//   expr // a === 1, b.n === 2     each clause an expression equal to a value
//   expr // hX = hY = 1            properties of the value (or variables) equal to a value
//   expr // code 0, stdout 'x'     the same with a space or a colon instead of =
//
// Any other comment is prose: the statement runs, its value is not compared.

export interface Expectation {
  /** The comment as written. */
  text: string;
  /** A JS expression of the expected value, over the helpers passed to the generated code. */
  expected: string;
  /** A JS expression of the actual value: `__r` (the statement's value) or a picked part. */
  actual: string;
  /** How to compare: equal (matches), or a numeric bound. */
  op: 'matches' | '<' | '>' | '<=' | '>=';
}

const GLOBALS = new Set(['Math', 'Infinity', 'NaN', 'undefined', 'Number', 'true', 'false', 'null', '__num', '__typed', '__str']);
const TYPED = 'Float64Array|Float32Array|Uint8Array|Uint16Array|Uint32Array|Int8Array|Int16Array|Int32Array';

/**
 * Rewrites a written value into an evaluable one: `Float64Array [1, 2]` → `__typed(…)`,
 * `Uint8Array(3)` → zeros of that type, every number literal → `__num('text')` (which
 * remembers its written precision), strings with … → `__str(…)`.
 */
export function normalizeValue(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const quote = /^(['"])((?:\\.|(?!\1).)*)\1/.exec(rest);
    if (quote) {
      out += quote[2].includes('…') ? `__str(${quote[0]})` : quote[0];
      i += quote[0].length;
      continue;
    }
    const typedList = new RegExp(`^(${TYPED})\\s*\\[`).exec(rest);
    if (typedList) {
      out += `__typed('${typedList[1]}', [`;
      i += typedList[0].length;
      const close = matchingBracket(text, i - 1);
      if (close < 0) return text;
      out += normalizeValue(text.slice(i, close)) + '])';
      i = close + 1;
      continue;
    }
    const typedZeros = new RegExp(`^(${TYPED})\\((\\d+)\\)`).exec(rest);
    if (typedZeros) {
      out += `__typed('${typedZeros[1]}', new Array(${typedZeros[2]}).fill(0))`;
      i += typedZeros[0].length;
      continue;
    }
    // A number, with its sign when the sign cannot be a binary minus.
    const prev = out.trimEnd().slice(-1);
    const signed = prev === '' || '[(,:{=?'.includes(prev);
    const num = (signed ? /^-?(0x[0-9a-f]+|\d+(\.\d+)?(e[-+]?\d+)?)…?/i : /^(0x[0-9a-f]+|\d+(\.\d+)?(e[-+]?\d+)?)…?/i).exec(rest);
    if (num && !/[\w$.]$/.test(out)) {
      out += `__num(${JSON.stringify(num[0])})`;
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_$][\w$]*/.exec(rest);
    if (word) {
      out += word[0];
      i += word[0].length;
      continue;
    }
    out += text[i];
    i++;
  }
  return out;
}

function matchingBracket(text: string, open: number): number {
  const pairs: Record<string, string> = { '[': ']', '(': ')', '{': '}' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (pairs[c]) stack.push(pairs[c]);
    else if (c === ']' || c === ')' || c === '}') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** Splits at commas outside brackets and quotes. */
export function splitClauses(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) break;
      i = end;
    } else if ('[({'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out;
}

/**
 * Whether `code` is one expression whose free names are all in `known`, and not itself
 * an assignment, comparison or sequence (those are clause forms, not values).
 */
export function isValueExpression(code: string, known: ReadonlySet<string>): boolean {
  if (code.trim() === '') return false;
  const sf = ts.createSourceFile('value.ts', `(${code});`, ts.ScriptTarget.ES2022, true);
  const diagnostics = (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics;
  if (diagnostics.length > 0 || sf.statements.length !== 1) return false;
  const stmt = sf.statements[0];
  if (!ts.isExpressionStatement(stmt)) return false;
  let top: ts.Expression = stmt.expression;
  while (ts.isParenthesizedExpression(top)) top = top.expression;
  if (ts.isBinaryExpression(top) && [ts.SyntaxKind.EqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.CommaToken].includes(top.operatorToken.kind)) {
    return false;
  }
  let free = true;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node);
      if (!isPropertyName && !GLOBALS.has(node.text) && !known.has(node.text)) free = false;
    }
    ts.forEachChild(node, visit);
  };
  visit(stmt.expression);
  return free;
}

const BOUNDARIES = [' (', ' =', ':', ',', ' ±', '  ', ' where', ' —', ';', ' ≈'];

/** The longest prefix of `text` that is a value (after normalizeValue), and the rest. */
export function valuePrefix(text: string, known: ReadonlySet<string>): { value: string; rest: string } | undefined {
  const cuts = new Set<number>([text.length]);
  for (let i = 1; i < text.length; i++) if (BOUNDARIES.some((b) => text.startsWith(b, i))) cuts.add(i);
  for (const cut of [...cuts].sort((a, b) => b - a)) {
    const value = normalizeValue(text.slice(0, cut).trim());
    if (isValueExpression(value, known)) return { value, rest: text.slice(cut).trim() };
  }
  return undefined;
}

const NUMBER = /-?(0x[0-9a-f]+|\d+(\.\d+)?(e[-+]?\d+)?)…?/i;
const NAME_FORM = /^([A-Za-z_$][\w$]*)((?:\s*=\s*[A-Za-z_$][\w$]*)*)\s*(=|:|\s)\s*(?=\S)/;

/**
 * The expectations of one comment. `known` holds the names in scope of the example
 * (module exports, the context, its own declarations); `variables` the names the
 * example itself declares, which clause names prefer to properties of the value.
 */
export function parseComment(text: string, known: ReadonlySet<string>, variables: ReadonlySet<string>): Expectation[] {
  const t = text.trim();
  const bound = /^(≈|<=|>=|<|>|≤|≥)\s*/.exec(t);
  if (bound) {
    const num = NUMBER.exec(t.slice(bound[0].length));
    if (!num || num.index !== 0) return [];
    const op = ({ '≈': 'matches', '≤': '<=', '≥': '>=' } as Record<string, Expectation['op']>)[bound[1]] ?? (bound[1] as Expectation['op']);
    return [{ text: t, actual: '__r', expected: `__num(${JSON.stringify(num[0])})`, op }];
  }
  // `log 2 ≈ 0.6931`: prose, then the value.
  const approx = /≈\s*(-?\d[\d.e-]*…?)/.exec(t);
  if (approx && !t.includes('===')) return [{ text: t, actual: '__r', expected: `__num(${JSON.stringify(approx[1])})`, op: 'matches' }];
  const clauses = splitClauses(t);
  const first = clauses[0];
  const named = NAME_FORM.test(first) && !new RegExp(`^(${TYPED})\\b`).test(first) && !isValueExpression(normalizeValue(first), known);
  if (first.includes('===') || named) {
    const out: Expectation[] = [];
    for (const clause of clauses) {
      const strict = /^(.+?)\s*===\s*(.+)$/.exec(clause);
      if (strict) {
        const lhs = strict[1].trim();
        const value = valuePrefix(strict[2], known);
        if (!value || !isValueExpression(lhs, known)) break;
        out.push({ text: clause, actual: lhs, expected: value.value, op: 'matches' });
        continue;
      }
      const named = NAME_FORM.exec(clause);
      if (!named) break;
      const names = [named[1], ...named[2].split('=').map((s) => s.trim()).filter(Boolean)];
      const value = valuePrefix(clause.slice(named[0].length), known);
      if (!value) break;
      for (const name of names) {
        const actual = variables.has(name) ? name : `__r?.[${JSON.stringify(name)}]`;
        out.push({ text: clause, actual, expected: value.value, op: 'matches' });
      }
    }
    return out;
  }
  const value = valuePrefix(t, known);
  if (value) {
    const tolerance = /^±\s*(\S+)(\s+relative)?/.exec(value.rest);
    if (tolerance) {
      const tol = Number(tolerance[1]);
      if (!Number.isFinite(tol)) return [];
      return [{ text: t, actual: '__r', expected: `__num(${JSON.stringify(String(Number(value.value.replace(/__num\("([^"]+)"\)/g, '$1'))))}, ${tol}, ${tolerance[2] ? 'true' : 'false'})`, op: 'matches' }];
    }
    return [{ text: t, actual: '__r', expected: value.value, op: 'matches' }];
  }
  return [];
}

/** A number as written: its value and how closely an actual value must equal it. */
export class NumberMark {
  constructor(
    readonly value: number,
    /** Largest |actual − value| accepted. */
    readonly tolerance: number,
    readonly written: string,
  ) {}
  valueOf(): number {
    return this.value;
  }
  // As a property key (`labels[3]`), the number itself.
  toString(): string {
    return String(this.value);
  }
}

/**
 * `0.2028` accepts what rounds to it (±0.00005), `0.164…` what starts with it (±0.001),
 * an integer or a number written with 15 or more significant digits only itself (to a
 * few ulps); `tolerance` overrides, absolute or relative.
 */
export function numberMark(written: string, tolerance?: number, relative = false): NumberMark {
  const truncated = written.endsWith('…');
  const digits = truncated ? written.slice(0, -1) : written;
  const value = Number(digits);
  if (tolerance !== undefined) return new NumberMark(value, relative ? tolerance * Math.abs(value) : tolerance, written);
  const m = /^-?(\d+)(?:\.(\d+))?(?:e([-+]?\d+))?$/i.exec(digits);
  if (!m) return new NumberMark(value, 0, written);
  const decimals = m[2]?.length ?? 0;
  const exponent = Number(m[3] ?? 0);
  const significant = (m[1] + (m[2] ?? '')).replace(/^0+/, '').length;
  if (significant >= 15) return new NumberMark(value, 4 * Number.EPSILON * Math.abs(value), written);
  if (decimals === 0 && !truncated) return new NumberMark(value, 0, written);
  const lastDigit = 10 ** (exponent - decimals);
  return new NumberMark(value, truncated ? lastDigit : lastDigit / 2 + 1e-12 * Math.abs(value), written);
}

export class TypedMark {
  constructor(
    readonly type: string,
    readonly values: readonly unknown[],
  ) {}
}

export class AffixMark {
  constructor(
    readonly prefix: string,
    readonly suffix: string,
  ) {}
}

/** The helpers the generated code receives. */
export const helpers = {
  __num: (written: string, tolerance?: number, relative?: boolean) => numberMark(written, tolerance, relative),
  __typed: (type: string, values: readonly unknown[]) => new TypedMark(type, values),
  __str: (s: string) => {
    const [prefix, suffix] = s.split('…');
    return new AffixMark(prefix.trimEnd(), suffix.trimStart());
  },
};

/** Whether `actual` is what `expected` (built by the helpers) describes; why not, if not. */
export function mismatch(actual: unknown, expected: unknown, path = 'value'): string | undefined {
  if (expected instanceof NumberMark) {
    if (typeof actual !== 'number') return `${path}: expected the number ${expected.written}, got ${String(actual)}`;
    if (Number.isNaN(expected.value)) return Number.isNaN(actual) ? undefined : `${path}: expected NaN, got ${actual}`;
    const ok = actual === expected.value || Math.abs(actual - expected.value) <= expected.tolerance;
    return ok ? undefined : `${path}: expected ${expected.written} (±${expected.tolerance}), got ${actual}`;
  }
  if (expected instanceof TypedMark) {
    const ctor = (actual as object | null)?.constructor?.name;
    if (ctor !== expected.type) return `${path}: expected a ${expected.type}, got ${ctor ?? String(actual)}`;
    return mismatch(Array.from(actual as ArrayLike<unknown>), expected.values, path);
  }
  if (expected instanceof AffixMark) {
    // A printed document may end in a newline that the written `…</svg>` leaves out.
    if (typeof actual !== 'string' || !actual.startsWith(expected.prefix) || !actual.trimEnd().endsWith(expected.suffix)) {
      return `${path}: expected a string '${expected.prefix}…${expected.suffix}', got ${JSON.stringify(actual)?.slice(0, 200)}`;
    }
    return undefined;
  }
  if (typeof expected === 'number') return mismatch(actual, new NumberMark(expected, 4 * Number.EPSILON * Math.abs(expected), String(expected)), path);
  if (Array.isArray(expected)) {
    const isList = Array.isArray(actual) || ArrayBuffer.isView(actual);
    if (!isList) return `${path}: expected an array, got ${String(actual)}`;
    const list = Array.from(actual as ArrayLike<unknown>);
    if (list.length !== expected.length) return `${path}: expected ${expected.length} elements, got ${list.length}`;
    for (let i = 0; i < list.length; i++) {
      const why = mismatch(list[i], expected[i], `${path}[${i}]`);
      if (why) return why;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return `${path}: expected an object, got ${String(actual)}`;
    for (const [k, v] of Object.entries(expected)) {
      const why = mismatch((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
      if (why) return why;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)?.slice(0, 200)}`;
}

/** Checks a bound (`< 1e-10`); `matches` is the default comparison. */
export function compare(op: Expectation['op'], actual: unknown, expected: unknown): string | undefined {
  if (op === 'matches') return mismatch(actual, expected);
  const bound = Number(expected);
  const a = Number(actual);
  const ok = op === '<' ? a < bound : op === '>' ? a > bound : op === '<=' ? a <= bound : a >= bound;
  return ok ? undefined : `expected ${op} ${bound}, got ${String(actual)}`;
}

export interface ExampleBlock {
  /** The example as written, without the comment's leading stars. */
  source: string;
  /** The line of the @example tag in its file (1-based). */
  line: number;
}

/** The @example blocks of a TypeScript file, in order. */
export function extractExamples(fileName: string, text: string): ExampleBlock[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const out: ExampleBlock[] = [];
  const seen = new Set<number>();
  const visit = (node: ts.Node): void => {
    for (const tag of ts.getJSDocTags(node)) {
      if (tag.tagName.text !== 'example' || seen.has(tag.pos)) continue;
      seen.add(tag.pos);
      const comment = typeof tag.comment === 'string' ? tag.comment : (tag.comment ?? []).map((c) => c.text).join('');
      out.push({ source: comment, line: sf.getLineAndCharacterOfPosition(tag.pos).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

export interface CompiledExample {
  /** Body of an async function of (__scope-destructured names…, __check, helpers). */
  code: string;
  expectations: Expectation[];
}

/**
 * One example as checked code: each statement runs in order; after a statement with a
 * value comment, `__check(i, actual, expected)` receives what expectation i compares.
 */
export function compileExample(source: string, known: ReadonlySet<string>): CompiledExample {
  const sf = ts.createSourceFile('example.ts', source, ts.ScriptTarget.ES2022, true);
  const declared = new Set<string>();
  const collect = (node: ts.Node): void => {
    if ((ts.isVariableDeclaration(node) || ts.isBindingElement(node)) && ts.isIdentifier(node.name)) declared.add(node.name.text);
    ts.forEachChild(node, collect);
  };
  collect(sf);
  const names = new Set([...known, ...declared]);
  const expectations: Expectation[] = [];
  const parts: string[] = [];
  sf.statements.forEach((stmt) => {
    const text = source.slice(stmt.getStart(sf), stmt.end);
    if (ts.isExpressionStatement(stmt)) parts.push(`__r = (${source.slice(stmt.expression.getStart(sf), stmt.expression.end)});`);
    else if (ts.isThrowStatement(stmt)) parts.push(`try { ${text} } catch (e) { __r = e; }`);
    else if (ts.isVariableStatement(stmt)) {
      const [only] = stmt.declarationList.declarations;
      parts.push(text, stmt.declarationList.declarations.length === 1 && ts.isIdentifier(only.name) ? `__r = ${only.name.text};` : '__r = undefined;');
    } else parts.push(text, '__r = undefined;');
    // The comments after the statement, up to the next statement: its stated value.
    // (Trailing ranges: on the statement's last line; leading ranges: on the lines below.)
    const ranges = [...(ts.getTrailingCommentRanges(source, stmt.end) ?? []), ...(ts.getLeadingCommentRanges(source, stmt.end) ?? [])];
    const seen = new Set<number>();
    for (const range of ranges) {
      if (range.kind !== ts.SyntaxKind.SingleLineCommentTrivia || seen.has(range.pos)) continue;
      seen.add(range.pos);
      const comment = source.slice(range.pos + 2, range.end).trim();
      for (const e of parseComment(comment, names, declared)) {
        parts.push(`__check(${expectations.length}, ${e.actual}, ${e.expected});`);
        expectations.push(e);
      }
    }
  });
  return { code: `let __r;\n${parts.join('\n')}`, expectations };
}
