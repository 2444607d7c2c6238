import { COST_STYLES } from '../../../src/experiments/costStyles.js';
import { trainNeuron } from '../../../src/nn/neuron.js';
import { neuronPresetFigure } from '../../../src/experiments/neuronFigure.js';
import { neuronFigureSpec } from '../../../src/experiments/neuronFigureSpec.js';
import { bookWidgetStep, trainNeuronStepping, type SteppedNeuronRun, type SteppedTraceRow } from '../../../src/experiments/neuronStepRule.js';
import type { FigureSpec, LineChartSpec, LineSeries } from '../../../src/plot/figureSvg.js';
import type { HeatmapSpec } from '../../../src/plot/heatmapPanelSvg.js';
import type { MessageKey } from '../i18n/messages.js';
import { NEURON_DEFAULTS, NEURON_LIMITS, type LabState } from '../state/labState.js';
import { formatSignificant } from '../ui/formatSignificant.js';
import { h } from '../ui/h.js';
import { localizeFigure } from '../widgets/localizeFigure.js';
import { sourcesList } from '../widgets/sourcesList.js';
import { figureElement } from '../widgets/figureElement.js';
import { numberControl } from '../widgets/numberControl.js';
import { neuronFormula } from './neuronFormula.js';
import { neuronRuns, type NeuronRuns } from './neuronRuns.js';
import type { CreatePanel } from './Panel.js';

type Field = 'nw' | 'nb' | 'eta' | 'nx' | 'ny' | 'epochs';
const CONTROLS: { key: Field; label: MessageKey; step: number }[] = [
  { key: 'nw', label: 'neuron.w0', step: 0.01 },
  { key: 'nb', label: 'neuron.b0', step: 0.01 },
  { key: 'eta', label: 'neuron.eta', step: 0.001 },
  { key: 'nx', label: 'neuron.x', step: 0.01 },
  { key: 'ny', label: 'neuron.y', step: 0.01 },
  { key: 'epochs', label: 'neuron.epochs', step: 10 },
];

/** Six significant digits: what the readout shows and what the e2e test compares with `xent neuron --json`. */
export function formatReading(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : formatSignificant(v);
}

const ROW_FIELDS = ['a', 'cost', 'dCdz', 'step', 'w', 'b'] as const;

/** `#/neuron`: the saturated neuron trained live with both costs. */
export const createNeuronPanel: CreatePanel = (ctx) => {
  const { t } = ctx;
  const controls = CONTROLS.map((c) => {
    const [min, max] = NEURON_LIMITS[c.key];
    const control = numberControl({
      id: `neuron-${c.key}`,
      label: t(c.label),
      min,
      max,
      step: c.step,
      value: ctx.state()[c.key],
      onChange: (value) => {
        const v = c.key === 'epochs' ? Math.round(value) : value;
        // A new setting restarts the run from its start, shown whole.
        const epochs = c.key === 'epochs' ? v : ctx.state().epochs;
        stop();
        ctx.set({ [c.key]: v, at: epochs });
      },
    });
    return { ...c, control };
  });

  const chip = (label: string, pressed: () => boolean, patch: () => Partial<LabState>, title?: string) => {
    const b = h('button', { type: 'button', class: 'chip', title, onclick: () => (stop(), ctx.set(patch())) }, label);
    return { b, sync: () => b.setAttribute('aria-pressed', String(pressed())) };
  };
  const preset = (label: MessageKey, hint: MessageKey, values: Partial<LabState>) =>
    chip(t(label), () => false, () => ({ ...NEURON_DEFAULTS, ...values, at: values.epochs ?? 300 }), t(hint));
  const presets = [
    preset('neuron.presetMild', 'neuron.presetHint', { nw: 0.6, nb: 0.9 }),
    preset('neuron.presetSaturated', 'neuron.presetHint', { nw: 2, nb: 2 }),
    preset('neuron.presetBook', 'neuron.presetBookHint', { nw: 2, nb: 2, eta: 0.005 }),
  ];
  const axesChips = [
    chip(t('neuron.axesShared'), () => ctx.state().axes === 'shared', () => ({ axes: 'shared' })),
    chip(t('neuron.axesSeparate'), () => ctx.state().axes === 'separate', () => ({ axes: 'separate' })),
  ];
  const stepChips = [
    chip(t('neuron.stepTrue'), () => ctx.state().step === 'true', () => ({ step: 'true' })),
    chip(t('neuron.stepBook'), () => ctx.state().step === 'book', () => ({ step: 'book' })),
  ];
  axesChips.forEach((c, i) => c.b.setAttribute('data-axes', i === 0 ? 'shared' : 'separate'));
  stepChips.forEach((c, i) => c.b.setAttribute('data-step', i === 0 ? 'true' : 'book'));

  // Run, Step, Reset. The animation advances `at`, which is state, so a paused run is a link.
  let frame: number | undefined;
  const runButton = h('button', { type: 'button', class: 'button', 'data-action': 'run' });
  const stepButton = h('button', { type: 'button', class: 'button secondary', 'data-action': 'step' }, t('neuron.step'));
  const resetButton = h('button', { type: 'button', class: 'button secondary', 'data-action': 'reset' }, t('neuron.reset'));
  // Whoever waits for the run to stop (an exercise's reveal).
  let whenStopped: (() => void)[] = [];
  function stop(): void {
    if (frame !== undefined) cancelAnimationFrame(frame);
    frame = undefined;
    runButton.textContent = t('neuron.run');
    const waiting = whenStopped;
    whenStopped = [];
    for (const resolve of waiting) resolve();
  }
  function run(): void {
    const { epochs } = ctx.state();
    if (ctx.state().at >= epochs) ctx.set({ at: 0 });
    // About three seconds for a whole run, whatever its length and the frame rate: the
    // epoch follows the clock, and a slow frame skips epochs rather than slowing down.
    const from = ctx.state().at;
    const started = performance.now();
    const perMs = Math.max(epochs, 1) / 3000;
    runButton.textContent = t('neuron.pause');
    const tick = (now: number) => {
      const s = ctx.state();
      const at = Math.min(s.epochs, Math.max(s.at, from + Math.floor((now - started) * perMs)));
      if (at !== s.at) ctx.set({ at });
      frame = at < s.epochs ? requestAnimationFrame(tick) : undefined;
      if (frame === undefined) stop();
    };
    frame = requestAnimationFrame(tick);
  }
  runButton.addEventListener('click', () => (frame === undefined ? run() : stop()));
  stepButton.addEventListener('click', () => {
    stop();
    const s = ctx.state();
    ctx.set({ at: Math.min(s.epochs, s.at + 1) });
  });
  resetButton.addEventListener('click', () => (stop(), ctx.set({ at: 0 })));
  stop();
  const epochNow = h('output', { class: 'epoch-now', 'aria-live': 'off' });

  // The readout at the shown epoch, one column per cost: the numbers the e2e test checks
  // against the CLI. A column per cost keeps the table narrow enough for a phone.
  const cells = new Map<string, HTMLElement>();
  const COSTS = ['quadratic', 'cross-entropy'] as const;
  const heads = COSTS.map((cost) => h('th', { scope: 'col', class: `swatch-${cost}`, 'data-col-name': cost }));
  const fieldLabel: Record<(typeof ROW_FIELDS)[number], string> = { a: 'a', cost: 'C', dCdz: '∂C/∂z', step: t('neuron.colStep'), w: 'w', b: 'b' };
  const bodyRows = ROW_FIELDS.map((f) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, fieldLabel[f]),
      ...COSTS.map((cost) => {
        const td = h('td', { class: 'mono', 'data-cost': cost, 'data-field': f });
        cells.set(`${cost}/${f}`, td);
        return td;
      }),
    ),
  );
  const readoutTitle = h('caption');
  const readout = h('table', { class: 'readout' }, readoutTitle, h('thead', {}, h('tr', {}, h('td'), ...heads)), h('tbody', {}, ...bodyRows));

  const aBox = h('div', { class: 'chart neuron-chart', 'data-chart': 'a' });
  const costBox = h('div', { class: 'chart neuron-chart', 'data-chart': 'cost' });
  const gradBox = h('div', { class: 'chart neuron-chart', 'data-chart': 'grad' });
  const surfaceBox = h('div', { class: 'chart neuron-chart', 'data-chart': 'surface' });

  // The book's widget against gradient descent, from (2, 2) at η = 0.005: computed, not quoted.
  const bookSettings = { cost: 'cross-entropy', w: 2, b: 2, eta: 0.005, epochs: 300, x: 1, y: 0 } as const;
  const bookA = trainNeuronStepping(bookSettings, bookWidgetStep).trace[300].a;
  const trueA = trainNeuronStepping(bookSettings).trace[300].a;
  const three = (v: number) => v.toPrecision(3);
  const bookBox = h(
    'section',
    { class: 'card book-widget' },
    h('h3', {}, t('neuron.book.title')),
    h('p', {}, t('neuron.book.text')),
    h(
      'ul',
      {},
      h('li', { 'data-book': 'widget' }, t('neuron.book.widget', { a: three(bookA) })),
      h('li', { 'data-book': 'true' }, t('neuron.book.true', { a: three(trueA) })),
    ),
    h('p', { class: 'hint' }, t('neuron.book.check')),
    h('p', {}, t('neuron.book.meaning')),
  );

  // The exercises, with their code, arrive after the page: only this route asks them.
  const exercisesBox = h('div', { class: 'neuron-exercises' });
  let markedA: number | undefined;
  let disposed = false;
  import('./neuronExercises.js')
    .then(({ mountNeuronExercises }) => {
      if (disposed) return;
      exercisesBox.append(
        ...mountNeuronExercises({
          t,
          set: (patch) => (stop(), ctx.set(patch)),
          play: () =>
            new Promise<void>((resolve) => {
              run();
              if (frame === undefined) resolve();
              else whenStopped.push(resolve);
            }),
          markA: (level) => {
            markedA = level;
            draw(ctx.state());
          },
        }),
      );
    })
    .catch((e: unknown) => exercisesBox.append(h('p', { class: 'field-error', role: 'alert' }, String(e))));
  const formula = neuronFormula(t, (cost) => (cost === 'quadratic' ? t('neuron.quadratic') : ctx.state().step === 'book' ? t('neuron.crossEntropyBook') : t('neuron.crossEntropy')));
  const articleBox = h('div', { class: 'chart article-figure' });
  const element = h(
    'section',
    { class: 'panel panel-neuron', 'aria-labelledby': 'panel-title' },
    h('h2', { id: 'panel-title' }, t('neuron.title')),
    h('p', { class: 'intro' }, t('neuron.intro')),
    h('p', { class: 'note unit-note' }, t('unit.natsHere')),
    h('div', { class: 'presets', role: 'group', 'aria-label': t('neuron.presets') }, h('span', { class: 'group-label' }, t('neuron.presets')), ...presets.map((p) => p.b)),
    h('p', { class: 'hint fair-note' }, t('neuron.fair')),
    h(
      'div',
      { class: 'neuron-layout' },
      h(
        'div',
        { class: 'card neuron-controls' },
        h('h3', {}, t('neuron.settings')),
        ...controls.map((c) => c.control.element),
        h('div', { class: 'run-buttons' }, runButton, stepButton, resetButton, epochNow),
        h('div', { class: 'presets', role: 'group', 'aria-label': t('neuron.axes') }, h('span', { class: 'group-label' }, t('neuron.axes')), ...axesChips.map((c) => c.b)),
        h('div', { class: 'presets', role: 'group', 'aria-label': t('neuron.gradient') }, h('span', { class: 'group-label' }, t('neuron.gradient')), ...stepChips.map((c) => c.b)),
      ),
      h('div', { class: 'neuron-readout' }, readout),
    ),
    formula.element,
    exercisesBox,
    h('h3', {}, t('neuron.plotA')),
    aBox,
    h('h3', {}, t('neuron.plotCost')),
    costBox,
    h('h3', {}, t('neuron.plotGrad')),
    gradBox,
    h('h3', {}, t('neuron.plotSurface')),
    surfaceBox,
    h('p', { class: 'caption' }, t('neuron.surfaceHint')),
    bookBox,
    h('section', { class: 'article' }, h('h3', {}, t('neuron.article.title')), h('p', { class: 'hint' }, t('neuron.article.text')), articleBox),
    sourcesList(t),
  );
  // The figure's 8 panels in two columns on a wide screen and one on a phone, so that its
  // text is drawn at the page's own size rather than shrunk with the whole figure.
  // The figure's story in a sentence, read off the same runs: how long the saturated
  // quadratic neuron stays above a = 0.9, and how soon the cross-entropy's falls below it.
  const saturated = (cost: 'quadratic' | 'cross-entropy') =>
    trainNeuron({ cost, w: 2, b: 2, eta: 0.15, epochs: 300, x: 1, y: 0 }).trace.findIndex((r) => r.a < 0.9);
  const articleData = t('neuron.articleData', { quad: saturated('quadratic'), xent: saturated('cross-entropy') });
  const articleSpec = localizeFigure(neuronFigureSpec(neuronPresetFigure('seed')), ctx.state().lang);
  let articleColumns = 0;
  function drawArticle(): void {
    const columns = (articleBox.clientWidth || 1000) < 640 ? 1 : 2;
    if (columns === articleColumns) return;
    articleColumns = columns;
    const panelWidth = columns === 1 ? Math.max(300, articleBox.clientWidth || 340) : undefined;
    articleBox.replaceChildren(figureElement({ ...articleSpec, ariaLabel: articleData, idPrefix: 'article', columns, ...(panelWidth === undefined ? {} : { panelWidth, panelHeight: 240 }) }));
  }

  let runs: NeuronRuns | undefined;
  let runsKey = '';
  let drawnKey = '';
  let width = 0;

  const costLabel = (run: SteppedNeuronRun) => (run.cost === 'quadratic' ? t('neuron.quadratic') : ctx.state().step === 'book' ? t('neuron.crossEntropyBook') : t('neuron.crossEntropy'));

  function traceSeries(run: SteppedNeuronRun, at: number, value: (r: SteppedTraceRow) => number): LineSeries[] {
    const shown = run.trace.slice(0, at + 1);
    const style = COST_STYLES[run.cost];
    const last = shown[shown.length - 1];
    return [
      { label: costLabel(run), color: style.color, dash: style.dash, x: shown.map((r) => r.epoch), y: shown.map(value) },
      { label: costLabel(run), color: style.color, x: [last.epoch], y: [value(last)] },
    ];
  }

  function lineFigure(
    id: string,
    what: MessageKey,
    yLabel: string,
    value: (r: SteppedTraceRow) => number,
    state: LabState,
    extra: Partial<LineChartSpec> = {},
  ): FigureSpec {
    const r = runs as NeuronRuns;
    const x = { label: t('neuron.epochAxis'), domain: [0, Math.max(1, state.epochs)] as const };
    const legend = [r.quadratic, r.crossEntropy].map((run) => ({ label: costLabel(run), color: COST_STYLES[run.cost].color, dash: COST_STYLES[run.cost].dash }));
    const panel = (only?: SteppedNeuronRun): LineChartSpec => ({
      x,
      y: { label: yLabel },
      ...extra,
      title: only ? costLabel(only) : undefined,
      series: (only ? [only] : [r.quadratic, r.crossEntropy]).flatMap((run) => traceSeries(run, state.at, value)),
      legend: 'none',
    });
    const separate = state.axes === 'separate';
    const columns = separate && width >= 640 ? 2 : 1;
    return {
      idPrefix: `neuron-${id}`,
      // A sentence of the data: where each curve starts and where it is at the epoch shown.
      ariaLabel: t('neuron.chartData', {
        what: t(what),
        at: state.at,
        quadStart: formatReading(value(r.quadratic.trace[0])),
        quadNow: formatReading(value(r.quadratic.trace[state.at])),
        xentStart: formatReading(value(r.crossEntropy.trace[0])),
        xentNow: formatReading(value(r.crossEntropy.trace[state.at])),
      }),
      legend,
      panels: separate ? [panel(r.quadratic), panel(r.crossEntropy)] : [panel()],
      columns,
      panelWidth: Math.floor(width / columns),
      panelHeight: width < 500 ? 230 : 260,
    };
  }

  function surfaceFigure(state: LabState): FigureSpec {
    const r = runs as NeuronRuns;
    const columns = width >= 640 ? 2 : 1;
    const panel = (run: SteppedNeuronRun): HeatmapSpec => {
      const s = r.surfaces[run.cost];
      const shown = run.trace.slice(0, state.at + 1);
      return {
        kind: 'heatmap',
        title: costLabel(run),
        x: { label: t('neuron.wAxis') },
        y: { label: t('neuron.bAxis') },
        columns: s.w,
        rows: s.b,
        values: s.values,
        valueLabel: t('neuron.costAxis'),
        paths: [{ label: costLabel(run), color: run.cost === 'quadratic' ? '#ff8c42' : '#ffffff', x: shown.map((p) => p.w), y: shown.map((p) => p.b) }],
      };
    };
    return {
      idPrefix: 'neuron-surface',
      ariaLabel: t('neuron.surfaceData', {
        at: state.at,
        quadW: formatReading(r.quadratic.trace[state.at].w),
        quadB: formatReading(r.quadratic.trace[state.at].b),
        xentW: formatReading(r.crossEntropy.trace[state.at].w),
        xentB: formatReading(r.crossEntropy.trace[state.at].b),
      }),
      panels: [panel(r.quadratic), panel(r.crossEntropy)],
      columns,
      panelWidth: Math.floor(width / columns),
      panelHeight: Math.min(340, Math.max(260, Math.floor(width / columns) * 0.8)),
    };
  }

  function draw(state: LabState): void {
    width = aBox.clientWidth || width || 340;
    const key = `${runsKey}/${state.at}/${state.axes}/${width}/${state.lang}/${markedA}`;
    if (key === drawnKey) return;
    drawnKey = key;
    aBox.replaceChildren(
      figureElement(lineFigure('a', 'neuron.plotA', t('neuron.aAxis'), (p) => p.a, state, { y: { label: t('neuron.aAxis'), domain: [0, 1] }, rules: [{ axis: 'y', value: state.ny, label: `${t('neuron.target')} = ${state.ny}` }, ...(markedA === undefined ? [] : [{ axis: 'y' as const, value: markedA, label: `a = ${markedA}`, dash: '4 3' }])] })),
    );
    costBox.replaceChildren(figureElement(lineFigure('cost', 'neuron.plotCost', t('neuron.costAxis'), (p) => p.cost, state)));
    // What the step multiplied by η: ∂C/∂z, or for the book's widget ∂C/∂a, and the axis says which.
    const gradLabel = t(state.step === 'book' ? 'neuron.gradAxisBook' : 'neuron.gradAxis');
    gradBox.replaceChildren(figureElement(lineFigure('grad', 'neuron.plotGrad', gradLabel, (p) => Math.abs(p.step), state, { y: { label: gradLabel, scale: 'log' } })));
    surfaceBox.replaceChildren(figureElement(surfaceFigure(state)));
  }

  function update(state: LabState): void {
    const key = [state.nw, state.nb, state.eta, state.nx, state.ny, state.epochs, state.step].join();
    if (key !== runsKey) {
      runs = neuronRuns(state);
      runsKey = key;
    }
    for (const c of controls) c.control.show(state[c.key]);
    for (const c of [...axesChips, ...stepChips]) c.sync();
    runButton.textContent = t(frame === undefined ? 'neuron.run' : 'neuron.pause');
    epochNow.textContent = t('neuron.epochNow', { at: state.at, epochs: state.epochs });
    readoutTitle.textContent = t('neuron.readout', { at: state.at });
    const r = runs as NeuronRuns;
    COSTS.forEach((cost, i) => {
      const run = cost === 'quadratic' ? r.quadratic : r.crossEntropy;
      heads[i].textContent = costLabel(run);
      const at = run.trace[state.at];
      for (const f of ROW_FIELDS) (cells.get(`${cost}/${f}`) as HTMLElement).textContent = formatReading(at[f]);
    });
    formula.update(state, r);
    draw(state);
  }

  const resizeObserver = new ResizeObserver(() => {
    if (aBox.clientWidth !== width) draw(ctx.state());
    drawArticle();
  });
  resizeObserver.observe(aBox);
  drawArticle();

  return {
    element,
    update,
    dispose: () => {
      disposed = true;
      stop();
      formula.dispose();
      resizeObserver.disconnect();
    },
  };
};
