import type { Translate } from '../i18n/translate.js';
import type { LabUnit } from '../state/labState.js';
import { h } from '../ui/h.js';
import type { CrossEntropyArea } from './crossEntropyArea.js';
import { crossEntropyFormulaTex, type FormulaTex } from './crossEntropyFormula.js';
import './crossEntropyFormulaView.css';

export interface FormulaView {
  element: HTMLElement;
  update(area: CrossEntropyArea, q: readonly number[], unit: LabUnit): void;
  dispose(): void;
}

/**
 * H(p,q) = Σ p_k log(1/q_k) typeset by KaTeX with the current numbers substituted, redrawn
 * at most once a frame while the bars are dragged. KaTeX is a chunk of its own, fetched
 * when the formula is first shown; until then the formula is plain text.
 */
export function createFormulaView(t: Translate): FormulaView {
  const definition = h('div', { class: 'formula-definition' });
  const substituted = h('div', { class: 'formula-line formula-substituted' });
  const values = h('div', { class: 'formula-line formula-values' });
  const total = h('span', { class: 'formula-total-tex' });
  const unitText = h('span', { class: 'formula-unit' });
  const element = h(
    'figure',
    { class: 'formula', 'data-view': 'cross-entropy-formula' },
    h('figcaption', {}, t('area.formulaTitle')),
    definition,
    substituted,
    h('div', { class: 'formula-line' }, values),
    h('div', { class: 'formula-line formula-total' }, total, ' ', unitText),
  );

  let renderTex: ((el: HTMLElement, tex: string, display?: boolean) => void) | undefined;
  let latest: { tex: FormulaTex; unit: LabUnit } | undefined;
  let frame: number | undefined;
  let disposed = false;

  const plain = (tex: string) => tex.replace(/\\cdot/g, '·').replace(/\\,/g, ' ').replace(/\\d?frac\{1\}\{([^}]*)\}/g, '(1/$1)').replace(/\\sum_k/g, 'Σ').replace(/\\log_2/g, 'log₂').replace(/\\ln/g, 'ln').replace(/\\infty/g, '∞').replace(/\\times 10\^\{([^}]*)\}/g, 'e$1').replace(/[{}]/g, '');
  function paint(): void {
    frame = undefined;
    if (!latest || disposed) return;
    const { tex, unit } = latest;
    const put = (el: HTMLElement, s: string, display = false) => (renderTex ? renderTex(el, s, display) : (el.textContent = plain(s)));
    put(definition, tex.definition, true);
    put(substituted, `= ${tex.substituted.join(' + ')}`);
    put(values, `= ${tex.values.join(' + ')}`);
    put(total, `= ${tex.total}`);
    element.dataset.total = tex.total === '\\infty' ? 'Infinity' : tex.total;
    unitText.textContent = t(unit === 'bits' ? 'unit.bits' : 'unit.nats');
  }

  import('./renderTex.js')
    .then((m) => {
      renderTex = m.renderTex;
      paint();
    })
    .catch((e: unknown) => {
      // The plain-text formula stays; the failure is a bug to see in the console.
      console.error(e);
    });

  return {
    element,
    update(area, q, unit) {
      latest = { tex: crossEntropyFormulaTex(area, q, unit), unit };
      if (frame === undefined) frame = requestAnimationFrame(paint);
    },
    dispose() {
      disposed = true;
      if (frame !== undefined) cancelAnimationFrame(frame);
    },
  };
}
