import { BINNINGS, INPUT_KINDS, type Binning, type InputKind } from '../../../src/eval/EvalOptions.js';
import type { EvalReport } from '../../../src/eval/EvalReport.js';
import { reliabilityFigure, type ReliabilityTexts } from '../../../src/eval/reliabilityFigure.js';
import { figureSvg } from '../../../src/plot/figureSvg.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Translate } from '../i18n/translate.js';
import { h } from '../ui/h.js';
import type { CreatePanel } from './Panel.js';
import type { EvalRequest, EvalResponse } from './evalWorker.js';
import './evalPanel.css';

const INPUT_TEXT: Record<InputKind, MessageKey> = { probs: 'eval.inputProbs', logits: 'eval.inputLogits', 'log-probs': 'eval.inputLogProbs' };
const BINNING_TEXT: Record<Binning, MessageKey> = { uniform: 'eval.binningUniform', quantile: 'eval.binningQuantile' };

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

function fmt(x: number, digits = 6): string {
  if (!Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(digits)));
}

/**
 * `#/eval`: drop a predictions file and a labels file; a worker streams them through
 * the engine of `xent eval` and the page shows its figures and reliability diagram.
 */
export const createEvalPanel: CreatePanel = (ctx) => {
  const { t } = ctx;
  const files: { pred?: File; labels?: File } = {};

  const zone = (which: 'pred' | 'labels') => {
    const input = h('input', { type: 'file', id: `eval-${which}`, class: 'eval-file', accept: '.csv,.tsv,.txt,.json,.jsonl,.ndjson,.npy' });
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
  const binsInput = h('input', { id: 'eval-bins', type: 'number', min: 1, max: 100, value: 15, inputmode: 'numeric' });
  for (const control of [inputSelect, binningSelect, binsInput]) control.addEventListener('change', () => run());

  const status = h('p', { class: 'eval-status', role: 'status', 'aria-live': 'polite' }, t('eval.waiting'));
  const results = h('div', { class: 'eval-results', hidden: true });
  const figure = h('div', { class: 'chart eval-figure' });

  const element = h(
    'section',
    { class: 'panel panel-eval', 'aria-labelledby': 'panel-title' },
    h('h2', { id: 'panel-title' }, t('eval.title')),
    h('p', { class: 'intro' }, t('eval.intro')),
    h('p', { class: 'eval-privacy' }, t('eval.privacy')),
    h('div', { class: 'eval-drops' }, zone('pred'), zone('labels')),
    h(
      'div',
      { class: 'card eval-options' },
      h('label', { for: 'eval-input', class: 'field-label' }, t('eval.input')),
      inputSelect,
      h('label', { for: 'eval-binning', class: 'field-label' }, t('eval.binning')),
      binningSelect,
      h('label', { for: 'eval-bins', class: 'field-label' }, t('eval.bins')),
      binsInput,
    ),
    status,
    results,
    figure,
    h('p', { class: 'hint eval-fig-hint' }, t('eval.figHint')),
    h('p', { class: 'hint' }, t('eval.formats')),
  );

  let worker: Worker | undefined;
  let job = 0;
  function run(): void {
    if (files.pred === undefined || files.labels === undefined) return;
    worker?.terminate();
    const mine = ++job;
    worker = new Worker(new URL('./evalWorker.ts', import.meta.url), { type: 'module' });
    const bins = Number(binsInput.value);
    const request: EvalRequest = {
      pred: files.pred,
      labels: files.labels,
      options: { input: inputSelect.value as InputKind, binning: binningSelect.value as Binning, bins, unit: ctx.state().unit },
    };
    status.textContent = t('eval.running', { rows: 0 });
    status.classList.remove('error');
    worker.onmessage = (e: MessageEvent<EvalResponse>) => {
      if (mine !== job) return;
      const m = e.data;
      if (m.kind === 'progress') status.textContent = t('eval.running', { rows: m.rows.toLocaleString() });
      else if (m.kind === 'error') {
        status.textContent = t('eval.error', { message: m.message });
        status.classList.add('error');
        results.hidden = true;
        figure.replaceChildren();
      } else show(m.report);
      if (m.kind !== 'progress') worker?.terminate();
    };
    worker.postMessage(request);
  }

  function show(r: EvalReport): void {
    status.textContent = t('eval.done', { rows: r.n.toLocaleString() });
    const unit = t(r.unit === 'bits' ? 'unit.bits' : 'unit.nats');
    const row = (key: string, label: string, value: number, desc: string, suffix = '') =>
      h('tr', { class: `eval-${key}` }, h('th', { scope: 'row' }, label), h('td', { class: 'num value', 'data-value': String(value) }, fmt(value) + suffix), h('td', { class: 'desc' }, desc));
    results.replaceChildren(
      h(
        'table',
        { class: 'sizes eval-table' },
        h('caption', {}, t('eval.figures', { n: r.n.toLocaleString(), classes: r.classes })),
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
        ),
      ),
    );
    results.hidden = false;
    figure.innerHTML = figureSvg(reliabilityFigure(r, figureTexts(t), 'eval-fig'));
    const svg = figure.querySelector('svg');
    if (svg !== null) {
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', t('eval.figTitle'));
      svg.removeAttribute('width');
      svg.removeAttribute('height');
    }
  }

  let unit = ctx.state().unit;
  return {
    element,
    update(state) {
      if (state.unit !== unit) {
        unit = state.unit;
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
