/** How an axis maps data to position. */
export type ScaleType = 'linear' | 'log';

/** A data → pixel map with its ticks, as one axis of a chart needs it. */
export interface Scale {
  readonly type: ScaleType;
  /** The (nice) data interval shown. */
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
  /** Pixel position of a data value (linear in value or in log10 of it). */
  map(value: number): number;
  /** Tick label for a value of this axis. */
  format(value: number): string;
  /** Whether `value` can be drawn at all on this scale (finite; > 0 on a log scale). */
  accepts(value: number): boolean;
}

/**
 * A scale over the data `extent` ([min, max] of the finite values; NaN when there are
 * none), widened to round tick values as d3's `nice()` does, or over a fixed `domain`.
 * `range` is the pixel interval, [bottom, top] for a y axis.
 *
 * Degenerate data still gets an axis: no values → [0, 1] (log: [1, 10]); a single value v
 * → v ± |v|/2, or ±1 around 0 (log: one decade either side).
 *
 * @example
 * const s = makeScale('linear', [0, 300], [0, 600]);
 * s.ticks // [0, 50, 100, 150, 200, 250, 300]
 * s.map(150) // 300
 */
export function makeScale(
  type: ScaleType,
  extent: readonly [number, number],
  range: readonly [number, number],
  domain?: readonly [number, number],
): Scale {
  return type === 'log' ? logScale(extent, range, domain) : linearScale(extent, range, domain);
}

function linearScale(extent: readonly [number, number], range: readonly [number, number], fixed?: readonly [number, number]): Scale {
  let [lo, hi] = fixed ?? extent;
  if (!(Number.isFinite(lo) && Number.isFinite(hi))) [lo, hi] = [0, 1];
  if (lo === hi) {
    const half = lo === 0 ? 1 : Math.abs(lo) / 2;
    [lo, hi] = [lo - half, hi + half];
  }
  let step = tickStep(lo, hi, 6);
  // Widening to the step can change the step (0..4.02 → 0..4.5 → step 1), so repeat
  // until the domain ends on ticks.
  for (let i = 0; !fixed && i < 4; i++) {
    lo = roundTo(Math.floor(lo / step + 1e-9) * step);
    hi = roundTo(Math.ceil(hi / step - 1e-9) * step);
    const next = tickStep(lo, hi, 6);
    if (next === step) break;
    step = next;
  }
  const ticks: number[] = [];
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++) ticks.push(roundTo(i * step));
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  const [r0, r1] = range;
  return {
    type: 'linear',
    domain: [lo, hi],
    ticks,
    map: (v) => r0 + ((v - lo) / (hi - lo)) * (r1 - r0),
    format: (v) => minus(v.toFixed(decimals)),
    accepts: (v) => Number.isFinite(v),
  };
}

function logScale(extent: readonly [number, number], range: readonly [number, number], fixed?: readonly [number, number]): Scale {
  let [lo, hi] = fixed ?? extent;
  if (!(lo > 0 && hi > 0 && Number.isFinite(lo) && Number.isFinite(hi))) [lo, hi] = [1, 10];
  if (!fixed) {
    lo = 10 ** Math.floor(Math.log10(lo) + 1e-12);
    hi = 10 ** Math.ceil(Math.log10(hi) - 1e-12);
    if (lo === hi) [lo, hi] = [lo / 10, hi * 10];
  }
  const k0 = Math.floor(Math.log10(lo) + 1e-12);
  const k1 = Math.ceil(Math.log10(hi) - 1e-12);
  const decades = k1 - k0;
  // Few decades: 1, 2, 5 in each; many: every power of ten, thinned to at most 8 labels.
  const mantissas = decades <= 2 ? [1, 2, 5] : [1];
  const every = Math.max(1, Math.ceil(decades / 8));
  const ticks: number[] = [];
  for (let k = k0; k <= k1; k++) {
    if ((k - k0) % every !== 0) continue;
    for (const m of mantissas) {
      const v = roundTo(m * 10 ** k);
      if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) ticks.push(v);
    }
  }
  const plain = ticks.every((t) => t >= 1e-3 && t < 1e5);
  const [l0, l1] = [Math.log10(lo), Math.log10(hi)];
  const [r0, r1] = range;
  return {
    type: 'log',
    domain: [lo, hi],
    ticks,
    map: (v) => r0 + ((Math.log10(v) - l0) / (l1 - l0)) * (r1 - r0),
    format: (v) => (plain ? String(roundTo(v)) : powerOfTen(v)),
    accepts: (v) => v > 0 && Number.isFinite(v),
  };
}

/** 1, 2 or 5 times a power of ten, giving about `count` intervals over [lo, hi] (d3's tickStep). */
function tickStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const ratio = raw / power;
  return power * (ratio >= Math.sqrt(50) ? 10 : ratio >= Math.sqrt(10) ? 5 : ratio >= Math.sqrt(2) ? 2 : 1);
}

/** Removes binary noise such as 0.30000000000000004 from tick values. */
function roundTo(v: number): number {
  return Number(v.toPrecision(12));
}

/** The typographic minus sign, as printed figures use; "-0" becomes "0". */
function minus(text: string): string {
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text.replace(/^-/, '\u2212');
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 1e-5 → "10⁻⁵", 2e-5 → "2×10⁻⁵". */
function powerOfTen(v: number): string {
  const k = Math.floor(Math.log10(v) + 1e-12);
  const m = Math.round(v / 10 ** k);
  const exponent = [...String(k)].map((c) => SUPERSCRIPT[c]).join('');
  return `${m === 1 ? '' : `${m}×`}10${exponent}`;
}
