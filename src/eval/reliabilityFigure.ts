import type { FigureSpec, LineSeries } from '../plot/figureSvg.js';
import type { EvalReport } from './EvalReport.js';

/** The words of the reliability diagram, so the lab can draw it in its own language. */
export interface ReliabilityTexts {
  title: string;
  confidence: string;
  accuracy: string;
  rows: string;
  perfect: string;
  perBin: string;
  meanPoint: string;
  countTitle: string;
  /** The note under the title, from the figures (the CLI's default is English). */
  note(report: EvalReport): string;
}

export const RELIABILITY_TEXTS_EN: ReliabilityTexts = {
  title: 'Reliability diagram',
  confidence: 'top-label confidence',
  accuracy: 'accuracy in the bin',
  rows: 'rows in the bin',
  perfect: 'perfect calibration',
  perBin: 'accuracy per bin',
  meanPoint: '(mean confidence, accuracy)',
  countTitle: 'How many rows each bin holds',
  note: (r) =>
    `${r.n} rows, ${r.classes} classes, ${r.bins.length} ${r.binning === 'uniform' ? 'equal-width' : 'equal-mass'} bins: ` +
    `ECE ${fmt(r.ece)}, MCE ${fmt(r.mce)}, accuracy ${fmt(r.accuracy)}, log-loss ${fmt(r.logLoss)} ${r.unit}. ` +
    'A curve under the diagonal is over-confident: the model is right less often than it says.',
};

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x);
}

/**
 * The reliability diagram of Guo et al. (2017, fig. 1) as a figure spec for src/plot: per
 * bin, the accuracy drawn as a step over the bin's width, the point (mean confidence,
 * accuracy), and the diagonal of perfect calibration; a second panel shows the rows per bin.
 */
export function reliabilityFigure(report: EvalReport, texts: ReliabilityTexts = RELIABILITY_TEXTS_EN, idPrefix = 'reliability'): FigureSpec {
  const stepX: number[] = [];
  const stepY: number[] = [];
  const pointX: number[] = [];
  const pointY: number[] = [];
  const countX: number[] = [];
  const countY: number[] = [];
  for (const bin of report.bins) {
    countX.push(bin.lower, bin.upper);
    countY.push(bin.count, bin.count);
    if (bin.count === 0 || !Number.isFinite(bin.accuracy)) {
      // NaN breaks the line: empty bins draw nothing.
      stepX.push(NaN);
      stepY.push(NaN);
      continue;
    }
    stepX.push(bin.lower, bin.upper);
    stepY.push(bin.accuracy, bin.accuracy);
    pointX.push(bin.confidence);
    pointY.push(bin.accuracy);
  }
  const lowest = report.binning === 'uniform' ? 0 : Math.min(report.bins.find((b) => b.count > 0)?.lower ?? 0, 1);
  const series: LineSeries[] = [
    { label: texts.perfect, x: [lowest, 1], y: [lowest, 1], color: '#777777', dash: '6 4' },
    { label: texts.perBin, x: stepX, y: stepY, color: '#0072B2' },
    { label: texts.meanPoint, x: pointX, y: pointY, color: '#D55E00', dash: '2 3' },
  ];
  return {
    title: texts.title,
    notes: [texts.note(report)],
    columns: 1,
    panelWidth: 520,
    panelHeight: 340,
    idPrefix,
    panels: [
      { x: { label: texts.confidence, domain: [lowest, 1] }, y: { label: texts.accuracy, domain: [0, 1] }, series, legend: 'top-left' },
      {
        title: texts.countTitle,
        x: { label: texts.confidence, domain: [lowest, 1] },
        y: { label: texts.rows },
        series: [{ label: texts.rows, x: countX, y: countY, color: '#009E73' }],
        legend: 'none',
      },
    ],
  };
}
