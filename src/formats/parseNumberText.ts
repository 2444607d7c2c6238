/**
 * xent's one grammar of numbers written as text. A command-line flag, a CSV or TSV cell, a
 * string inside JSON (a loss request's tensor, a `@file` list, a row of predictions) and a
 * bare word in a JSON table are all read by it, so a value that is accepted in one place
 * is accepted, as the same double, in every other.
 *
 *     number    ::= space* sign? (decimal | infinity | nan) space*
 *     sign      ::= '+' | '-'
 *     decimal   ::= (digit+ ('.' digit*)? | '.' digit+) (('e' | 'E') sign? digit+)?
 *     infinity  ::= 'inf' | 'infinity'        any case
 *     nan       ::= 'nan'                     any case
 *
 * This is Python's `float()` grammar without its digit-group underscores (Python's
 * reference, "Built-in Functions: float"), chosen because it reads what the tools that
 * write these files write:
 * - `Infinity`, `-Infinity`, `NaN`: JavaScript's `String(x)`, xent's own JSON (toJson) and
 *   Python's `json.dumps`;
 * - `inf`, `-inf`, `nan`: NumPy's `savetxt`, pandas' `to_csv`, Python's `repr`, C's `printf`
 *   (which also writes `INF`, `-nan`);
 * - `Inf`, `-Inf`, `NaN`: R and Julia.
 * A decimal is read as `Number(text)` reads it (correctly rounded). Refused, though
 * `Number()` takes some of them: the empty string (which `Number` reads as 0), hexadecimal,
 * octal and binary forms (`0x10`, `0o7`, `0b1`), digit separators (`1_000`), a decimal
 * comma (`1,5`), and R's `NA`. A NaN is a number of the grammar; whoever reads it says
 * whether a NaN may stand there (a prediction may not, and the error says so).
 */
export function parseNumberText(text: string): number | undefined {
  const t = text.trim();
  if (DECIMAL.test(t)) return Number(t);
  return nonFiniteValue(t);
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** ±Infinity or NaN for an `infinity` or `nan` spelling of the grammar (already trimmed), else undefined. */
export function nonFiniteValue(text: string): number | undefined {
  if (text.length < 3 || text.length > 9) return undefined;
  const lower = text.toLowerCase();
  const negative = lower[0] === '-';
  const word = lower[0] === '-' || lower[0] === '+' ? lower.slice(1) : lower;
  if (word === 'inf' || word === 'infinity') return negative ? -Infinity : Infinity;
  if (word === 'nan') return NaN;
  return undefined;
}
