import type { BarChartSpec } from '../../../src/plot/barPanelSvg.js';
import type { FigureSpec } from '../../../src/plot/figureSvg.js';
import { figureElement } from './figureElement.js';

export interface BarsPerCharOptions {
  rows: { label: string; value: number; color: string }[];
  width: number;
  xLabel: string;
  ariaLabel: string;
}

/**
 * Horizontal bars of bits per character, one per encoding, on an axis that reaches at
 * least 8 (the UTF-8 size of ASCII). On a phone the names go over the bars.
 */
export function barsPerCharSpec(options: BarsPerCharOptions): FigureSpec<BarChartSpec> {
  const finite = options.rows.filter((r) => Number.isFinite(r.value));
  const top = Math.max(8, ...finite.map((r) => r.value));
  const narrow = options.width < 520;
  return {
    ariaLabel: options.ariaLabel,
    panelWidth: options.width,
    panelHeight: 54 + (narrow ? 40 : 30) * options.rows.length,
    panels: [
      {
        kind: 'bars',
        x: { label: options.xLabel, domain: [0, top] },
        rowLabels: narrow ? 'above' : 'left',
        rows: options.rows.map((r) => ({
          label: r.label,
          segments: [{ value: r.value, color: r.color }],
          ...(Number.isFinite(r.value) ? { endLabel: r.value.toFixed(2) } : {}),
        })),
      },
    ],
  };
}

export function barsPerChar(options: BarsPerCharOptions): SVGSVGElement {
  return figureElement(barsPerCharSpec(options));
}
