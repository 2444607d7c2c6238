import type { FigureSpec, LineChartSpec } from '../../../src/plot/figureSvg.js';

/** The log-loss at each temperature (increasing T), in the page's unit, and the fitted T*. */
export interface FittedCurve {
  temperatures: Float64Array;
  logLoss: Float64Array;
  /** T* (0 and Infinity, the fit's limits, are not drawn). */
  best: number;
}

export interface TemperatureCurveTexts {
  title: string;
  x: string;
  y: string;
  series: string;
  /** The label of T*'s marker. */
  best: string;
}

/**
 * The log-loss against T on a log axis: the curve, a solid vertical and a dotted horizontal
 * rule crossing at the slider's point (T, log-loss), and a dashed rule at the fitted T*. The
 * y axis runs from 0 to twice the larger of the log-loss at T = 1 and at the largest T
 * drawn (near the uniform guess), so the valley around T* fills the panel; the steep
 * climb towards small T leaves the top.
 */
export function temperatureCurveFigure(curve: FittedCurve, temperature: number, logLoss: number, texts: TemperatureCurveTexts): FigureSpec<LineChartSpec> {
  const rules: NonNullable<LineChartSpec['rules']>[number][] = [
    // Unlabelled: its label would print over T*'s wherever the two are close; the readout under the chart says T.
    { axis: 'x', value: temperature, color: '#D55E00', dash: '', width: 1.5 },
    { axis: 'y', value: logLoss, color: '#D55E00', dash: '2 3' },
  ];
  if (curve.best > 0 && curve.best < Infinity) rules.push({ axis: 'x', value: curve.best, label: texts.best, color: '#009E73', dash: '6 4', width: 1.5 });
  return {
    columns: 1,
    panelWidth: 480,
    panelHeight: 300,
    idPrefix: 'eval-cal-curve',
    panels: [
      {
        title: texts.title,
        x: { label: texts.x, scale: 'log', domain: [curve.temperatures[0], curve.temperatures[curve.temperatures.length - 1]] },
        y: { label: texts.y, domain: [0, yTop(curve)] },
        series: [{ label: texts.series, x: curve.temperatures, y: curve.logLoss, color: '#0072B2' }],
        rules,
        // The title says what the one line is; a legend would cover the rules' labels.
        legend: 'none',
      },
    ],
  };
}

function yTop(curve: FittedCurve): number {
  const { temperatures: T, logLoss } = curve;
  const atOne = logLoss[T.indexOf(1)];
  const atTop = logLoss[T.length - 1];
  const top = 2 * Math.max(Number.isFinite(atOne) ? atOne : 0, Number.isFinite(atTop) ? atTop : 0);
  return top > 0 ? top : 1;
}
