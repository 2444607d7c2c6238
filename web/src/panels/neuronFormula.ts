import './neuronFormula.css';
import type { NeuronCostName } from '../../../src/nn/neuron.js';
import { bookWidgetStep } from '../../../src/experiments/neuronStepRule.js';
import type { Translate } from '../i18n/translate.js';
import type { LabState } from '../state/labState.js';
import { formatSignificant } from '../ui/formatSignificant.js';
import { h } from '../ui/h.js';
import { neuronStepNumbers, type NeuronStepNumbers } from './neuronStepNumbers.js';
import type { NeuronRuns } from './neuronRuns.js';

/** A number in TeX, to three significant digits: 1.2\times10^{-5} rather than 1.2e-5. */
export function texNumber(v: number): string {
  if (Number.isNaN(v)) return '\\text{—}';
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) {
    const [mantissa, exponent] = v.toExponential(2).split('e');
    return `${String(Number(mantissa))}\\times10^{${Number(exponent)}}`;
  }
  return formatSignificant(v, 3).replace('−', '-');
}

/** A factor in a product: negative numbers in parentheses. */
const factor = (v: number) => (v < 0 ? `(${texNumber(v)})` : texNumber(v));

const DCDZ = String.raw`\frac{\partial C}{\partial z}`;
const DCDA = String.raw`\frac{\partial C}{\partial a}`;

/**
 * The step of one cost at one epoch as TeX, one short line each so that it fits a
 * phone: a and σ′(z) at this z, ∂C/∂z by its formula and with the numbers in, then the
 * changes of w and b. With `book`, the cross-entropy's step is the widget's ∂C/∂a.
 */
export function neuronStepTex(cost: NeuronCostName, n: NeuronStepNumbers, eta: number, x: number, book = false): string {
  const lines = [String.raw`a &= \sigma(${texNumber(n.z)}) = ${texNumber(n.a)}`, String.raw`\sigma'(z) &= a(1-a) = ${texNumber(n.sigmaPrime)}`];
  let used = DCDZ;
  if (cost === 'quadratic') {
    lines.push(String.raw`${DCDZ} &= (a-y)\,\sigma'(z)`, String.raw`&= (${texNumber(n.a)} - ${texNumber(n.y)}) \times ${texNumber(n.sigmaPrime)}`, String.raw`&= ${texNumber(n.dCdz)}`);
  } else if (!book) {
    lines.push(String.raw`${DCDZ} &= a-y`, String.raw`&= ${texNumber(n.a)} - ${texNumber(n.y)} = ${texNumber(n.dCdz)}`);
  } else {
    used = DCDA;
    lines.push(String.raw`${DCDA} &= \frac{a-y}{a(1-a)}`, String.raw`&= \frac{${texNumber(n.a)} - ${texNumber(n.y)}}{${texNumber(n.sigmaPrime)}} = ${texNumber(n.step)}`);
  }
  lines.push(
    String.raw`\Delta w &= -\eta\,${used}\,x`,
    String.raw`&= -${texNumber(eta)} \times ${factor(n.step)} \times ${factor(x)}`,
    String.raw`&= ${texNumber(n.dw)}`,
    String.raw`\Delta b &= -\eta\,${used} = ${texNumber(n.db)}`,
  );
  return String.raw`\begin{aligned} ${lines.join(' \\\\ ')} \end{aligned}`;
}

/** The same step as plain text, shown until KaTeX has loaded and read by the e2e test. */
export function neuronStepPlain(cost: NeuronCostName, n: NeuronStepNumbers, eta: number, x: number, book = false): string {
  const f = (v: number) => formatSignificant(v, 3);
  const head = `a = σ(${f(n.z)}) = ${f(n.a)}, σ′(z) = ${f(n.sigmaPrime)}; `;
  const grad =
    cost === 'quadratic'
      ? `∂C/∂z = (a − y)σ′(z) = ${f(n.dCdz)}`
      : book
        ? `∂C/∂a = (a − y)/(a(1 − a)) = ${f(n.step)}`
        : `∂C/∂z = a − y = ${f(n.dCdz)}`;
  return `${head}${grad}; Δw = −η·${book && cost !== 'quadratic' ? '∂C/∂a' : '∂C/∂z'}·x = ${f(n.dw)}, Δb = ${f(n.db)} (η = ${f(eta)}, x = ${f(x)})`;
}

const COSTS: NeuronCostName[] = ['quadratic', 'cross-entropy'];

/**
 * #/neuron's moving formula: both costs' step at the shown epoch, with the numbers of
 * that epoch in it. KaTeX is a chunk of its own, loaded here; until it arrives the step
 * is shown as plain text.
 */
export function neuronFormula(t: Translate, costLabel: (cost: NeuronCostName) => string) {
  const title = h('h3', {});
  const boxes = COSTS.map((cost) => h('div', { class: 'tex tex-block neuron-step-tex', 'data-formula': cost, 'aria-live': 'off' }));
  const heads = COSTS.map((cost) => h('h4', { class: `formula-head swatch-${cost}` }));
  const ratio = h('p', { class: 'caption', 'data-formula': 'ratio' });
  const bookNote = h('p', { class: 'note', hidden: true }, t('neuron.formula.book'));
  const element = h(
    'section',
    { class: 'card neuron-formula' },
    title,
    h('p', { class: 'hint' }, t('neuron.formula.text')),
    h('div', { class: 'neuron-formula-columns' }, ...COSTS.map((_, i) => h('div', { class: 'neuron-formula-cost' }, heads[i], boxes[i]))),
    ratio,
    bookNote,
  );
  let render: ((el: HTMLElement, tex: string) => void) | undefined;
  let last: { state: LabState; runs: NeuronRuns } | undefined;
  let disposed = false;
  import('../widgets/renderTex.js')
    .then(({ renderTex }) => {
      if (disposed) return;
      render = (el, tex) => renderTex(el, tex, true);
      if (last) update(last.state, last.runs);
    })
    .catch(() => {
      // The plain text stays: the step is still readable without KaTeX.
    });

  function update(state: LabState, runs: NeuronRuns): void {
    last = { state, runs };
    const book = state.step === 'book';
    title.textContent = t('neuron.formula.title', { at: state.at });
    bookNote.hidden = !book;
    const numbers = COSTS.map((cost) => {
      const row = (cost === 'quadratic' ? runs.quadratic : runs.crossEntropy).trace[state.at];
      return neuronStepNumbers(cost, row.z, state.ny, state.eta, state.nx, book && cost === 'cross-entropy' ? bookWidgetStep : undefined);
    });
    COSTS.forEach((cost, i) => {
      heads[i].textContent = costLabel(cost);
      const n = numbers[i];
      const b = book && cost === 'cross-entropy';
      boxes[i].dataset.plain = neuronStepPlain(cost, n, state.eta, state.nx, b);
      if (render) render(boxes[i], neuronStepTex(cost, n, state.eta, state.nx, b));
      else boxes[i].textContent = boxes[i].dataset.plain;
    });
    const [q, xe] = numbers;
    ratio.textContent =
      q.dw === 0 ? t('neuron.formula.ratioNone', { at: state.at }) : t('neuron.formula.ratio', { at: state.at, ratio: formatSignificant(Math.abs(xe.dw / q.dw), 3) });
  }

  return {
    element,
    update,
    dispose() {
      disposed = true;
    },
  };
}
