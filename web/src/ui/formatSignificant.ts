/**
 * A number for display with at most `digits` significant digits, written the way the
 * entropy page writes its measures: ∞ and −∞ for infinities, — for a value that does not
 * exist (NaN), never the words "Infinity" or "NaN".
 */
export function formatSignificant(x: number, digits = 6): string {
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  if (Number.isNaN(x)) return '—';
  return String(Number(x.toPrecision(digits))).replace(/^-/, '−');
}
