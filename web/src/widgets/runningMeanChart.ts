import * as Plot from '@observablehq/plot';

export interface RunningMeanOptions {
  /** Mean questions after each round: means[i] is the mean of rounds 1..i+1. */
  means: readonly number[];
  /** Horizontal reference lines (H(p), H(p,q), the tree's expectation). */
  references: { value: number; color: string; dash?: string }[];
  width: number;
  xLabel: string;
  yLabel: string;
  ariaLabel: string;
}

/** The running mean of questions per round against its reference values, with Observable Plot. */
export function runningMeanChart(options: RunningMeanOptions): SVGSVGElement | HTMLElement {
  const finiteRefs = options.references.filter((r) => Number.isFinite(r.value));
  const top = Math.max(1, ...finiteRefs.map((r) => r.value), ...options.means.filter(Number.isFinite)) * 1.12;
  const points = options.means.map((mean, i) => ({ round: i + 1, mean }));
  const chart = Plot.plot({
    width: options.width,
    height: 210,
    marginLeft: 40,
    marginRight: 14,
    x: { domain: [1, Math.max(10, points.length)], label: options.xLabel, labelAnchor: 'right' },
    y: { domain: [0, top], label: options.yLabel, grid: true },
    marks: [
      ...finiteRefs.map((r) => Plot.ruleY([r.value], { stroke: r.color, strokeWidth: 2, strokeDasharray: r.dash })),
      Plot.line(points, { x: 'round', y: 'mean', stroke: '#1b2330', strokeWidth: 1.5 }),
      Plot.dot(points.slice(-1), { x: 'round', y: 'mean', fill: '#1b2330', r: 3 }),
    ],
  });
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', options.ariaLabel);
  return chart;
}
