/**
 * The one error type for invalid input. It names the field (and, for arrays, the index)
 * so that every edge, library or CLI, can say exactly what is wrong and where.
 *
 * The message reads `<problem> (<field>, <position>)`; the CLI maps `field` to its flag.
 *
 * @example
 * throw new XentError('value -0.5 is negative', { field: 'p', index: 1 });
 * // message: "value -0.5 is negative (p, index 1)"
 */
export class XentError extends Error {
  /** What is wrong, without the location. */
  readonly problem: string;
  /** The input field at fault, such as `p`, `q`, `target`. */
  readonly field: string;
  /** Position inside the field: a flat index, or a description such as `row 2, column 1`. */
  readonly index: number | string | undefined;

  constructor(problem: string, where: { field: string; index?: number | string }) {
    super(`${problem} (${formatWhere(where.field, where.index)})`);
    this.name = 'XentError';
    this.problem = problem;
    this.field = where.field;
    this.index = where.index;
  }
}

/** `p` and 3 give `p, index 3`; `joint` and `row 2, column 1` give `joint, row 2, column 1`. */
export function formatWhere(field: string, index?: number | string): string {
  if (index === undefined) return field;
  return typeof index === 'number' ? `${field}, index ${index}` : `${field}, ${index}`;
}

export function isXentError(e: unknown): e is XentError {
  return e instanceof XentError;
}
