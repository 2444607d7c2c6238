/**
 * Thins a long line series for drawing. A figure a few hundred pixels wide cannot show a
 * million epochs, and an SVG path of a million points is ~100 MB. The indices are split
 * into `buckets` runs of consecutive points; each run keeps its first and last point and
 * those with its smallest and largest y (and its first non-finite y, which breaks the
 * line), in order. So spikes and oscillations survive, which keeping every k-th point
 * would alias away. Series of at most 4·buckets points come back unchanged.
 *
 * @example
 * decimate([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [0, 5, 0, 0, 0, 0, 0, 0, -5, 0], 1)
 * // { x: [0, 1, 8, 9], y: [0, 5, -5, 0] }
 */
export function decimate(x: readonly number[], y: readonly number[], buckets = 1000): { x: number[]; y: number[] } {
  const n = Math.min(x.length, y.length);
  if (n <= 4 * buckets) return { x: x.slice(0, n), y: y.slice(0, n) };
  const keep: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const lo = Math.floor((b * n) / buckets);
    const hi = Math.floor(((b + 1) * n) / buckets) - 1;
    let iMin = -1;
    let iMax = -1;
    let iBad = -1;
    for (let i = lo; i <= hi; i++) {
      const v = y[i];
      if (!Number.isFinite(v)) {
        if (iBad < 0) iBad = i;
      } else {
        if (iMin < 0 || v < y[iMin]) iMin = i;
        if (iMax < 0 || v > y[iMax]) iMax = i;
      }
    }
    const picked = [lo, iMin, iMax, iBad, hi].filter((i) => i >= 0).sort((a, b) => a - b);
    for (const i of picked) if (keep[keep.length - 1] !== i) keep.push(i);
  }
  return { x: keep.map((i) => x[i]), y: keep.map((i) => y[i]) };
}
