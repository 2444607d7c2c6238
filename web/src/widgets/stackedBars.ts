import * as Plot from '@observablehq/plot';
import { formatMeasure } from '../ui/formatMeasure.js';

/** One bar of the sum `total = base + extra`, e.g. H(p,q) = H(p) + KL(p‖q). */
export interface StackedRow {
  /** Row label, e.g. "H(p,q)". */
  label: string;
  base: number;
  baseLabel: string;
  extra: number;
  extraLabel: string;
  /** CSS colour of the base segment. */
  color: string;
}

export interface StackedBarsOptions {
  rows: StackedRow[];
  width: number;
  /** The x axis always reaches at least this far, so it does not rescale with every small drag. */
  minDomain: number;
  unitLabel: string;
  ariaLabel: string;
}

const EXTRA_COLOR = '#c0392b';

/**
 * The decomposition of cross-entropy as stacked horizontal bars, drawn with Observable
 * Plot. An infinite KL is drawn to the end of the axis and labelled ∞.
 */
export function stackedBars(options: StackedBarsOptions): SVGSVGElement | HTMLElement {
  const finite = options.rows.flatMap((r) => [r.base + (Number.isFinite(r.extra) ? r.extra : 0)]);
  const anyInfinite = options.rows.some((r) => !Number.isFinite(r.extra));
  let top = Math.max(options.minDomain, ...finite);
  if (anyInfinite) top *= 1.25;
  top = Math.ceil(top * 2) / 2;
  const segments = options.rows.flatMap((r) => {
    const extraDrawn = Number.isFinite(r.extra) ? r.extra : top - r.base;
    return [
      { row: r.label, x1: 0, x2: r.base, fill: r.color, text: `${r.baseLabel} ${formatMeasure(r.base)}` },
      { row: r.label, x1: r.base, x2: r.base + extraDrawn, fill: EXTRA_COLOR, text: `${r.extraLabel} ${formatMeasure(r.extra)}` },
    ];
  });
  const labelled = segments.filter((d) => ((d.x2 - d.x1) / top) * options.width > 92);
  const totals = options.rows.map((r) => ({ row: r.label, x: Math.min(top, r.base + r.extra) }));
  const chart = Plot.plot({
    width: options.width,
    height: 40 + 34 * options.rows.length,
    marginLeft: 58,
    marginRight: 12,
    x: { domain: [0, top], label: options.unitLabel, labelAnchor: 'right', grid: true },
    y: { domain: options.rows.map((r) => r.label), label: null, padding: 0.2 },
    marks: [
      Plot.barX(segments, { y: 'row', x1: 'x1', x2: 'x2', fill: 'fill', inset: 0.5 }),
      Plot.text(labelled, { y: 'row', x: (d: { x1: number; x2: number }) => (d.x1 + d.x2) / 2, text: 'text', fill: 'white', fontWeight: 600 }),
      Plot.tickX(totals, { y: 'row', x: 'x', stroke: '#222', strokeWidth: 2 }),
      Plot.ruleX([0]),
    ],
  });
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', options.ariaLabel);
  return chart;
}
