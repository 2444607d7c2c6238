import { BINNINGS, INPUT_KINDS, type Binning, type InputKind } from '../../../src/eval/EvalOptions.js';
import type { EvalReport } from '../../../src/eval/EvalReport.js';
import { reliabilityFigure, type ReliabilityTexts } from '../../../src/eval/reliabilityFigure.js';
import { DRAWN_DENSITY_SHARE, smoothReliabilityFigure, type SmoothReliabilityTexts } from '../../../src/eval/smoothReliabilityFigure.js';
import type { FigureSpec } from '../../../src/plot/figureSvg.js';
import { columnarFormatFromName } from '../../../src/formats/columnarFormatFromName.js';
import { figureSvg } from '../../../src/plot/figureSvg.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Translate } from '../i18n/translate.js';
import { EVAL_EXAMPLES, EVAL_MAX_BINS, type EvalExample, type LabState } from '../state/labState.js';
import { formatCount } from '../ui/formatCount.js';
import { formatSignificant } from '../ui/formatSignificant.js';
import { h } from '../ui/h.js';
import type { CreatePanel } from './Panel.js';
import { mountExercise } from '../exercises/mountExercise.js';
import { calibrationSlot } from './calibrationSlot.js';
import { evalExercises } from './evalExercises.js';
import { evalErrorText } from './evalErrorText.js';
import { digitFiles, EXAMPLE_CLASSES, EXAMPLE_ROWS, exampleFiles, OVERCONFIDENCE, type ExampleFiles } from './evalExamples.js';
import type { EvalRequest, EvalResponse } from './evalWorker.js';
import { session } from './mnistSession.js';
import './evalPanel.css';

const INPUT_TEXT: Record<InputKind, MessageKey> = { probs: 'eval.inputProbs', logits: 'eval.inputLogits', 'log-probs': 'eval.inputLogProbs' };
const BINNING_TEXT: Record<Binning, MessageKey> = { uniform: 'eval.binningUniform', quantile: 'eval.binningQuantile' };
const EXAMPLE_TEXT: Record<EvalExample, MessageKey> = {
  files: 'eval.sourceFiles',
  calibrated: 'eval.sourceCalibrated',
  overconfident: 'eval.sourceOverconfident',
  mnist: 'eval.sourceMnist',
};
const COST_TEXT = { quadratic: 'mnist.costQuadratic', 'cross-entropy': 'mnist.costCrossEntropy', 'log-likelihood': 'mnist.costLogLikelihood' } as const;

/** The diagram's words in the page's language. */
function figureTexts(t: Translate): ReliabilityTexts {
  return {
    title: t('eval.figTitle'),
    confidence: t('eval.figConfidence'),
    accuracy: t('eval.figAccuracy'),
    rows: t('eval.figRows'),
    perfect: t('eval.figPerfect'),
    perBin: t('eval.figPerBin'),
    meanPoint: t('eval.figMeanPoint'),
    countTitle: t('eval.figCountTitle'),
    note: (r) => t('eval.figNote', { n: r.n, classes: r.classes, ece: fmt(r.ece), accuracy: fmt(r.accuracy) }),
  };
}

const fmt = formatSignificant;

/** The smoothed diagram's words in the page's language. */
function smoothTexts(t: Translate): SmoothReliabilityTexts {
  return {
    title: (bandwidth) => t('evalCurves.smoothTitle', { bandwidth }),
    confidence: t('evalCurves.confidence'),
    accuracy: t('evalCurves.accuracy'),
    perfect: t('evalCurves.perfect'),
    curve: t('evalCurves.curve'),
    band: (level, replicates) => t('evalCurves.band', { level, replicates }),
    densityTitle: t('evalCurves.densityTitle'),
    density: t('evalCurves.density'),
  };
}

/** The risk–coverage curve whose area is the AURC, with the error rate of all rows as a rule. */
function riskCoverageFigure(r: EvalReport, t: Translate): FigureSpec {
  const { coverage, risk } = r.riskCoverage;
  return {
    columns: 1,
    panelWidth: 520,
    panelHeight: 320,
    idPrefix: 'eval-rc',
    panels: [
      {
        title: t('evalCurves.rcTitle'),
        x: { label: t('evalCurves.coverage'), domain: [0, 1] },
        y: { label: t('evalCurves.risk'), domain: [0, Math.max(0.05, ...risk) * 1.05] },
        series: [{ label: t('evalCurves.rcCurve'), x: [0, ...coverage], y: [risk[0] ?? NaN, ...risk], color: '#D55E00' }],
        rules: [{ axis: 'y', value: 1 - r.accuracy, label: t('evalCurves.rcErrorRate') }],
        legend: 'none',
      },
    ],
  };
}

/** Draws a figure into its slot, scaling with the page, with its description for screen readers. */
function drawInto(slot: HTMLElement, spec: FigureSpec, label: string): void {
  slot.innerHTML = figureSvg(spec);
  const svg = slot.querySelector('svg');
  if (svg === null) return;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.removeAttribute('width');
  svg.removeAttribute('height');
}

/** The example's files as File objects, read by the same worker as dropped files. */
function asFiles(name: string, files: ExampleFiles): { pred: File; labels: File } {
  return { pred: new File([files.pred], `${name}-pred.csv`, { type: 'text/csv' }), labels: new File([files.labels], `${name}-labels.csv`, { type: 'text/csv' }) };
}

/**
 * `#/eval`: drop a predictions file and a labels file; a worker streams them through
 * the engine of `xent eval` and the page shows its figures and reliability diagram.
 */
export const createEvalPanel: CreatePanel = (ctx) => {
  const { t } = ctx;
  const lang = ctx.state().lang;
  const files: { pred?: File; labels?: File } = {};
  const examples = new Map<string, { pred: File; labels: File }>();

  const zone = (which: 'pred' | 'labels') => {
    const input = h('input', { type: 'file', id: `eval-${which}`, class: 'eval-file', accept: '.csv,.tsv,.txt,.json,.jsonl,.ndjson,.npy,.parquet,.pq,.arrow,.arrows,.feather,.npz,.safetensors' });
    const name = h('span', { class: 'eval-file-name', 'data-testid': `eval-${which}-name` }, t('eval.noFile'));
    const label = h('label', { for: `eval-${which}`, class: 'eval-drop', 'data-zone': which }, h('strong', {}, t(which === 'pred' ? 'eval.predLabel' : 'eval.labelsLabel')), h('span', { class: 'hint' }, t(which === 'pred' ? 'eval.predHint' : 'eval.labelsHint')), name, input);
    const take = (file: File | undefined) => {
      if (file === undefined) return;
      files[which] = file;
      name.textContent = `${file.name} (${formatBytes(file.size)})`;
      label.classList.add('has-file');
      run();
    };
    input.addEventListener('change', () => take(input.files?.[0]));
    label.addEventListener('dragover', (e) => {
      e.preventDefault();
      label.classList.add('dragging');
    });
    label.addEventListener('dragleave', () => label.classList.remove('dragging'));
    label.addEventListener('drop', (e) => {
      e.preventDefault();
      label.classList.remove('dragging');
      take(e.dataTransfer?.files[0]);
    });
    return label;
  };

  const inputSelect = h('select', { id: 'eval-input' }, ...INPUT_KINDS.map((k) => h('option', { value: k }, t(INPUT_TEXT[k]))));
  const binningSelect = h('select', { id: 'eval-binning' }, ...BINNINGS.map((b) => h('option', { value: b }, t(BINNING_TEXT[b]))));
  const binsInput = h('input', { id: 'eval-bins', type: 'number', min: 1, max: EVAL_MAX_BINS, value: 15, inputmode: 'numeric' });
  const normalizeBox = h('input', { id: 'eval-normalize', type: 'checkbox' });
  inputSelect.addEventListener('change', () => ctx.set({ evalInput: inputSelect.value as LabState['evalInput'] }));
  binningSelect.addEventListener('change', () => ctx.set({ evalBinning: binningSelect.value as Binning }));
  normalizeBox.addEventListener('change', () => ctx.set({ evalNormalize: normalizeBox.checked ? 'on' : 'off' }));
  binsInput.addEventListener('change', () => {
    const v = Number(binsInput.value);
    const ok = Number.isInteger(v) && v >= 1 && v <= EVAL_MAX_BINS;
    binsInput.setAttribute('aria-invalid', String(!ok));
    if (ok) ctx.set({ evalBins: v });
  });

  const sourceButtons = EVAL_EXAMPLES.map((example) =>
    h('button', { type: 'button', class: 'chip eval-source', 'data-example': example, onclick: () => ctx.set({ evalExample: example }) }, t(EXAMPLE_TEXT[example])),
  );
  const sourceHint = h('p', { class: 'hint eval-source-hint', 'data-testid': 'eval-source-hint' });
  const mnistLink = h('a', { class: 'button eval-mnist-link', href: '#/mnist' }, t('eval.mnistOpen'));
  mnistLink.addEventListener('click', (e) => {
    e.preventDefault();
    ctx.set({ route: 'mnist' });
  });
  const drops = h('div', { class: 'eval-drops' }, zone('pred'), zone('labels'));

  const status = h('p', { class: 'eval-status', role: 'status', 'aria-live': 'polite' }, t('eval.waiting'));
  const results = h('div', { class: 'eval-results', hidden: true });
  const figure = h('div', { class: 'chart eval-figure' });
  const smoothFigure = h('div', { class: 'chart eval-curve-figure eval-smooth-figure' });
  const smoothHint = h('p', { class: 'hint eval-smooth-hint' });
  const riskFigure = h('div', { class: 'chart eval-curve-figure eval-rc-figure' });
  const riskHint = h('p', { class: 'hint eval-rc-hint' });
  const curves = h('div', { class: 'eval-curves', hidden: true }, smoothFigure, smoothHint, riskFigure, riskHint);
  const calibration = calibrationSlot(t, lang);
  const exercises = evalExercises(ctx, calibration);

  const element = h(
    'section',
    { class: 'panel panel-eval', 'aria-labelledby': 'panel-title' },
    h('h2', { id: 'panel-title' }, t('eval.title')),
    h('p', { class: 'intro' }, t('eval.intro')),
    h('p', { class: 'eval-privacy' }, t('eval.privacy')),
    mountExercise(exercises.overconfident, t),
    h('div', { class: 'presets eval-sources', role: 'group', 'aria-label': t('eval.source') }, h('span', { class: 'group-label' }, t('eval.source')), ...sourceButtons),
    sourceHint,
    mnistLink,
    drops,
    h(
      'div',
      { class: 'card eval-options' },
      h('label', { for: 'eval-input', class: 'field-label' }, t('eval.input')),
      inputSelect,
      h('label', { for: 'eval-binning', class: 'field-label' }, t('eval.binning')),
      binningSelect,
      h('label', { for: 'eval-bins', class: 'field-label' }, t('eval.bins')),
      binsInput,
      h('label', { for: 'eval-normalize', class: 'eval-normalize' }, normalizeBox, h('span', {}, t('eval.normalize')), h('span', { class: 'hint' }, t('eval.normalizeHint'))),
    ),
    status,
    results,
    figure,
    h('p', { class: 'hint eval-fig-hint' }, t('eval.figHint')),
    curves,
    mountExercise(exercises.temperature, t),
    calibration.element,
    h('p', { class: 'hint' }, t('eval.formats')),
    h('p', { class: 'hint' }, t('eval.columnarFormats')),
  );

  let worker: Worker | undefined;
  let job = 0;
  /** The files the current choice scores, or undefined (with the hint saying why). */
  function chosenFiles(state: LabState): { pred?: File; labels?: File } {
    const example = state.evalExample;
    mnistLink.hidden = true;
    if (example === 'files') {
      sourceHint.textContent = '';
      return files;
    }
    if (example === 'mnist') {
      const run = session.runs.find((r) => r.id === 'a' && r.testProbabilities) ?? session.runs.find((r) => r.testProbabilities);
      if (run?.testProbabilities === undefined || session.testLabels === undefined) {
        sourceHint.textContent = t('eval.mnistNone');
        mnistLink.hidden = false;
        return {};
      }
      const epoch = run.epochs.length;
      sourceHint.textContent = t('eval.mnistHint', { run: run.id.toUpperCase(), cost: t(COST_TEXT[run.config.cost]), epoch, n: formatCount(session.testLabels.length, lang) });
      const key = `mnist/${run.id}/${epoch}/${session.testLabels.length}`;
      if (!examples.has(key)) examples.set(key, asFiles('digits', digitFiles(run.testProbabilities, session.testLabels)));
      return examples.get(key) as { pred: File; labels: File };
    }
    sourceHint.textContent =
      example === 'calibrated'
        ? t('eval.calibratedHint', { rows: formatCount(EXAMPLE_ROWS, lang), classes: EXAMPLE_CLASSES })
        : t('eval.overconfidentHint', { rows: formatCount(EXAMPLE_ROWS, lang), k: OVERCONFIDENCE });
    if (!examples.has(example)) examples.set(example, asFiles(example, exampleFiles(example)));
    return examples.get(example) as { pred: File; labels: File };
  }

  function run(): void {
    calibration.clear();
    const state = ctx.state();
    const chosen = chosenFiles(state);
    // A columnar predictions file may hold the labels itself.
    if (chosen.pred === undefined || (chosen.labels === undefined && columnarFormatFromName(chosen.pred.name) === undefined)) {
      worker?.terminate();
      job++;
      status.textContent = state.evalExample === 'files' ? t('eval.waiting') : '';
      status.classList.remove('error');
      results.hidden = true;
      figure.replaceChildren();
      curves.hidden = true;
      return;
    }
    worker?.terminate();
    const mine = ++job;
    worker = new Worker(new URL('./evalWorker.ts', import.meta.url), { type: 'module' });
    const request: EvalRequest = {
      pred: chosen.pred,
      labels: chosen.labels,
      options: { input: state.evalInput, binning: state.evalBinning, bins: state.evalBins, unit: state.unit, normalize: state.evalNormalize === 'on' },
    };
    status.textContent = t('eval.running', { rows: 0 });
    status.classList.remove('error');
    worker.onmessage = (e: MessageEvent<EvalResponse>) => {
      if (mine !== job) return;
      const m = e.data;
      if (m.kind === 'progress') status.textContent = t('eval.running', { rows: formatCount(m.rows, lang) });
      else if (m.kind === 'error') {
        status.textContent = t('eval.error', { message: evalErrorText({ problem: m.problem ?? m.message, field: m.field, index: m.index }, lang) });
        status.classList.add('error');
        results.hidden = true;
        figure.replaceChildren();
        curves.hidden = true;
        calibration.clear();
      } else if (m.kind === 'calibration') calibration.show(m.calibration);
      else show(m.report);
      if (m.kind === 'error' || m.kind === 'calibration') worker?.terminate();
    };
    worker.postMessage(request);
  }

  function show(r: EvalReport): void {
    status.textContent = t('eval.done', { rows: formatCount(r.n, lang) });
    const unit = t(r.unit === 'bits' ? 'unit.bits' : 'unit.nats');
    const row = (key: string, label: string, value: number, desc: string, suffix = '') =>
      h('tr', { class: `eval-${key}` }, h('th', { scope: 'row' }, label), h('td', { class: 'num value', 'data-value': String(value) }, fmt(value) + suffix), h('td', { class: 'desc' }, desc));
    results.replaceChildren(
      h(
        'table',
        { class: 'sizes eval-table' },
        h('caption', {}, t('eval.figures', { n: formatCount(r.n, lang), classes: r.classes })),
        h(
          'tbody',
          {},
          row('logLoss', t('eval.logLoss'), r.logLoss, t('eval.logLossDesc', { se: fmt(r.logLossStdError, 3) }), ` ${unit}`),
          row('perplexity', t('eval.perplexity'), r.perplexity, t('eval.perplexityDesc')),
          row('accuracy', t('eval.accuracy'), r.accuracy, t('eval.accuracyDesc')),
          row('brier', t('eval.brier'), r.brier, t(r.classes === 2 ? 'eval.brierDesc2' : 'eval.brierDesc')),
          row('reliability', t('eval.reliability'), r.brierDecomposition.reliability, t('eval.reliabilityDesc')),
          row('resolution', t('eval.resolution'), r.brierDecomposition.resolution, t('eval.resolutionDesc')),
          row('uncertainty', t('eval.uncertainty'), r.brierDecomposition.uncertainty, t('eval.uncertaintyDesc')),
          row('ece', 'ECE', r.ece, t('eval.eceDesc', { bins: r.bins.length })),
          row('mce', 'MCE', r.mce, t('eval.mceDesc')),
          row('classwiseEce', t('eval.classwiseEce'), r.classwiseEce, t('eval.classwiseEceDesc')),
          row('smoothEce', t('evalCurves.smoothEce'), r.smoothEce, t('evalCurves.smoothEceDesc')),
          row('aurc', 'AURC', r.aurc, t('evalCurves.aurcDesc')),
          row('eAurc', 'E-AURC', r.eAurc, t('evalCurves.eAurcDesc')),
        ),
      ),
    );
    results.hidden = false;
    calibration.pending(r);
    figure.innerHTML = figureSvg(reliabilityFigure(r, figureTexts(t), 'eval-fig'));
    const svg = figure.querySelector('svg');
    if (svg !== null) {
      svg.setAttribute('role', 'img');
      const filled = r.bins.filter((b) => b.count > 0);
      const weight = filled.reduce((sum, b) => sum + b.count, 0);
      const confidence = weight > 0 ? filled.reduce((sum, b) => sum + b.count * b.confidence, 0) / weight : NaN;
      svg.setAttribute(
        'aria-label',
        t('eval.figDesc', { n: formatCount(r.n, lang), bins: r.bins.length, ece: fmt(r.ece, 3), mce: fmt(r.mce, 3), accuracy: fmt(r.accuracy, 3), confidence: fmt(confidence, 3) }),
      );
      svg.removeAttribute('width');
      svg.removeAttribute('height');
    }
    showCurves(r);
  }

  function showCurves(r: EvalReport): void {
    const s = r.smoothReliability;
    const band = s.band;
    drawInto(smoothFigure, smoothReliabilityFigure(r, smoothTexts(t), 'eval-smooth'), t('evalCurves.smoothDesc', { n: formatCount(r.n, lang), bandwidth: fmt(s.bandwidth, 3) }));
    smoothHint.textContent = band === undefined ? '' : t('evalCurves.smoothHint', { level: fmt(band.level * 100), replicates: band.replicates, share: DRAWN_DENSITY_SHARE * 100 });
    smoothHint.hidden = band === undefined;
    drawInto(riskFigure, riskCoverageFigure(r, t), t('evalCurves.rcDesc', { n: formatCount(r.n, lang), aurc: fmt(r.aurc, 3), eAurc: fmt(r.eAurc, 3) }));
    riskHint.textContent = t('evalCurves.rcHint', { aurc: fmt(r.aurc), eAurc: fmt(r.eAurc) });
    curves.hidden = false;
  }

  // Runs again when a setting that changes the result changes.
  let runKey = '';
  return {
    element,
    update(state) {
      inputSelect.value = state.evalInput;
      binningSelect.value = state.evalBinning;
      if (document.activeElement !== binsInput) binsInput.value = String(state.evalBins);
      normalizeBox.checked = state.evalNormalize === 'on';
      sourceButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.example === state.evalExample)));
      drops.hidden = state.evalExample !== 'files';
      const key = [state.evalExample, state.evalInput, state.evalBinning, state.evalBins, state.evalNormalize, state.unit].join('/');
      if (key !== runKey) {
        runKey = key;
        run();
      }
    },
    dispose() {
      worker?.terminate();
    },
  };
};

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
