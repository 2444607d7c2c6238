import type { FigureSpec, LineChartSpec } from '../plot/figureSvg.js';
import type { EvalReport } from './EvalReport.js';

/** The words of the smoothed reliability diagram, so the lab can draw it in its own language. */
export interface SmoothReliabilityTexts {
  /** The panel's title, from the bandwidth σ*. */
  title(bandwidth: string): string;
  confidence: string;
  accuracy: string;
  perfect: string;
  curve: string;
  /** The band's legend, from its level (a percentage) and replicates. */
  band(level: string, replicates: number): string;
  densityTitle: string;
  density: string;
}

export const SMOOTH_RELIABILITY_TEXTS_EN: SmoothReliabilityTexts = {
  title: (bandwidth) => `Smoothed reliability diagram (bandwidth σ* = ${bandwidth})`,
  confidence: 'top-label confidence',
  accuracy: 'smoothed accuracy',
  perfect: 'perfect calibration',
  curve: 'smoothed accuracy ŷ(t)',
  band: (level, replicates) => `${level}% bootstrap band (${replicates} replicates)`,
  densityTitle: 'Where the confidences lie (kernel density)',
  density: 'density',
};

/**
 * The curve and its band are drawn where the density is at least this share of its peak:
 * further out ŷ rests on the kernel's tails of a few distant rows, and a confident-looking
 * line there would say more than the rows do.
 */
export const DRAWN_DENSITY_SHARE = 0.02;

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x);
}

/**
 * Two panels for src/plot: the smoothed reliability diagram of Błasiok & Nakkiran (2023,
 * fig. 1) — the kernel regression ŷ(t) of the top label's rightness on the confidence at the
 * smooth ECE's bandwidth, its bootstrap band when the report has one, and the diagonal — and
 * the kernel density of the confidences, which says where the curve rests on many rows.
 * The JSON keeps the whole curve; the figure draws it where the density is at least
 * DRAWN_DENSITY_SHARE of its peak.
 */
export function smoothReliabilityPanels(report: EvalReport, texts: SmoothReliabilityTexts = SMOOTH_RELIABILITY_TEXTS_EN): LineChartSpec[] {
  const s = report.smoothReliability;
  const band = s.band;
  const peak = Math.max(0, ...s.density.filter(Number.isFinite));
  const drawn = (ys: readonly number[]) => ys.map((y, k) => (s.density[k] >= DRAWN_DENSITY_SHARE * peak ? y : NaN));
  return [
    {
      title: texts.title(fmt(s.bandwidth)),
      x: { label: texts.confidence, domain: [0, 1] },
      y: { label: texts.accuracy, domain: [0, 1] },
      series: [
        { label: texts.perfect, x: [0, 1], y: [0, 1], color: '#777777', dash: '6 4' },
        { label: texts.curve, x: s.t, y: drawn(s.yHat), color: '#0072B2' },
      ],
      bands: band === undefined ? [] : [{ label: texts.band(fmt(band.level * 100), band.replicates), x: s.t, lower: drawn(band.lower), upper: drawn(band.upper), color: '#56B4E9', opacity: 0.35 }],
      legend: 'top-left',
    },
    {
      title: texts.densityTitle,
      x: { label: texts.confidence, domain: [0, 1] },
      y: { label: texts.density },
      series: [{ label: texts.density, x: s.t, y: s.density, color: '#009E73' }],
      legend: 'none',
    },
  ];
}

/** The two panels as a figure of one column, as the lab draws it. */
export function smoothReliabilityFigure(report: EvalReport, texts: SmoothReliabilityTexts = SMOOTH_RELIABILITY_TEXTS_EN, idPrefix = 'smooth-reliability'): FigureSpec {
  return { columns: 1, panelWidth: 520, panelHeight: 340, idPrefix, panels: smoothReliabilityPanels(report, texts) };
}
