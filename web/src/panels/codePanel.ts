import compressBytesSource from '../../../src/coding/arithmetic/compressBytes.ts?raw';
import {
  ByteCostTracker,
  compressBytes,
  decompressBytes,
  MIXER_COSTS,
  MODEL_NAMES,
  type CompressionReport,
  type MixerCost,
  type ModelName,
} from '../../../src/coding/index.js';
import type { MessageKey } from '../i18n/messages.js';
import { MAX_TEXT_LENGTH, type LabState } from '../state/labState.js';
import { formatMeasure } from '../ui/formatMeasure.js';
import { h } from '../ui/h.js';
import { barsPerChar } from '../widgets/barsPerChar.js';
import { gzipSize } from '../widgets/gzipSize.js';
import { mountExercise } from '../exercises/mountExercise.js';
import { smallerFileExercise } from './codeExercise.js';
import { CODE_SAMPLES } from './codeSamples.js';
import { createSurpriseView } from './surpriseView.js';
import type { CreatePanel } from './Panel.js';

const MODEL_TEXT: Record<ModelName, MessageKey> = {
  order0: 'code.order0',
  order1: 'code.order1',
  order2: 'code.order2',
  order3: 'code.order3',
  cm: 'code.cm',
};

const COLORS = { original: '#8d99ae', gzip: '#6c757d', file: '#1f6f9f', payload: '#2a9d8f', crossEntropy: '#c0392b' };

interface Result {
  text: string;
  model: ModelName;
  mixerCost: MixerCost;
  /** cm's cross-entropy on the text under each mixer rule. */
  mixerBits: Record<MixerCost, number>;
  chars: number;
  report: CompressionReport;
  roundTrip: boolean;
}

/** `#/code`: the arithmetic coder's real output next to the model's cross-entropy. */
export const createCodePanel: CreatePanel = (ctx) => {
  const { t } = ctx;
  const encoder = new TextEncoder();

  const textarea = h('textarea', { id: 'code-text', rows: 6, maxlength: MAX_TEXT_LENGTH, spellcheck: 'false' });
  textarea.addEventListener('input', () => ctx.set({ text: textarea.value }));
  const modelSelect = h('select', { id: 'code-model' }, ...MODEL_NAMES.map((m) => h('option', { value: m }, t(MODEL_TEXT[m]))));
  modelSelect.addEventListener('change', () => ctx.set({ model: modelSelect.value as ModelName }));
  const sample = (key: MessageKey, text: string) => h('button', { type: 'button', class: 'chip', onclick: () => ctx.set({ text }) }, t(key));
  const counts = h('p', { class: 'hint counts', 'aria-live': 'polite' });

  const cell = () => h('td', { class: 'num' });
  const rows = (['original', 'gzip', 'file', 'payload', 'crossEntropy'] as const).map((key) => {
    const bytes = cell();
    const perChar = cell();
    return { key, bytes, perChar, tr: h('tr', { class: `row-${key}` }, h('th', { scope: 'row' }, h('span', { class: `dot dot-${key}` }), t(`code.${key}`)), bytes, perChar) };
  });
  const table = h(
    'table',
    { class: 'sizes' },
    h('caption', {}, t('code.sizes')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('code.colWhat')), h('th', { scope: 'col', class: 'num' }, t('code.colBytes')), h('th', { scope: 'col', class: 'num' }, t('code.colPerChar')))),
    h('tbody', {}, ...rows.map((r) => r.tr)),
  );
  const surprise = createSurpriseView(t);
  // The mixer's rule is the panel's own choice (not in the URL): it only changes cm.
  let mixerCost: MixerCost = 'cross-entropy';
  const mixerValues = new Map<MixerCost, HTMLElement>();
  const mixerRadios = MIXER_COSTS.map((cost) => {
    const input = h('input', { type: 'radio', name: 'code-mixer', value: cost, id: `code-mixer-${cost}`, checked: cost === mixerCost });
    input.addEventListener('change', () => {
      if (!input.checked) return;
      mixerCost = cost;
      compute(ctx.state());
    });
    const value = h('span', { class: 'mixer-bits num' });
    mixerValues.set(cost, value);
    return h(
      'label',
      { class: 'mixer-choice', for: `code-mixer-${cost}` },
      input,
      ' ',
      t(cost === 'cross-entropy' ? 'code.mixerCrossEntropy' : 'code.mixerQuadratic'),
      ': ',
      value,
    );
  });
  const mixerDiff = h('p', { class: 'mixer-diff', 'aria-live': 'polite' });
  const mixerNote = h('p', { class: 'hint mixer-note' });
  const mixerCard = h(
    'div',
    { class: 'card mixer' },
    h('h3', {}, t('code.mixerTitle')),
    h('p', {}, t('code.mixerIntro')),
    h('fieldset', { class: 'mixer-switch' }, h('legend', {}, t('code.mixerLabel')), ...mixerRadios),
    mixerDiff,
    mixerNote,
  );
  const agreement = h('p', { class: 'agreement' });
  const roundTrip = h('p', { class: 'round-trip' });
  const chartBox = h('div', { class: 'chart code-chart' });

  const element = h(
    'section',
    { class: 'panel panel-code', 'aria-labelledby': 'panel-title' },
    h('h2', { id: 'panel-title' }, t('code.title')),
    h('p', { class: 'intro' }, t('code.intro')),
    h(
      'div',
      { class: 'card code-input' },
      h('label', { for: 'code-text', class: 'field-label' }, t('code.textLabel', { max: MAX_TEXT_LENGTH })),
      textarea,
      counts,
      h(
        'div',
        { class: 'presets', role: 'group', 'aria-label': t('code.samples') },
        h('span', { class: 'group-label' }, t('code.samples')),
        sample('code.sampleEnglish', CODE_SAMPLES.english),
        sample('code.sampleChinese', CODE_SAMPLES.chinese),
        sample('code.sampleRepeat', CODE_SAMPLES.repetitive),
        sample('code.sampleRandom', CODE_SAMPLES.random),
      ),
      h('label', { for: 'code-model', class: 'field-label' }, t('code.model')),
      modelSelect,
    ),
    mountExercise(smallerFileExercise(ctx), t),
    h('div', { class: 'card code-results' }, table, agreement, roundTrip, chartBox),
    surprise.element,
    mixerCard,
    h('details', { class: 'source' }, h('summary', {}, t('code.source')), h('pre', { tabindex: 0 }, h('code', {}, compressBytesSource.trim()))),
  );

  let result: Result | undefined;
  let gzipBytes: number | undefined;
  let gzipFor = '';
  let computeTimer: number | undefined;
  // Per keystroke only the bytes from a little before the edit are modelled again (the
  // costs are the same as byteCosts from scratch).
  const cmTrackers = Object.fromEntries(MIXER_COSTS.map((cost) => [cost, new ByteCostTracker({ model: 'cm', mixerCost: cost })])) as Record<MixerCost, ByteCostTracker>;
  const modelTrackers = Object.fromEntries(MODEL_NAMES.map((model) => [model, new ByteCostTracker({ model })])) as Record<ModelName, ByteCostTracker>;

  function compute(state: LabState): void {
    const bytes = encoder.encode(state.text);
    const report = compressBytes(bytes, { model: state.model, mixerCost });
    const back = decompressBytes(report.bytes);
    const cmCosts = Object.fromEntries(MIXER_COSTS.map((cost) => [cost, cmTrackers[cost].costs(bytes)])) as Record<MixerCost, Float64Array>;
    const costs = state.model === 'cm' ? cmCosts[mixerCost] : modelTrackers[state.model].costs(bytes);
    surprise.show({ text: state.text, bytes, costs, model: state.model, mixerCost });
    const sum = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0);
    result = {
      text: state.text,
      model: state.model,
      mixerCost,
      mixerBits: { 'cross-entropy': sum(cmCosts['cross-entropy']), quadratic: sum(cmCosts.quadratic) },
      chars: [...state.text].length,
      report,
      roundTrip: back.length === bytes.length && back.every((b, i) => b === bytes[i]),
    };
    if (gzipFor !== state.text) {
      const text = state.text;
      gzipFor = text;
      gzipBytes = undefined;
      void gzipSize(bytes).then((size) => {
        // A newer text may have been typed while this one was compressing.
        if (gzipFor !== text) return;
        gzipBytes = size ?? -1;
        show();
      });
    }
    show();
  }

  function show(): void {
    if (!result) return;
    const { report, chars } = result;
    const perChar = (bits: number) => (chars > 0 ? formatMeasure(bits / chars, 2) : '—');
    counts.textContent = chars === 0 ? t('code.empty') : t('code.counts', { chars, bytes: report.inputBytes });
    const values: Record<(typeof rows)[number]['key'], { bytes: string; bits: number }> = {
      original: { bytes: String(report.inputBytes), bits: report.inputBytes * 8 },
      gzip:
        gzipBytes === undefined
          ? { bytes: '…', bits: NaN }
          : gzipBytes < 0
            ? { bytes: t('code.noGzip'), bits: NaN }
            : { bytes: String(gzipBytes), bits: gzipBytes * 8 },
      file: { bytes: String(report.outputBytes), bits: report.outputBytes * 8 },
      payload: { bytes: String(report.payloadBytes), bits: report.payloadBits },
      crossEntropy: { bytes: formatMeasure(report.crossEntropyBits / 8, 1), bits: report.crossEntropyBits },
    };
    for (const r of rows) {
      r.bytes.textContent = values[r.key].bytes;
      r.perChar.textContent = Number.isFinite(values[r.key].bits) ? perChar(values[r.key].bits) : '—';
    }
    const gap = report.payloadBits - report.crossEntropyBits;
    agreement.textContent =
      chars === 0
        ? ''
        : t('code.agreement', {
            gap: formatMeasure(gap, 1),
            ratio: report.crossEntropyBits > 0 ? `${((100 * gap) / report.crossEntropyBits).toFixed(2)}%` : '—',
            header: report.headerBytes,
            table: report.model === 'order0' ? t('code.tableNote') : '',
          });
    roundTrip.textContent = result.roundTrip ? `✓ ${t('code.roundTrip')}` : `✗ ${t('code.roundTripFailed')}`;
    roundTrip.classList.toggle('failed', !result.roundTrip);
    for (const cost of MIXER_COSTS) {
      const bits = result.mixerBits[cost];
      mixerValues.get(cost)!.textContent = t('code.mixerBits', { bits: formatMeasure(bits, 1), perChar: chars > 0 ? formatMeasure(bits / chars, 3) : '—' });
    }
    const diff = result.mixerBits.quadratic - result.mixerBits['cross-entropy'];
    const percent = result.mixerBits['cross-entropy'] > 0 ? `${((100 * diff) / result.mixerBits['cross-entropy']).toFixed(2)}%` : '—';
    mixerDiff.textContent = chars === 0 ? '' : t(diff >= 0 ? 'code.mixerDiff' : 'code.mixerDiffLess', { diff: formatMeasure(Math.abs(diff), 1), percent });
    mixerNote.textContent = result.model === 'cm' ? '' : t('code.mixerOnlyCm');
    drawChart(values);
  }

  let chartWidth = 0;
  let lastValues: Parameters<typeof drawChart>[0] | undefined;
  function drawChart(values: Record<string, { bits: number }>): void {
    lastValues = values;
    if (!result || result.chars === 0) {
      chartBox.replaceChildren();
      return;
    }
    const chars = result.chars;
    chartWidth = chartBox.clientWidth || chartWidth || 320;
    chartBox.replaceChildren(
      barsPerChar({
        width: chartWidth,
        xLabel: t('code.chartX'),
        // The chart's sentence: each bar's label and value, as the table beside it.
        ariaLabel: `${t('code.chartLabel')}: ${rows.map((r) => `${t(`code.${r.key}`)} ${(values[r.key].bits / chars).toFixed(2)}`).join(t('guess.listSep'))}`,
        rows: rows.map((r) => ({ label: t(`code.${r.key}`), value: values[r.key].bits / chars, color: COLORS[r.key] })),
      }),
    );
  }

  const resizeObserver = new ResizeObserver(() => lastValues && chartBox.clientWidth !== chartWidth && drawChart(lastValues));
  resizeObserver.observe(chartBox);

  return {
    element,
    update(state) {
      if (document.activeElement !== textarea && textarea.value !== state.text) textarea.value = state.text;
      modelSelect.value = state.model;
      if (result && result.text === state.text && result.model === state.model && result.mixerCost === mixerCost) return;
      // Compress at most every 150 ms while typing; the first result comes at once.
      if (result === undefined) compute(state);
      else {
        window.clearTimeout(computeTimer);
        computeTimer = window.setTimeout(() => compute(ctx.state()), 150);
      }
    },
    dispose() {
      window.clearTimeout(computeTimer);
      surprise.dispose();
      resizeObserver.disconnect();
    },
  };
};
