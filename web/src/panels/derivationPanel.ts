import { costs } from '../../../src/nn/Cost.js';
import { trainNeuron } from '../../../src/nn/neuron.js';
import { COST_STYLES } from '../../../src/experiments/costStyles.js';
import { DEMANDED_DELTA_NAMES, demandedStep, integrateDemandedDelta, type DemandedDeltaName } from '../../../src/experiments/demandedDelta.js';
import { averageSigmoidSlope, deriveCrossEntropy } from '../../../src/experiments/deriveCrossEntropy.js';
import { deltaCurves } from '../../../src/experiments/neuronFigure.js';
import { trainNeuronStepping } from '../../../src/experiments/neuronStepRule.js';
import type { FigureSpec, LineChartSpec } from '../../../src/plot/figureSvg.js';
import { sigmoid } from '../../../src/core/math/sigmoid.js';
import { unitCost } from '../../../src/nn/unitCost.js';
import type { MessageKey } from '../i18n/messages.js';
import type { LabState } from '../state/labState.js';
import { formatSignificant } from '../ui/formatSignificant.js';
import { h } from '../ui/h.js';
import { figureElement } from '../widgets/figureElement.js';
import { numberControl } from '../widgets/numberControl.js';
import type { CreatePanel } from './Panel.js';

// Formulas broken into lines (gathered/aligned), so each line fits a phone's width.
const TEX = {
  chain: String.raw`\begin{gathered} \frac{\partial C}{\partial w} = \frac{\partial C}{\partial a}\,\frac{\partial a}{\partial z}\,\frac{\partial z}{\partial w} = \frac{\partial C}{\partial a}\,\sigma'(z)\,x \\ \frac{\partial C}{\partial b} = \frac{\partial C}{\partial a}\,\sigma'(z) \end{gathered}`,
  sigma: String.raw`\begin{aligned} \sigma(z) &= \frac{1}{1+e^{-z}} \\ \sigma'(z) &= \frac{e^{-z}}{(1+e^{-z})^2} \\ &= \sigma(z)\bigl(1-\sigma(z)\bigr) = a(1-a) \end{aligned}`,
  quadratic: String.raw`\begin{gathered} C = \tfrac12 (a-y)^2 \\ \frac{\partial C}{\partial z} = (a-y)\,\sigma'(z) = (a-y)\,a(1-a) \end{gathered}`,
  demand: String.raw`\begin{gathered} \frac{\partial C}{\partial z} = a - y \\ \Longrightarrow\quad \frac{\partial C}{\partial a} = \frac{\partial C/\partial z}{\partial a/\partial z} = \frac{a-y}{a(1-a)} \end{gathered}`,
  integral: String.raw`\begin{aligned} C(a) &= \int \frac{a-y}{a(1-a)}\,da \\ &= \int \Bigl(\frac{1-y}{1-a} - \frac{y}{a}\Bigr)\,da \\ &= -\bigl[\,y\ln a + (1-y)\ln(1-a)\,\bigr] + \mathrm{const} \end{aligned}`,
  sixth: String.raw`\frac{\delta_{\mathrm{CE}}}{\delta_{\mathrm{quad}}} = \frac{a-y}{(a-y)\,\sigma'(z)} = \frac{1}{a(1-a)} \;\ge\; 4`,
  sixthMean: String.raw`\int_0^1 a(1-a)\,da = \frac16, \qquad \int_0^1 \frac{da}{a(1-a)} = \infty`,
  softmax: String.raw`\begin{gathered} a_j = \frac{e^{z_j}}{\sum_k e^{z_k}}, \qquad C = -\sum_j y_j \ln a_j \\ \frac{\partial a_i}{\partial z_j} = a_i(\delta_{ij} - a_j) \end{gathered}`,
  softmaxGrad: String.raw`\begin{aligned} \frac{\partial C}{\partial z_j} &= -\sum_i \frac{y_i}{a_i}\,a_i(\delta_{ij} - a_j) \\ &= a_j \sum_i y_i - y_j = a_j - y_j \quad \Bigl(\textstyle\sum_i y_i = 1\Bigr) \end{aligned}`,
  other: String.raw`C(a) = H(y) + \int_y^a \frac{\delta(t, y)}{t(1-t)}\,dt`,
} as const;

/** The demanded gradients as TeX, beside their names in `src/experiments/demandedDelta.ts`. */
const DELTA_TEX: Record<DemandedDeltaName, string> = {
  error: String.raw`\delta = a - y`,
  'half-error': String.raw`\delta = \tfrac12 (a - y)`,
  'signed-square': String.raw`\delta = (a - y)\,\lvert a - y\rvert`,
  'cubed-error': String.raw`\delta = (a - y)^3`,
  quadratic: String.raw`\delta = (a - y)\,a(1-a)`,
};

const tex = (source: string, display = true) => h(display ? 'div' : 'span', { class: display ? 'tex tex-block' : 'tex', 'data-tex': source, 'data-display': display ? 'block' : 'inline' }, source);

const GREY = '#555';
const YOURS = '#CC79A7';
/** The a grid of the curves: every 0.005, and every 0.001 near the ends, where the costs are steep. */
const A_GRID = [0.001, 0.002, 0.003, 0.004, ...Array.from({ length: 199 }, (_, i) => Math.round((i + 1) * 5) / 1000), 0.996, 0.997, 0.998, 0.999];

/** `#/derivation`: from the chain rule to the binary cross-entropy, and back. */
export const createDerivationPanel: CreatePanel = (ctx) => {
  const { t } = ctx;
  // The saturated start (w, b) = (2, 2) with x = 1: a = σ(4).
  const aStart = sigmoid(4);
  const yControl = numberControl({ id: 'derivation-y', label: t('derivation.y'), min: 0, max: 1, step: 0.01, value: ctx.state().dy, onChange: (dy) => ctx.set({ dy }) });
  const chart = (name: string) => h('div', { class: 'chart derivation-chart', 'data-chart': name });
  const boxes = { sigma: chart('sigma'), deltas: chart('deltas'), integral: chart('integral'), sixth: chart('sixth'), otherCost: chart('other-cost'), otherTrain: chart('other-train') };
  const integralCheck = h('p', { class: 'caption', 'data-check': 'integral' });
  const otherResult = h('p', { class: 'caption', 'data-check': 'other' });
  const status = h('p', { class: 'hint tex-status' }, t('derivation.loading'));
  const deltaChoice = h('div', { class: 'delta-choices', role: 'group', 'aria-label': t('derivation.other.choice') });
  const choiceButtons = DEMANDED_DELTA_NAMES.map((name) => {
    const b = h(
      'button',
      { type: 'button', class: 'chip delta-chip', 'data-delta': name, onclick: () => ctx.set({ delta: name }) },
      tex(DELTA_TEX[name], false),
      h('span', { class: 'chip-note' }, t(`derivation.other.${name}` as MessageKey)),
    );
    deltaChoice.append(b);
    return { name, b };
  });

  const section = (title: MessageKey, ...children: (Node | string)[]) => h('section', { class: 'derivation-step' }, h('h3', {}, t(title)), ...children);
  // The question comes before the step that answers it; its code arrives after the page.
  const exerciseBox = h('div', { class: 'derivation-exercise' });
  const integralSection = section('derivation.integral.title', h('p', {}, t('derivation.integral.text')), tex(TEX.integral), boxes.integral, integralCheck);
  const element = h(
    'section',
    { class: 'panel panel-derivation', 'aria-labelledby': 'panel-title' },
    h('h2', { id: 'panel-title' }, t('derivation.title')),
    h('p', { class: 'intro' }, t('derivation.intro')),
    h('p', { class: 'note unit-note' }, t('unit.natsHere')),
    status,
    h('div', { class: 'card derivation-y' }, yControl.element),
    section('derivation.chain.title', h('p', {}, t('derivation.chain.text')), tex(TEX.chain)),
    section('derivation.sigma.title', h('p', {}, t('derivation.sigma.text')), tex(TEX.sigma), boxes.sigma),
    section('derivation.quadratic.title', h('p', {}, t('derivation.quadratic.text')), tex(TEX.quadratic), h('p', {}, t('derivation.deltas.text')), boxes.deltas),
    exerciseBox,
    section('derivation.demand.title', h('p', {}, t('derivation.demand.text')), tex(TEX.demand)),
    integralSection,
    section(
      'derivation.sixth.title',
      h('p', { 'data-check': 'ratio' }, t('derivation.sixth.text', { start: formatSignificant(1 / (aStart * (1 - aStart)), 3), aStart: formatSignificant(aStart, 3), far: formatSignificant(1 / (0.999 * 0.001), 4) })),
      tex(TEX.sixth),
      boxes.sixth,
      h('p', {}, t('derivation.sixth.mean')),
      tex(TEX.sixthMean),
      h('p', { class: 'caption', 'data-check': 'sixth' }, t('derivation.sixth.value', { v: averageSigmoidSlope().toPrecision(12) })),
    ),
    section('derivation.softmax.title', h('p', {}, t('derivation.softmax.text')), tex(TEX.softmax), tex(TEX.softmaxGrad)),
    section('derivation.other.title', h('p', {}, t('derivation.other.text')), tex(TEX.other), deltaChoice, boxes.otherCost, boxes.otherTrain, otherResult),
  );

  // KaTeX (with its CSS and fonts) is a chunk of its own, loaded only by this page.
  let disposed = false;
  import('./derivationExercise.js')
    .then(({ mountDerivationExercise }) => {
      if (disposed) return;
      exerciseBox.append(
        mountDerivationExercise({
          t,
          y: () => ctx.state().dy,
          showIntegral(shown) {
            integralSection.classList.toggle('is-revealed', shown);
          },
        }),
      );
    })
    .catch((e: unknown) => exerciseBox.append(h('p', { class: 'field-error', role: 'alert' }, String(e))));
  import('./derivationMaths.js')
    .then(({ typeset }) => {
      if (disposed) return;
      typeset(element);
      status.remove();
    })
    .catch((e: unknown) => {
      status.textContent = String(e);
      throw e;
    });

  let width = 0;
  let drawnKey = '';
  const fig = (id: string, panel: LineChartSpec, ariaLabel: string): FigureSpec => ({ idPrefix: `derivation-${id}`, ariaLabel, panels: [panel], panelWidth: width, panelHeight: width < 500 ? 240 : 280 });

  function draw(state: LabState): void {
    width = boxes.sigma.clientWidth || width || 340;
    const key = `${state.dy}/${state.delta}/${width}/${state.lang}`;
    if (key === drawnKey) return;
    drawnKey = key;
    const y = state.dy;
    const curves = deltaCurves(y, -8, 8, 161);
    const quadLabel = t('neuron.quadratic');
    const xentLabel = t('neuron.crossEntropy');
    boxes.sigma.replaceChildren(
      figureElement(
        fig('sigma', { x: { label: 'z' }, y: { label: "σ′(z)", domain: [0, 0.3] }, series: [{ label: "σ′(z)", x: curves.z, y: curves.sigmoidPrime, color: GREY }], rules: [{ axis: 'y', value: 0.25, label: '1/4' }], legend: 'none' }, t('derivation.sigmaPlot')),
      ),
    );
    boxes.deltas.replaceChildren(
      figureElement(
        fig(
          'deltas',
          {
            x: { label: 'z' },
            y: { label: 'δ = ∂C/∂z' },
            series: [
              { label: `${quadLabel}: (a − y)σ′(z)`, x: curves.z, y: curves.quadraticDelta, color: COST_STYLES.quadratic.color },
              { label: `${xentLabel}: a − y`, x: curves.z, y: curves.crossEntropyDelta, color: COST_STYLES['cross-entropy'].color, dash: COST_STYLES['cross-entropy'].dash },
            ],
            legend: 'top-left',
          },
          t('derivation.deltaPlot'),
        ),
      ),
    );
    const derivation = deriveCrossEntropy(y);
    const dots = derivation.grid.flatMap((r) => [r.a, Number.NaN]);
    const dotValues = derivation.grid.flatMap((r) => [r.integral, Number.NaN]);
    const bce = A_GRID.map((a) => unitCost(costs['cross-entropy'], Math.log(a / (1 - a)), y).cost);
    boxes.integral.replaceChildren(
      figureElement(
        fig(
          'integral',
          {
            x: { label: 'a', domain: [0, 1] },
            y: { label: t('derivation.costAxis') },
            series: [
              { label: t('derivation.closedForm'), x: A_GRID, y: bce, color: COST_STYLES['cross-entropy'].color },
              { label: t('derivation.numeric'), x: dots, y: dotValues, color: '#000' },
            ],
            rules: [{ axis: 'x', value: y, label: `y = ${y}` }],
            legend: 'none',
          },
          t('derivation.integralPlot'),
        ),
      ),
    );
    integralCheck.textContent = t('derivation.integral.check', { err: derivation.maxAbsError.toExponential(1) });
    boxes.sixth.replaceChildren(
      figureElement(
        fig(
          'sixth',
          {
            x: { label: 'a', domain: [0, 1] },
            y: { label: t('derivation.ratioAxis'), scale: 'log' },
            series: [{ label: '1/(a(1 − a))', x: A_GRID, y: A_GRID.map((a) => 1 / (a * (1 - a))), color: GREY }],
            rules: [
              { axis: 'y', value: 4, label: '4', color: COST_STYLES.quadratic.color, dash: '' },
              { axis: 'x', value: aStart, label: `a = ${formatSignificant(aStart, 3)}`, color: COST_STYLES['cross-entropy'].color },
            ],
            legend: 'none',
          },
          t('derivation.sixthPlot'),
        ),
      ),
    );
    for (const c of choiceButtons) c.b.setAttribute('aria-pressed', String(c.name === state.delta));
    const integrated = integrateDemandedDelta(state.delta, y, A_GRID);
    const yours = t('derivation.yours');
    boxes.otherCost.replaceChildren(
      figureElement(
        fig(
          'other-cost',
          {
            title: t('derivation.other.costPlot'),
            x: { label: 'a', domain: [0, 1] },
            y: { label: t('derivation.costAxis') },
            series: [
              { label: xentLabel, x: A_GRID, y: integrated.crossEntropy, color: COST_STYLES['cross-entropy'].color },
              { label: yours, x: A_GRID, y: integrated.cost, color: YOURS, dash: '6 3' },
            ],
            rules: [{ axis: 'x', value: y, label: `y = ${y}` }],
          },
          t('derivation.other.costPlot'),
        ),
      ),
    );
    const settings = { w: 2, b: 2, eta: 0.15, epochs: 300, x: 1, y };
    const mine = trainNeuronStepping({ ...settings, cost: 'cross-entropy' }, demandedStep(state.delta));
    const xent = trainNeuron({ ...settings, cost: 'cross-entropy' });
    const quad = trainNeuron({ ...settings, cost: 'quadratic' });
    const epochs = mine.trace.map((r) => r.epoch);
    boxes.otherTrain.replaceChildren(
      figureElement(
        fig(
          'other-train',
          {
            title: t('derivation.other.trainPlot'),
            x: { label: t('neuron.epochAxis') },
            y: { label: t('neuron.aAxis'), domain: [0, 1] },
            series: [
              { label: quadLabel, x: epochs, y: quad.trace.map((r) => r.a), color: COST_STYLES.quadratic.color },
              { label: xentLabel, x: epochs, y: xent.trace.map((r) => r.a), color: COST_STYLES['cross-entropy'].color },
              { label: yours, x: epochs, y: mine.trace.map((r) => r.a), color: YOURS, dash: '6 3' },
            ],
            rules: [{ axis: 'y', value: y, label: `${t('neuron.target')} = ${y}` }],
          },
          t('derivation.other.trainPlot'),
        ),
      ),
    );
    const three = (v: number) => v.toPrecision(3);
    otherResult.textContent = t('derivation.other.result', { mine: three(mine.trace[300].a), xent: three(xent.trace[300].a), quad: three(quad.trace[300].a) });
  }

  const resizeObserver = new ResizeObserver(() => {
    if (boxes.sigma.clientWidth !== width) draw(ctx.state());
  });
  resizeObserver.observe(boxes.sigma);

  return {
    element,
    update(state) {
      yControl.show(state.dy);
      draw(state);
    },
    dispose: () => {
      disposed = true;
      resizeObserver.disconnect();
    },
  };
};
