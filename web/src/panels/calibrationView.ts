import type { EvalReport } from '../../../src/eval/EvalReport.js';
import { reliabilityFigure, type ReliabilityTexts } from '../../../src/eval/reliabilityFigure.js';
import type { FigureSpec } from '../../../src/plot/figureSvg.js';
import type { Translate } from '../i18n/translate.js';
import type { Lang } from '../state/labState.js';
import { formatCount } from '../ui/formatCount.js';
import { formatSignificant as fmt } from '../ui/formatSignificant.js';
import { h } from '../ui/h.js';
import { figureElement } from '../widgets/figureElement.js';
import type { EvalCalibration } from './evalCalibration.js';
import { temperatureCurveFigure, type FittedCurve } from './temperatureCurveFigure.js';
import './calibrationView.css';

/**
 * Draws the worker's temperature fit into `element`: T* and what it means, the figures as
 * given and scaled, the reliability diagrams before and after side by side, and the
 * log-loss against T with a slider along the same curve.
 */
export function renderCalibration(element: HTMLElement, before: EvalReport, c: EvalCalibration, t: Translate, lang: Lang): void {
  const title = h('h3', { id: 'eval-calibration-title' }, t('evalLab.title'));
  if (c.kind === 'unfit') {
    element.dataset.calibrationState = 'unfit';
    element.replaceChildren(title, h('p', { class: 'hint' }, t(c.reason === 'zeroTrueClass' ? 'evalLab.unfitZeroTrueClass' : 'evalLab.unfitOther')));
    return;
  }
  const after = c.after;
  const T = c.temperature;
  const unit = before.unit;
  const unitText = t(unit === 'bits' ? 'unit.bits' : 'unit.nats');
  // The curve is in nats (the fit's unit); the page shows the report's unit.
  const perNat = unit === 'bits' ? 1 / Math.LN2 : 1;
  const curve: FittedCurve = { temperatures: c.temperatures, logLoss: c.logLoss.map((v) => v * perNat), best: T };

  const verdict = T === Infinity ? t('evalLab.fittedInfinity') : T === 0 ? t('evalLab.fittedZero') : t('evalLab.fitted', { t: fmt(T, 4) });
  const direction = T > 1 && T < Infinity ? t('evalLab.over') : T < 1 && T > 0 ? t('evalLab.under') : '';
  const row = (key: string, label: string, a: number, b: number) =>
    h('tr', { class: `eval-cal-${key}` }, h('th', { scope: 'row' }, label), h('td', { class: 'num before', 'data-value': String(a) }, fmt(a)), h('td', { class: 'num after', 'data-value': String(b) }, fmt(b)));
  const table = h(
    'table',
    { class: 'sizes eval-cal-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('evalLab.figure')), h('th', { scope: 'col' }, t('evalLab.asGiven')), h('th', { scope: 'col' }, t('evalLab.scaled', { t: fmt(T, 4) })))),
    h(
      'tbody',
      {},
      row('logLoss', `${t('eval.logLoss')} (${unitText})`, before.logLoss, after.logLoss),
      row('ece', 'ECE', before.ece, after.ece),
      row('brier', t('eval.brier'), before.brier, after.brier),
      row('accuracy', t('eval.accuracy'), before.accuracy, after.accuracy),
    ),
  );

  const diagrams = h(
    'div',
    { class: 'eval-cal-figures' },
    h('div', { class: 'chart eval-cal-before' }, figureElement(withLabel(reliabilityFigure(before, texts(t, t('evalLab.beforeTitle')), 'eval-cal-before'), t, before, lang))),
    h('div', { class: 'chart eval-cal-after' }, figureElement(withLabel(reliabilityFigure(after, texts(t, t('evalLab.afterTitle', { t: fmt(T, 4) })), 'eval-cal-after'), t, after, lang))),
  );

  // The slider walks the curve's own points, so the log-loss it shows is computed, not interpolated.
  const one = indexOf(c.temperatures, 1);
  const best = indexOf(c.temperatures, T);
  const slider = h('input', { type: 'range', id: 'eval-cal-t', class: 'slider', min: 0, max: c.temperatures.length - 1, step: 1, value: one, 'aria-valuetext': '' });
  const readout = h('output', { class: 'eval-cal-readout', for: 'eval-cal-t', 'data-testid': 'eval-cal-readout' });
  const chart = h('div', { class: 'chart eval-cal-curve' });
  const toOne = h('button', { type: 'button', class: 'chip', onclick: () => go(one) }, t('evalLab.toOne'));
  const toBest = h('button', { type: 'button', class: 'chip', hidden: best < 0, onclick: () => go(best) }, t('evalLab.toBest'));
  const go = (i: number) => {
    slider.value = String(i);
    draw();
  };
  const draw = () => {
    const i = Number(slider.value);
    const temperature = c.temperatures[i];
    const loss = curve.logLoss[i];
    const text = t('evalLab.readout', { t: fmt(temperature, 4), loss: fmt(loss), unit: unitText }) + (i === best ? t('evalLab.readoutBest') : '');
    readout.textContent = text;
    readout.dataset.temperature = String(temperature);
    readout.dataset.logLoss = String(loss);
    slider.setAttribute('aria-valuetext', text);
    const svg = figureElement(temperatureCurveFigure(curve, temperature, loss, {
      title: t('evalLab.curveTitle'),
      x: t('evalLab.curveX'),
      y: t('evalLab.curveY', { unit: unitText }),
      series: t('evalLab.curveSeries'),
      best: t('evalLab.curveBest', { t: fmt(T, 4) }),
    }));
    svg.setAttribute('role', 'img');
    svg.setAttribute(
      'aria-label',
      t('evalLab.curveDesc', { lo: fmt(c.temperatures[0], 3), hi: fmt(c.temperatures[c.temperatures.length - 1], 3), best: fmt(T, 4), loss: fmt(best < 0 ? NaN : curve.logLoss[best]), unit: unitText }),
    );
    chart.replaceChildren(svg);
  };
  slider.addEventListener('input', draw);
  draw();

  element.dataset.calibrationState = 'fitted';
  element.dataset.temperature = String(T);
  element.replaceChildren(
    title,
    h('p', { class: 'intro' }, t('evalLab.intro')),
    h('p', { class: 'eval-cal-verdict', 'data-testid': 'eval-cal-verdict' }, h('strong', {}, verdict), direction === '' ? '' : ' ' + direction),
    table,
    diagrams,
    h(
      'div',
      { class: 'eval-cal-explore' },
      chart,
      h('div', { class: 'eval-cal-slider' }, h('label', { for: 'eval-cal-t', class: 'field-label' }, t('evalLab.slider')), slider, h('span', { class: 'eval-cal-jumps' }, toOne, toBest)),
      readout,
      h('p', { class: 'hint' }, t('evalLab.curveHint')),
    ),
    h(
      'p',
      { class: 'hint eval-cal-sample', 'data-testid': 'eval-cal-sample' },
      t('evalLab.sample', { sample: formatCount(c.sampleRows, lang), rows: formatCount(c.rows, lang), maxRows: formatCount(c.maxRows, lang), maxScores: formatCount(c.maxScores, lang) }),
    ),
  );
}

/** The reliability diagram's words in the page's language, with its own title. */
function texts(t: Translate, title: string): ReliabilityTexts {
  return {
    title,
    confidence: t('eval.figConfidence'),
    accuracy: t('eval.figAccuracy'),
    rows: t('eval.figRows'),
    perfect: t('eval.figPerfect'),
    perBin: t('eval.figPerBin'),
    meanPoint: t('eval.figMeanPoint'),
    countTitle: t('eval.figCountTitle'),
    note: (r) => t('eval.figNote', { n: r.n, classes: r.classes, ece: fmt(r.ece, 4), accuracy: fmt(r.accuracy, 4) }),
  };
}

function withLabel(spec: FigureSpec, t: Translate, r: EvalReport, lang: Lang): FigureSpec {
  const filled = r.bins.filter((b) => b.count > 0);
  const weight = filled.reduce((sum, b) => sum + b.count, 0);
  const confidence = weight > 0 ? filled.reduce((sum, b) => sum + b.count * b.confidence, 0) / weight : NaN;
  const ariaLabel = t('eval.figDesc', { n: formatCount(r.n, lang), bins: r.bins.length, ece: fmt(r.ece, 3), mce: fmt(r.mce, 3), accuracy: fmt(r.accuracy, 3), confidence: fmt(confidence, 3) });
  return { ...spec, ariaLabel };
}

function indexOf(values: Float64Array, v: number): number {
  return values.indexOf(v);
}
