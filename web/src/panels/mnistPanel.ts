import { mnistFromDrawing } from '../../../src/experiments/mnistFromDrawing.js';
import { predict } from '../../../src/nn/predict.js';
import type { TrainConfig } from '../../../src/nn/trainNetwork.js';
import type { MessageKey } from '../i18n/messages.js';
import {
  COST_NAMES,
  MNIST_HIDDEN_SIZES,
  MNIST_MAX_EPOCHS,
  MNIST_TRAIN_SIZES,
  WEIGHT_INITS,
  type CostName,
  type LabState,
  type WeightInit,
} from '../state/labState.js';
import { formatCount } from '../ui/formatCount.js';
import { h } from '../ui/h.js';
import { confusionMatrix } from '../widgets/confusionMatrix.js';
import { drawDigit } from '../widgets/digitCanvas.js';
import { drawingPad } from '../widgets/drawingPad.js';
import { figureElement } from '../widgets/figureElement.js';
import { mnistCurvesSpec, type CurveRun } from '../widgets/mnistCurvesSpec.js';
import { probabilityBars, type ProbabilityBars } from '../widgets/probabilityBars.js';
import { mountExercise } from '../exercises/mountExercise.js';
import { unitWeightsView } from '../widgets/unitWeightsView.js';
import { mnistLeaderExercise } from './mnistExercise.js';
import { GRID_DIGITS, MNIST_TEST_SIZE, UNITS_SHOWN, type RunId } from './mnistProtocol.js';
import { session, type RunResult } from './mnistSession.js';
import { showThreads } from './mnistThreadsText.js';
import type { CreatePanel } from './Panel.js';

const COST_TEXT: Record<CostName, MessageKey> = {
  quadratic: 'mnist.costQuadratic',
  'cross-entropy': 'mnist.costCrossEntropy',
  'log-likelihood': 'mnist.costLogLikelihood',
};
const INIT_TEXT: Record<WeightInit, MessageKey> = { default: 'mnist.initDefault', large: 'mnist.initLarge' };
/** The mini-batch size: `xent train`'s default, not offered as a control. */
const BATCH_SIZE = 10;

/** The state keys of one run's settings. */
const KEYS = {
  a: { cost: 'mnistCost', hidden: 'mnistHidden', eta: 'mnistEta', lambda: 'mnistLambda', init: 'mnistInit' },
  b: { cost: 'vsCost', hidden: 'vsHidden', eta: 'vsEta', lambda: 'vsLambda', init: 'vsInit' },
} as const;

type RunSettings = { cost: CostName; hidden: number; eta: number; lambda: number; init: WeightInit };

function settingsOf(state: LabState, id: RunId): RunSettings {
  const k = KEYS[id];
  return { cost: state[k.cost], hidden: state[k.hidden], eta: state[k.eta], lambda: state[k.lambda], init: state[k.init] };
}

function patchOf(id: RunId, s: Partial<RunSettings>): Partial<LabState> {
  const k = KEYS[id];
  const patch: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(s)) patch[k[name as keyof RunSettings]] = value;
  return patch as Partial<LabState>;
}

/** The `xent train` configuration of a run: the page and the CLI train the same network. */
export function trainConfigOf(state: LabState, id: RunId): TrainConfig {
  const s = settingsOf(state, id);
  return { sizes: [784, s.hidden, 10], cost: s.cost, epochs: state.mnistEpochs, batchSize: BATCH_SIZE, eta: s.eta, lambda: s.lambda, init: s.init, seed: state.mnistSeed };
}

/** The command line that trains run A in the terminal. */
export function cliCommand(state: LabState): string {
  const c = trainConfigOf(state, 'a');
  return (
    `xent train --cost ${c.cost} --hidden ${c.sizes[1]} --eta ${c.eta} --lambda ${c.lambda} --init ${c.init} ` +
    `--epochs ${c.epochs} --batch ${c.batchSize} --seed ${c.seed} --train-size ${state.mnistTrain} --test-size ${MNIST_TEST_SIZE}`
  );
}

interface Preset {
  key: MessageKey;
  hint: MessageKey;
  patch: Partial<LabState>;
}

const PRESETS: Preset[] = [
  { key: 'mnist.presetCosts', hint: 'mnist.presetCostsHint', patch: { ...patchOf('a', { cost: 'cross-entropy', eta: 0.5, init: 'default', hidden: 30, lambda: 0 }), ...patchOf('b', { cost: 'quadratic', eta: 0.5, init: 'default', hidden: 30, lambda: 0 }) } },
  { key: 'mnist.presetLarge', hint: 'mnist.presetLargeHint', patch: { ...patchOf('a', { cost: 'cross-entropy', eta: 0.5, init: 'large', hidden: 30, lambda: 0 }), ...patchOf('b', { cost: 'quadratic', eta: 0.5, init: 'large', hidden: 30, lambda: 0 }) } },
  { key: 'mnist.presetTuned', hint: 'mnist.presetTunedHint', patch: { ...patchOf('a', { cost: 'cross-entropy', eta: 0.5, init: 'default', hidden: 30, lambda: 0 }), ...patchOf('b', { cost: 'quadratic', eta: 3, init: 'default', hidden: 30, lambda: 0 }) } },
  { key: 'mnist.presetInit', hint: 'mnist.presetInitHint', patch: { ...patchOf('a', { cost: 'quadratic', eta: 3, init: 'default', hidden: 30, lambda: 0 }), ...patchOf('b', { cost: 'quadratic', eta: 3, init: 'large', hidden: 30, lambda: 0 }) } },
  { key: 'mnist.presetSoftmax', hint: 'mnist.presetSoftmaxHint', patch: { ...patchOf('a', { cost: 'log-likelihood', eta: 0.5, init: 'default', hidden: 30, lambda: 0 }), ...patchOf('b', { cost: 'cross-entropy', eta: 0.5, init: 'default', hidden: 30, lambda: 0 }) } },
  { key: 'mnist.presetQuick', hint: 'mnist.presetQuickHint', patch: { mnistTrain: 1000, mnistEpochs: 3 } },
];

/** `#/mnist`: the library's network trained on MNIST in a Web Worker, two runs compared. */
export const createMnistPanel: CreatePanel = (ctx) => {
  const { t } = ctx;
  const pct = (x: number, digits = 2) => `${(100 * x).toFixed(digits)}%`;
  const runName = (id: RunId) => id.toUpperCase();

  // Controls of one run.
  function runControls(id: RunId) {
    const k = KEYS[id];
    const field = (name: string, label: MessageKey, control: HTMLElement) =>
      h('div', { class: 'mnist-field' }, h('label', { for: `mnist-${id}-${name}`, class: 'field-label' }, t(label)), control);
    const cost = h('select', { id: `mnist-${id}-cost` }, ...COST_NAMES.map((c) => h('option', { value: c }, t(COST_TEXT[c]))));
    cost.addEventListener('change', () => ctx.set({ [k.cost]: cost.value as CostName }));
    const hidden = h('select', { id: `mnist-${id}-hidden` }, ...MNIST_HIDDEN_SIZES.map((n) => h('option', { value: n }, n)));
    hidden.addEventListener('change', () => ctx.set({ [k.hidden]: Number(hidden.value) }));
    const eta = numberInput(`mnist-${id}-eta`, { min: 0.001, max: 100, step: 'any' }, (v) => v > 0 && v <= 100, (v) => ctx.set({ [k.eta]: v }));
    const lambda = numberInput(`mnist-${id}-lambda`, { min: 0, max: 1000, step: 'any' }, (v) => v >= 0 && v <= 1000, (v) => ctx.set({ [k.lambda]: v }));
    const init = h('select', { id: `mnist-${id}-init` }, ...WEIGHT_INITS.map((i) => h('option', { value: i }, t(INIT_TEXT[i]))));
    init.addEventListener('change', () => ctx.set({ [k.init]: init.value as WeightInit }));
    const element = h(
      'fieldset',
      { class: `card mnist-run mnist-run-${id}` },
      h('legend', {}, h('span', { class: `run-swatch run-swatch-${id}` }), t(id === 'a' ? 'mnist.runA' : 'mnist.runB')),
      field('cost', 'mnist.cost', cost),
      field('hidden', 'mnist.hidden', hidden),
      field('eta', 'mnist.eta', eta),
      field('lambda', 'mnist.lambda', lambda),
      field('init', 'mnist.init', init),
    );
    return {
      element,
      update(state: LabState) {
        const s = settingsOf(state, id);
        cost.value = s.cost;
        hidden.value = String(s.hidden);
        setNumber(eta, s.eta);
        setNumber(lambda, s.lambda);
        init.value = s.init;
      },
    };
  }

  const runA = runControls('a');
  const runB = runControls('b');
  const epochs = numberInput('mnist-epochs', { min: 1, max: MNIST_MAX_EPOCHS, step: 1 }, (v) => Number.isInteger(v) && v >= 1 && v <= MNIST_MAX_EPOCHS, (v) => ctx.set({ mnistEpochs: v }));
  const seed = numberInput('mnist-seed', { min: 0, max: 999_999_999, step: 1 }, (v) => Number.isInteger(v) && v >= 0 && v <= 999_999_999, (v) => ctx.set({ mnistSeed: v }));
  const trainSize = h('select', { id: 'mnist-train' }, ...MNIST_TRAIN_SIZES.map((n) => h('option', { value: n }, formatCount(n, ctx.state().lang))));
  trainSize.addEventListener('change', () => ctx.set({ mnistTrain: Number(trainSize.value) }));
  const sharedField = (id: string, label: MessageKey, control: HTMLElement) => h('div', { class: 'mnist-field' }, h('label', { for: id, class: 'field-label' }, t(label)), control);

  const trainButton = h('button', { type: 'button', class: 'button primary mnist-train', onclick: () => startTraining() }, t('mnist.train'));
  const stopButton = h('button', { type: 'button', class: 'button mnist-stop', onclick: () => session.stop() }, t('mnist.stop'));
  const status = h('p', { class: 'mnist-status', role: 'status', 'aria-live': 'polite' });
  const progress = h('progress', { class: 'mnist-progress', max: 1, value: 0 });
  const threadsNote = h('p', { class: 'small-label mnist-threads' });
  const cli = h('code', { class: 'mnist-cli' });

  const presets = h(
    'div',
    { class: 'presets', role: 'group', 'aria-label': t('mnist.presets') },
    h('span', { class: 'group-label' }, t('mnist.presets')),
    ...PRESETS.map((p) =>
      h('button', { type: 'button', class: 'chip', title: t(p.hint), onclick: () => {
        ctx.set(p.patch);
        startTraining();
      } }, t(p.key)),
    ),
  );

  // Shown whenever A and B differ in η as well as in something else: then the difference
  // in the curves is not the other setting's alone.
  const etaNote = h('p', { class: 'note mnist-eta-note', 'data-testid': 'mnist-eta-note', hidden: true });
  const chartBox = h('div', { class: 'chart mnist-chart' });
  const unitsView = unitWeightsView(t, ctx.state().lang, UNITS_SHOWN, (mnistUnits) => ctx.set({ mnistUnits }));
  const exercise = mountExercise(mnistLeaderExercise({ t, set: ctx.set, train: () => startTraining(), session }), t);
  const resultRows = h('tbody');
  const resultsTable = h(
    'div',
    { class: 'table-scroll' },
    h(
    'table',
    { class: 'sizes mnist-results' },
    h('caption', {}, t('mnist.table')),
    h(
      'thead',
      {},
      h('tr', {}, ...(['mnist.colRun', 'mnist.colEpoch', 'mnist.colAccuracy', 'mnist.colCost', 'mnist.colSeconds'] as const).map((key, i) => h('th', { scope: 'col', class: i === 0 ? '' : 'num' }, t(key)))),
    ),
    resultRows,
    ),
  );

  let shownRun: RunId = 'a';
  let gridDigits: typeof session.testDigits;
  let gridCells: { label: number; canvas: HTMLCanvasElement; bars: ProbabilityBars; caption: HTMLElement; figure: HTMLElement }[] = [];
  const showButtons = (['a', 'b'] as const).map((id) => {
    const b = h('button', { type: 'button', class: 'seg-button', 'data-run': id, onclick: () => {
      shownRun = id;
      drawInspect();
    } }, t(id === 'a' ? 'mnist.runA' : 'mnist.runB'));
    return b;
  });
  const matrix = confusionMatrix(10, { caption: '', trueDigit: t('mnist.trueDigit'), predicted: t('mnist.predicted') });
  const noResults = h('p', { class: 'hint' }, t('mnist.noResults'));
  const confusionBox = h('div', { class: 'confusion-box' }, noResults);
  const gridTitle = h('h3', { class: 'card-title' });
  const grid = h('div', { class: 'digit-grid' });

  const readings = { a: h('p', { class: 'pad-reading pad-reading-a' }), b: h('p', { class: 'pad-reading pad-reading-b' }) };
  const readingBars = { a: probabilityBars(t('mnist.probabilities')), b: probabilityBars(t('mnist.probabilities')) };
  readingBars.a.element.classList.add('pad-bars');
  readingBars.b.element.classList.add('pad-bars');
  const preview = h('canvas', { width: 28, height: 28, class: 'digit pad-preview', role: 'img', 'aria-label': t('mnist.padSees') });
  const pad = drawingPad({
    ariaLabel: t('mnist.padLabel'),
    onChange: () => {
      picked = undefined;
      pickSelect.value = '';
      readPad();
    },
  });
  // The keyboard's way in: read one of the test digits instead of a drawing.
  let picked: Float32Array | undefined;
  const pickSelect = h('select', { id: 'mnist-pick' });
  pickSelect.addEventListener('change', () => {
    const digits = session.testDigits;
    const i = Number(pickSelect.value);
    picked = pickSelect.value === '' || !digits ? undefined : digits.pixels.slice(i * 784, (i + 1) * 784);
    readPad();
  });
  function fillPicks(): void {
    const digits = session.testDigits;
    const count = digits ? digits.labels.length : 0;
    if (pickSelect.options.length === count + 1) return;
    pickSelect.replaceChildren(
      h('option', { value: '' }, t('mnist.pickNone')),
      ...Array.from({ length: count }, (_, i) => h('option', { value: i }, t('mnist.pickItem', { i: i + 1, label: digits?.labels[i] ?? '' }))),
    );
    pickSelect.disabled = count === 0;
  }

  const element = h(
    'section',
    { class: 'panel panel-mnist', 'aria-labelledby': 'panel-title' },
    h('h2', { id: 'panel-title' }, t('mnist.title')),
    h('p', { class: 'intro' }, t('mnist.intro')),
    h('p', { class: 'note unit-note' }, t('unit.natsHere')),
    exercise,
    presets,
    h('div', { class: 'mnist-runs' }, runA.element, runB.element),
    etaNote,
    h(
      'fieldset',
      { class: 'card mnist-shared' },
      h('legend', {}, t('mnist.shared')),
      sharedField('mnist-epochs', 'mnist.epochs', epochs),
      sharedField('mnist-seed', 'mnist.seed', seed),
      sharedField('mnist-train', 'mnist.trainSize', trainSize),
      h('p', { class: 'hint' }, t('mnist.trainSizeHint')),
    ),
    h('div', { class: 'card mnist-go' }, h('div', { class: 'mnist-buttons' }, trainButton, stopButton), progress, status, threadsNote, h('p', { class: 'hint' }, t('mnist.cli')), h('pre', { class: 'mnist-cli-box', tabindex: 0 }, cli)),
    h('div', { class: 'card mnist-curves' }, chartBox, h('p', { class: 'hint' }, t('mnist.costNote')), resultsTable, h('p', { class: 'note mnist-why' }, t('mnist.whySlow'))),
    unitsView.element,
    h(
      'div',
      { class: 'card mnist-inspect' },
      h('div', { class: 'you-tabs', role: 'group', 'aria-label': t('mnist.showRun') }, h('span', { class: 'group-label' }, t('mnist.showRun')), ...showButtons),
      confusionBox,
      h('p', { class: 'hint' }, t('mnist.confusionHint')),
      gridTitle,
      grid,
    ),
    h(
      'div',
      { class: 'card mnist-pad' },
      h('h3', { class: 'card-title' }, t('mnist.padTitle')),
      h('p', { class: 'hint' }, t('mnist.padHint')),
      h(
        'div',
        { class: 'pad-row' },
        pad.element,
        h(
          'div',
          { class: 'pad-side' },
          h('button', { type: 'button', class: 'button pad-clear', onclick: () => pad.clear() }, t('mnist.clear')),
          h('label', { for: 'mnist-pick', class: 'small-label' }, t('mnist.pick')),
          pickSelect,
          h('p', { class: 'small-label' }, t('mnist.padSees')),
          preview,
          readings.a,
          readingBars.a.element,
          readings.b,
          readingBars.b.element,
        ),
      ),
    ),
  );

  function startTraining(): void {
    const state = ctx.state();
    session.start(state.mnistTrain, [
      { id: 'a', config: trainConfigOf(state, 'a') },
      { id: 'b', config: trainConfigOf(state, 'b') },
    ]);
  }

  /** A run's cost, η and init; the hidden units and λ only where the runs differ in them. */
  function runLabel(config: TrainConfig, runs: readonly { config: TrainConfig }[]): string {
    const parts = [t(COST_TEXT[config.cost]), `η ${config.eta}`, config.init === 'large' ? 'N(0, 1)' : 'N(0, 1/n)'];
    if (runs.some((r) => r.config.sizes[1] !== config.sizes[1])) parts.push(`${config.sizes[1]} ${t('mnist.hiddenShort')}`);
    if (runs.some((r) => r.config.lambda !== config.lambda) || config.lambda > 0) parts.push(`λ ${config.lambda}`);
    return parts.join(', ');
  }

  function showStatus(): void {
    const s = session.status;
    trainButton.disabled = s.kind === 'loading' || s.kind === 'training';
    stopButton.disabled = !(s.kind === 'loading' || s.kind === 'training');
    element.classList.toggle('is-training', s.kind === 'loading' || s.kind === 'training');
    // For the end-to-end test: which kernels the worker trains with.
    if (session.kernels !== undefined) status.dataset.kernels = session.kernels;
    showThreads(threadsNote, session, runName, t);
    const total = session.runs.reduce((n, r) => n + r.config.epochs, 0);
    const done = session.runs.reduce((n, r) => n + r.epochs.length, 0);
    const within = s.kind === 'training' && s.total > 0 ? s.done / s.total : 0;
    progress.value = total === 0 ? 0 : Math.min(1, (done + (s.kind === 'training' && done < total ? within : 0)) / total);
    status.textContent =
      s.kind === 'idle'
        ? t('mnist.idle')
        : s.kind === 'loading'
          ? t('mnist.loadingData')
          : s.kind === 'training'
            ? t('mnist.progress', { run: runName(s.run), epoch: s.epoch, epochs: session.runs.find((r) => r.id === s.run)?.config.epochs ?? 0, percent: Math.floor(100 * within) })
            : s.kind === 'finished'
              ? t('mnist.finished', { epochs: session.runs[0]?.config.epochs ?? 0 })
              : s.kind === 'stopped'
                ? t('mnist.stopped')
                : t('mnist.failed', { message: s.message });
  }

  let chartWidth = 0;
  function drawCurves(): void {
    chartWidth = chartBox.clientWidth || chartWidth || 340;
    const state = ctx.state();
    // Before the first run, the runs the controls describe.
    const shown: RunResult[] =
      session.runs.length > 0 ? session.runs : (['a', 'b'] as const).map((id) => ({ id, config: trainConfigOf(state, id), epochs: [] }));
    const runs: CurveRun[] = shown.map((r) => ({ name: runName(r.id), cost: r.config.cost, label: runLabel(r.config, shown), epochs: r.epochs }));
    const planned = Math.max(...shown.map((r) => r.config.epochs));
    chartBox.replaceChildren(
      figureElement(
        mnistCurvesSpec({
          runs,
          epochs: planned,
          width: chartWidth,
          texts: {
            epoch: t('mnist.chartEpoch'),
            accuracy: t('mnist.chartAccuracy'),
            cost: t('mnist.chartCost'),
            ariaLabel: `${t('mnist.chartLabel')}. ${shown
              .map((r) => {
                const last = r.epochs.at(-1);
                return t('mnist.chartRun', { run: runName(r.id), label: runLabel(r.config, shown), epoch: last?.epoch ?? 0, accuracy: last ? pct(last.testAccuracy) : '—' });
              })
              .join(' ')}`,
          },
        }),
      ),
    );
    resultRows.replaceChildren(
      ...shown.map((r) => {
        const last = r.epochs.at(-1);
        const meanSeconds = r.epochs.length === 0 ? NaN : r.epochs.reduce((s, e) => s + e.seconds, 0) / r.epochs.length;
        return h(
          'tr',
          { 'data-run': r.id, 'data-accuracy': last ? String(last.testAccuracy) : '', 'data-train-cost': last ? String(last.trainCost) : '', 'data-seconds': Number.isFinite(meanSeconds) ? String(meanSeconds) : '' },
          // On a phone the chart's legend above names the runs; the row keeps its letter.
          h('th', { scope: 'row' }, h('span', { class: `run-swatch run-swatch-${r.id}` }), runName(r.id), h('span', { class: 'run-label' }, `: ${runLabel(r.config, shown)}`)),
          h('td', { class: 'num' }, last ? `${last.epoch}/${r.config.epochs}` : `0/${r.config.epochs}`),
          h('td', { class: 'num acc' }, last ? pct(last.testAccuracy) : '—'),
          h('td', { class: 'num' }, last ? last.trainCost.toFixed(4) : '—'),
          h('td', { class: 'num' }, Number.isFinite(meanSeconds) ? meanSeconds.toFixed(2) : '—'),
        );
      }),
    );
  }

  function drawInspect(): void {
    showButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.run === shownRun)));
    const run = session.runs.find((r) => r.id === shownRun);
    const name = runName(shownRun);
    gridTitle.textContent = t('mnist.grid', { n: GRID_DIGITS, run: name });
    if (!run?.confusion) {
      if (confusionBox.firstChild !== noResults) confusionBox.replaceChildren(noResults);
    } else {
      matrix.set(run.confusion, t('mnist.confusion', { run: name, n: formatCount(MNIST_TEST_SIZE, ctx.state().lang) }));
      if (confusionBox.firstChild !== matrix.element) confusionBox.replaceChildren(matrix.element);
    }
    const digits = session.testDigits;
    if (!digits) {
      grid.replaceChildren();
      gridCells = [];
      gridDigits = undefined;
      return;
    }
    if (gridDigits !== digits) {
      // The canvases are drawn once per set of test digits; epochs only change the bars.
      gridDigits = digits;
      gridCells = [...digits.labels].map((label, i) => {
        const caption = h('figcaption', {}, String(label));
        const bars = probabilityBars(t('mnist.probabilities'));
        const canvas = h('canvas', { width: 28, height: 28, class: 'digit', role: 'img', 'aria-label': String(label) });
        // A few canvases per task: two dozen 2D contexts at once would be one long task.
        if (i % 4 === 0) later(() => gridDigits === digits && gridCells.slice(i, i + 4).forEach((c, j) => drawDigit(c.canvas, digits.pixels.subarray((i + j) * 784, (i + j + 1) * 784))));
        return { label, canvas, bars, caption, figure: h('figure', { class: 'grid-digit' }, canvas, bars.element, caption) };
      });
      grid.replaceChildren(...gridCells.map((c) => c.figure));
    }
    gridCells.forEach((cell, i) => {
      const probs = run?.gridProbabilities?.[i];
      const predicted = probs ? probs.indexOf(Math.max(...probs)) : undefined;
      const text = probs && predicted !== undefined ? t('mnist.gridItem', { label: cell.label, predicted, p: Math.round(100 * probs[predicted]) }) : String(cell.label);
      cell.figure.classList.toggle('wrong', predicted !== undefined && predicted !== cell.label);
      cell.caption.textContent = text;
      cell.canvas.setAttribute('aria-label', text);
      cell.bars.element.classList.toggle('is-empty', !probs);
      if (probs) cell.bars.set(probs, cell.label);
    });
  }

  function readPad(): void {
    fillPicks();
    const drawn = pad.ink();
    const empty = drawn.empty && picked === undefined;
    const pixels = picked ?? mnistFromDrawing(drawn.ink, drawn.width, drawn.height);
    drawDigit(preview, pixels);
    for (const id of ['a', 'b'] as const) {
      const run: RunResult | undefined = session.runs.find((r) => r.id === id);
      if (!run?.network) {
        readings[id].textContent = id === 'a' ? t('mnist.padNeedsNet') : '';
        delete readings[id].dataset.digit;
        readingBars[id].element.classList.add('is-empty');
        continue;
      }
      if (empty) {
        readings[id].textContent = id === 'a' ? t('mnist.padEmpty') : '';
        delete readings[id].dataset.digit;
        readingBars[id].element.classList.add('is-empty');
        continue;
      }
      const [prediction] = predict(run.network, pixels);
      readings[id].textContent = t('mnist.padReads', { run: runName(id), digit: prediction.label, p: Math.round(100 * prediction.probabilities[prediction.label]) });
      readings[id].dataset.digit = String(prediction.label);
      readingBars[id].set(prediction.probabilities);
      readingBars[id].element.classList.remove('is-empty');
    }
  }

  const timers = new Set<number>();
  const later = (f: () => void) => {
    const id = window.setTimeout(() => {
      timers.delete(id);
      f();
    }, 0);
    timers.add(id);
  };

  // The pad's reading is redone only when the pad is on screen (and when it scrolls into
  // view): the page does less between the worker's messages. The curves and the matrix
  // are always drawn, so that nothing above the pad moves while the reader scrolls to it.
  const parts = [
    { box: chartBox, draw: drawCurves, dirty: false, seen: true },
    { box: confusionBox, draw: drawInspect, dirty: false, seen: true },
    { box: pad.element, draw: readPad, dirty: false, seen: false },
  ];
  const visibility = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        const part = parts[2];
        part.seen = e.isIntersecting;
        if (part.seen && part.dirty) {
          part.dirty = false;
          later(part.draw);
        }
      }
    },
    { rootMargin: '200px' },
  );
  visibility.observe(pad.element);

  /** The runs as trained, or before the first training, as the controls describe them. */
  function shownRuns(): RunResult[] {
    const state = ctx.state();
    return session.runs.length > 0 ? session.runs : (['a', 'b'] as const).map((id) => ({ id, config: trainConfigOf(state, id), epochs: [] }));
  }

  function drawUnits(): void {
    const runs = shownRuns();
    unitsView.set(
      runs.map((r) => ({ id: r.id, name: runName(r.id), label: runLabel(r.config, runs), units: r.units, start: r.unitsStart })),
      ctx.state().mnistUnits,
    );
  }

  let lastEpochs = -1;
  function onSession(): void {
    showStatus();
    drawUnits();
    const epochsNow = session.runs.reduce((n, r) => n + r.epochs.length, 0) + (session.testDigits ? 0.5 : 0);
    if (epochsNow === lastEpochs) return;
    lastEpochs = epochsNow;
    // Each in its own task, so that no one task keeps the page from answering input.
    for (const part of parts) {
      if (part.seen) later(part.draw);
      else part.dirty = true;
    }
  }

  session.onChange = onSession;
  const resizeObserver = new ResizeObserver(() => chartBox.clientWidth !== chartWidth && drawCurves());
  resizeObserver.observe(chartBox);
  onSession();

  return {
    element,
    update(state) {
      runA.update(state);
      runB.update(state);
      setNumber(epochs, state.mnistEpochs);
      setNumber(seed, state.mnistSeed);
      trainSize.value = String(state.mnistTrain);
      cli.textContent = cliCommand(state);
      drawUnits();
      const a = settingsOf(state, 'a');
      const b = settingsOf(state, 'b');
      const alsoDiffer = a.cost !== b.cost || a.init !== b.init || a.hidden !== b.hidden || a.lambda !== b.lambda;
      etaNote.hidden = a.eta === b.eta;
      etaNote.textContent = a.eta === b.eta ? '' : t(alsoDiffer ? 'mnist.etaDiffers' : 'mnist.etaOnly', { a: a.eta, b: b.eta });
      if (session.runs.length === 0) drawCurves();
    },
    dispose() {
      if (session.onChange === onSession) session.onChange = undefined;
      timers.forEach((id) => window.clearTimeout(id));
      visibility.disconnect();
      resizeObserver.disconnect();
    },
  };
};

/** A number field that commits valid values on change and marks invalid ones. */
function numberInput(id: string, attrs: { min: number; max: number; step: number | 'any' }, valid: (v: number) => boolean, commit: (v: number) => void): HTMLInputElement {
  const input = h('input', { id, type: 'number', inputmode: 'decimal', min: attrs.min, max: attrs.max, step: attrs.step, class: 'mnist-number' });
  input.addEventListener('change', () => {
    const v = input.value.trim() === '' ? NaN : Number(input.value);
    const ok = Number.isFinite(v) && valid(v);
    input.setAttribute('aria-invalid', String(!ok));
    if (ok) commit(v);
  });
  return input;
}

function setNumber(input: HTMLInputElement, value: number): void {
  if (document.activeElement === input && Number(input.value) === value) return;
  input.value = String(value);
  input.setAttribute('aria-invalid', 'false');
}

