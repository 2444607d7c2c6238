import * as Plot from '@observablehq/plot';

export interface BarsPerCharOptions {
  rows: { label: string; value: number; color: string }[];
  width: number;
  xLabel: string;
  ariaLabel: string;
}

/** Horizontal bars of bits per character, one per encoding, with Observable Plot. */
export function barsPerChar(options: BarsPerCharOptions): SVGSVGElement | HTMLElement {
  const rows = options.rows.filter((r) => Number.isFinite(r.value));
  const top = Math.max(8, ...rows.map((r) => r.value));
  const narrow = options.width < 520;
  const chart = Plot.plot({
    width: options.width,
    height: 34 + (narrow ? 44 : 30) * options.rows.length,
    marginLeft: narrow ? 8 : 230,
    marginRight: 44,
    x: { domain: [0, top], label: options.xLabel, labelAnchor: 'right', grid: true },
    y: { domain: options.rows.map((r) => r.label), label: null, axis: narrow ? null : 'left', padding: narrow ? 0.55 : 0.25 },
    marks: [
      Plot.barX(rows, { y: 'label', x: 'value', fill: 'color' }),
      Plot.text(rows, { y: 'label', x: 'value', text: (d: { value: number }) => d.value.toFixed(2), dx: 4, textAnchor: 'start' }),
      // On a phone there is no room for an axis of names: they go inside the bars' rows.
      ...(narrow ? [Plot.text(rows, { y: 'label', x: 0, text: 'label', dx: 0, dy: -17, textAnchor: 'start', fill: '#5b6575', fontSize: 10 })] : []),
      Plot.ruleX([0]),
    ],
  });
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', options.ariaLabel);
  return chart;
}
