/**
 * A measure for display: three decimals (the worked example's 1.750, 2.250, 2.375 are
 * exact), ∞ for an infinite cross-entropy or KL. Fixed decimals plus tabular figures
 * keep the layout still while bars are dragged.
 */
export function formatMeasure(x: number, decimals = 3): string {
  if (x === Infinity) return '∞';
  if (Number.isNaN(x)) return '—';
  // −0.000 would read as a sign error; measures are never negative.
  const text = x.toFixed(decimals);
  return /^-0\.0*$/.test(text) ? text.slice(1) : text;
}
