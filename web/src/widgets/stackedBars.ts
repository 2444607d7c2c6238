import type { FigureSpec } from '../../../src/plot/figureSvg.js';
import type { BarChartSpec } from '../../../src/plot/barPanelSvg.js';
import { formatMeasure } from '../ui/formatMeasure.js';
import { figureElement } from './figureElement.js';

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
 * The decomposition of cross-entropy as stacked horizontal bars, with a tick at each
 * total. An infinite KL runs to the end of the axis (made a quarter longer to show it)
 * and is labelled ∞.
 */
export function stackedBarsSpec(options: StackedBarsOptions): FigureSpec<BarChartSpec> {
  const finite = options.rows.map((r) => r.base + (Number.isFinite(r.extra) ? r.extra : 0));
  let top = Math.max(options.minDomain, ...finite);
  if (options.rows.some((r) => !Number.isFinite(r.extra))) top *= 1.25;
  top = Math.ceil(top * 2) / 2;
  return {
    ariaLabel: options.ariaLabel,
    panelWidth: options.width,
    panelHeight: 54 + 36 * options.rows.length,
    panels: [
      {
        kind: 'bars',
        x: { label: options.unitLabel, domain: [0, top] },
        rows: options.rows.map((r) => ({
          label: r.label,
          segments: [
            { value: r.base, color: r.color, label: `${r.baseLabel} ${formatMeasure(r.base)}` },
            { value: r.extra, color: EXTRA_COLOR, label: `${r.extraLabel} ${formatMeasure(r.extra)}` },
          ],
          totalTick: true,
        })),
      },
    ],
  };
}

export function stackedBars(options: StackedBarsOptions): SVGSVGElement {
  return figureElement(stackedBarsSpec(options));
}
