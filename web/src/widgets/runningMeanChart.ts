import { decimate } from '../../../src/plot/decimate.js';
import type { FigureSpec, LineChartSpec } from '../../../src/plot/figureSvg.js';
import { figureElement } from './figureElement.js';

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

const INK = '#1b2330';

/**
 * The running mean of questions per round against its reference values, the latest
 * round marked with a dot. The axes start at round 1 and 0 questions and grow with the
 * data, never shrinking below 10 rounds.
 */
export function runningMeanSpec(options: RunningMeanOptions): FigureSpec<LineChartSpec> {
  const finiteRefs = options.references.filter((r) => Number.isFinite(r.value));
  const top = Math.max(1, ...finiteRefs.map((r) => r.value), ...options.means.filter(Number.isFinite)) * 1.12;
  const n = options.means.length;
  const rounds = options.means.map((_, i) => i + 1);
  return {
    ariaLabel: options.ariaLabel,
    idPrefix: 'running-mean',
    panelWidth: options.width,
    panelHeight: 210,
    panels: [
      {
        x: { label: options.xLabel, domain: [1, Math.max(10, n)] },
        y: { label: options.yLabel, domain: [0, top] },
        rules: finiteRefs.map((r) => ({ axis: 'y', value: r.value, color: r.color, dash: r.dash ?? '', width: 2 })),
        series: [
          { label: options.yLabel, color: INK, ...decimate(rounds, options.means) },
          ...(n > 0 ? [{ label: options.yLabel, color: INK, x: [n], y: [options.means[n - 1]] }] : []),
        ],
        legend: 'none',
      },
    ],
  };
}

export function runningMeanChart(options: RunningMeanOptions): SVGSVGElement {
  return figureElement(runningMeanSpec(options));
}
