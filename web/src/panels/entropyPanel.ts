import crossEntropySource from '../../../src/core/info/crossEntropy.ts?raw';
import { XentError } from '../../../src/core/XentError.js';
import type { MessageKey } from '../i18n/messages.js';
import { parseDistribution } from '../state/parseDistribution.js';
import { MAX_OUTCOMES, MIN_OUTCOMES, WORKED_P, WORKED_Q, type LabState } from '../state/labState.js';
import { formatMeasure } from '../ui/formatMeasure.js';
import { formatProbability } from '../ui/formatProbability.js';
import { h } from '../ui/h.js';
import { mountExercise } from '../exercises/mountExercise.js';
import { createBarEditor } from '../widgets/barEditor.js';
import { crossEntropyArea } from '../widgets/crossEntropyArea.js';
import { createCrossEntropyAreaView } from '../widgets/crossEntropyAreaView.js';
import { createFormulaView } from '../widgets/crossEntropyFormulaView.js';
import { addOutcome, oneHot, removeOutcome, uniform } from '../widgets/setProbability.js';
import { stackedBars } from '../widgets/stackedBars.js';
import { entropyExercises } from './entropyExercises.js';
import { measuresOf, type Measures } from './measuresOf.js';
import type { CreatePanel } from './Panel.js';

const MEASURES: { key: keyof Measures; symbol: string; text: MessageKey }[] = [
  { key: 'hp', symbol: 'H(p)', text: 'measure.hp' },
  { key: 'hq', symbol: 'H(q)', text: 'measure.hq' },
  { key: 'hpq', symbol: 'H(p,q)', text: 'measure.hpq' },
  { key: 'hqp', symbol: 'H(q,p)', text: 'measure.hqp' },
  { key: 'klpq', symbol: 'KL(p‖q)', text: 'measure.klpq' },
  { key: 'klqp', symbol: 'KL(q‖p)', text: 'measure.klqp' },
  { key: 'js', symbol: 'JS(p,q)', text: 'measure.js' },
];

const P_COLOR = '#1f6f9f';
const Q_COLOR = '#d9822b';

/** `#/entropy`: edit p and q, watch entropy, cross-entropy and the divergences live. */
export const createEntropyPanel: CreatePanel = (ctx) => {
  const { t } = ctx;
  const unitName = () => t(ctx.state().unit === 'bits' ? 'unit.bits' : 'unit.nats');

  const editor = (name: 'p' | 'q') => {
    const title = t(name === 'p' ? 'entropy.pTitle' : 'entropy.qTitle');
    const bars = createBarEditor({
      label: title,
      barLabel: (k) => `${name}(${String.fromCharCode(65 + k)})`,
      className: `bars-${name}`,
      values: ctx.state()[name],
      onChange: (values) => ctx.set({ [name]: values }),
    });
    const inputId = `type-${name}`;
    const input = h('input', { id: inputId, type: 'text', spellcheck: 'false', autocomplete: 'off', class: 'typed', 'aria-describedby': `${inputId}-error` });
    const error = h('p', { class: 'field-error', id: `${inputId}-error`, 'aria-live': 'polite' });
    const commit = () => {
      try {
        const d = parseDistribution(input.value.split(/[,，、\s]+/).filter((s) => s !== ''), name);
        const other = name === 'p' ? 'q' : 'p';
        const patch: Partial<LabState> = { [name]: d };
        // A new length for one distribution resizes the other (uniform) so they stay comparable.
        if (d.length !== ctx.state()[other].length) patch[other] = uniform(d.length);
        error.textContent = '';
        input.removeAttribute('aria-invalid');
        ctx.set(patch);
      } catch (e) {
        if (!(e instanceof XentError)) throw e;
        // The library's message is English; the page says the same in the reader's language.
        const where = typeof e.index === 'number' ? t('entropy.typeWhere', { i: e.index + 1 }) : '';
        error.textContent = t('entropy.typeInvalid', { where });
        input.setAttribute('aria-invalid', 'true');
      }
    };
    input.addEventListener('change', commit);
    input.addEventListener('keydown', (e) => e.key === 'Enter' && commit());
    const element = h(
      'figure',
      { class: `editor editor-${name}` },
      h('figcaption', {}, h('strong', {}, title), ' ', h('span', { class: 'hint' }, t(name === 'p' ? 'entropy.pHint' : 'entropy.qHint'))),
      bars.element,
      h('label', { for: inputId, class: 'typed-label' }, t('entropy.typeLabel', { name })),
      input,
      error,
    );
    const show = (values: readonly number[]) => {
      bars.update(values);
      if (document.activeElement !== input) {
        input.value = values.map(formatProbability).join(', ');
        error.textContent = '';
        input.removeAttribute('aria-invalid');
      }
    };
    return { element, show, bars };
  };

  const pEditor = editor('p');
  const qEditor = editor('q');

  const preset = (key: MessageKey, hint: MessageKey, action: () => Partial<LabState>) =>
    h('button', { type: 'button', class: 'chip', title: t(hint), onclick: () => ctx.set(action()) }, t(key));
  const n = () => ctx.state().p.length;
  const presets = h(
    'div',
    { class: 'presets', role: 'group', 'aria-label': t('entropy.presets') },
    h('span', { class: 'group-label' }, t('entropy.presets')),
    preset('preset.worked', 'preset.workedHint', () => ({ p: [...WORKED_P], q: [...WORKED_Q] })),
    preset('preset.uniform', 'preset.uniformHint', () => ({ p: uniform(n()), q: uniform(n()) })),
    preset('preset.oneHot', 'preset.oneHotHint', () => ({ p: oneHot(n()), q: uniform(n()) })),
    preset('preset.qIsP', 'preset.qIsPHint', () => ({ q: [...ctx.state().p] })),
    preset('preset.swap', 'preset.swapHint', () => ({ p: ctx.state().q, q: ctx.state().p })),
  );

  const count = h('output', { class: 'count', 'aria-live': 'polite' });
  const fewer = h('button', { type: 'button', class: 'step', 'aria-label': t('entropy.fewer'), onclick: () => resize(-1) }, '−');
  const more = h('button', { type: 'button', class: 'step', 'aria-label': t('entropy.more'), onclick: () => resize(1) }, '+');
  function resize(delta: number): void {
    const { p, q } = ctx.state();
    if (delta > 0 && p.length < MAX_OUTCOMES) ctx.set({ p: addOutcome(p), q: addOutcome(q) });
    if (delta < 0 && p.length > MIN_OUTCOMES) ctx.set({ p: removeOutcome(p), q: removeOutcome(q) });
  }
  const outcomes = h('div', { class: 'outcomes' }, h('span', { class: 'group-label' }, t('entropy.outcomes')), fewer, count, more);

  const cards = MEASURES.map((m) => {
    const value = h('span', { class: 'value' });
    const unit = h('span', { class: 'unit' });
    const card = h(
      'div',
      { class: `measure measure-${m.key}`, 'data-measure': m.key },
      h('div', { class: 'measure-head' }, h('span', { class: 'symbol' }, m.symbol), h('span', { class: 'reading' }, value, ' ', unit)),
      h('p', { class: 'desc' }, t(m.text)),
    );
    return { m, card, value, unit };
  });

  const exercises = entropyExercises(ctx);
  const areaView = createCrossEntropyAreaView({ t });
  const formulaView = createFormulaView(t);

  const chartBox = h('div', { class: 'stack-chart' });
  const stackNote = h('p', { class: 'stack-note', 'aria-live': 'polite' });

  const element = h(
    'section',
    { class: 'panel panel-entropy', 'aria-labelledby': 'panel-title' },
    h('h2', { id: 'panel-title' }, t('entropy.title')),
    h('p', { class: 'intro' }, t('entropy.intro')),
    mountExercise(exercises.dropQ, t),
    presets,
    h('div', { class: 'editors' }, pEditor.element, qEditor.element),
    h('div', { class: 'editor-tools' }, outcomes, h('p', { class: 'hint drag-hint' }, t('entropy.dragHint'))),
    h('section', { class: 'area' }, h('h3', {}, t('area.title')), h('p', { class: 'caption' }, t('area.text')), areaView.element, formulaView.element),
    mountExercise(exercises.zeroQ, t),
    h('h3', {}, t('measures.title')),
    h('div', { class: 'measures' }, ...cards.map((c) => c.card)),
    h('section', { class: 'stack' }, h('h3', {}, t('stack.title')), chartBox, stackNote, h('p', { class: 'caption' }, t('stack.caption'))),
    h(
      'details',
      { class: 'source' },
      h('summary', {}, t('source.title')),
      h('pre', { tabindex: 0 }, h('code', {}, crossEntropySource.trim())),
    ),
  );

  let chartWidth = 0;
  function drawChart(state: LabState, m: Measures): void {
    chartWidth = chartBox.clientWidth || chartWidth || 320;
    const chart = stackedBars({
      width: chartWidth,
      minDomain: Math.log(state.p.length) / (state.unit === 'bits' ? Math.LN2 : 1),
      unitLabel: unitName(),
      ariaLabel: `H(p,q) ${formatMeasure(m.hpq)} = H(p) ${formatMeasure(m.hp)} + KL(p‖q) ${formatMeasure(m.klpq)}`,
      rows: [
        { label: 'H(p,q)', base: m.hp, baseLabel: 'H(p)', extra: m.klpq, extraLabel: 'KL', color: P_COLOR },
        { label: 'H(q,p)', base: m.hq, baseLabel: 'H(q)', extra: m.klqp, extraLabel: 'KL', color: Q_COLOR },
      ],
    });
    chartBox.replaceChildren(chart);
    stackNote.textContent = Number.isFinite(m.klpq) && Number.isFinite(m.klqp) ? '' : t('measure.infinite');
  }

  let last: LabState | undefined;
  function update(state: LabState): void {
    pEditor.show(state.p);
    qEditor.show(state.q);
    count.textContent = String(state.p.length);
    fewer.disabled = state.p.length <= MIN_OUTCOMES;
    more.disabled = state.p.length >= MAX_OUTCOMES;
    const m = measuresOf(state.p, state.q, state.unit);
    for (const c of cards) {
      c.value.textContent = formatMeasure(m[c.m.key]);
      c.unit.textContent = unitName();
    }
    drawChart(state, m);
    areaView.update(state.p, state.q, state.unit);
    formulaView.update(crossEntropyArea(state.p, state.q, state.unit), state.q, state.unit);
    last = state;
  }

  // The chart is drawn for a pixel width; redraw it when the column changes size.
  const resizeObserver = new ResizeObserver(() => {
    if (last && chartBox.clientWidth !== chartWidth) drawChart(last, measuresOf(last.p, last.q, last.unit));
  });
  resizeObserver.observe(chartBox);

  return {
    element,
    update,
    dispose: () => {
      resizeObserver.disconnect();
      areaView.dispose();
      formulaView.dispose();
    },
  };
};
