import type { Translate } from '../i18n/translate.js';
import type { Lang, UnitView } from '../state/labState.js';
import { formatCount } from '../ui/formatCount.js';
import { formatSignificant } from '../ui/formatSignificant.js';
import { h } from '../ui/h.js';
import { changeSinceStart, weightImage } from './weightImage.js';
import './unitWeights.css';

/** A few hidden units' incoming weights: unit u's weight from input i at weights[u·inputs + i]. */
export interface UnitWeightsFrame {
  epoch: number;
  done: number;
  total: number;
  count: number;
  inputs: number;
  weights: Float32Array;
}

/** One run's row: its name, and its hidden units' weights as the worker last read them and at the start. */
export interface UnitWeightsRow {
  id: string;
  name: string;
  label: string;
  units?: UnitWeightsFrame;
  start?: UnitWeightsFrame;
}

/**
 * The incoming weights of a few hidden units per run, drawn as 28 × 28 images with the
 * diverging map of weightImage, each scaled to its own largest |w| (written under it), or
 * the same for the change w − w₀ since the start; the map's legend below. `set` redraws
 * only rows whose weights (or what is shown) changed.
 */
export function unitWeightsView(t: Translate, lang: Lang, shown: number, onShow: (view: UnitView) => void) {
  const negative = h('span', {});
  const positive = h('span', {});
  const legend = h('div', { class: 'unit-legend', role: 'img', 'aria-label': t('mnist.units.legend') }, negative, h('span', { class: 'unit-legend-bar' }), positive);
  const showButtons = (['weights', 'change'] as const).map((view) =>
    h('button', { type: 'button', class: 'chip', 'data-units-view': view, onclick: () => onShow(view) }, t(view === 'weights' ? 'mnist.units.showWeights' : 'mnist.units.showChange')),
  );
  const scaleHint = h('p', { class: 'hint' });
  const rowsBox = h('div', { class: 'unit-rows' });
  const element = h(
    'div',
    { class: 'card mnist-units' },
    h('h3', { class: 'card-title' }, t('mnist.units.title')),
    h('p', { class: 'hint' }, t('mnist.units.hint', { n: shown })),
    h('div', { class: 'presets', role: 'group', 'aria-label': t('mnist.units.show') }, h('span', { class: 'group-label' }, t('mnist.units.show')), ...showButtons),
    rowsBox,
    legend,
    scaleHint,
  );
  const drawn = new Map<string, { row: HTMLElement; key: string; weights?: Float32Array }>();

  function rowElement(r: UnitWeightsRow, view: UnitView): HTMLElement {
    const units = r.units;
    const caption = units
      ? t('mnist.units.after', { epoch: units.epoch, done: formatCount(units.done, lang), total: formatCount(units.total, lang) })
      : t('mnist.units.none');
    const head = h('p', { class: 'unit-row-head' }, h('span', { class: `run-swatch run-swatch-${r.id}` }), h('strong', {}, `${r.name}: `), r.label, h('span', { class: 'unit-row-when' }, ` · ${caption}`));
    const values = units && (view === 'change' ? changeSinceStart(units.weights, r.start?.weights) : units.weights);
    const images =
      units && values
        ? Array.from({ length: units.count }, (_, u) => {
            const canvas = h('canvas', { width: 28, height: 28, class: 'unit-image', 'data-unit': u });
            const g = canvas.getContext('2d');
            const side = Math.round(Math.sqrt(units.inputs));
            const image = weightImage(values, u * units.inputs, units.inputs);
            if (g !== null && side * side === units.inputs) {
              const data = g.createImageData(side, side);
              data.data.set(image.rgba);
              g.putImageData(data, 0, 0);
            }
            const max = formatSignificant(image.maxAbs, 2);
            canvas.setAttribute('role', 'img');
            canvas.setAttribute('aria-label', t('mnist.units.unit', { u: u + 1, run: r.name, max }));
            return h('figure', { class: 'unit-figure' }, canvas, h('figcaption', {}, `±${max}`));
          })
        : [];
    return h('div', { class: 'unit-row', 'data-run': r.id, 'data-done': units ? `${units.epoch}/${units.done}` : '' }, head, h('div', { class: 'unit-images' }, ...images));
  }

  return {
    element,
    set(rows: UnitWeightsRow[], view: UnitView) {
      const w = view === 'change' ? 'w − w₀' : 'w';
      negative.textContent = t('mnist.units.negative', { w });
      positive.textContent = t('mnist.units.positive', { w });
      scaleHint.textContent = t(view === 'change' ? 'mnist.units.changeHint' : 'mnist.units.scaled');
      for (const b of showButtons) b.setAttribute('aria-pressed', String(b.dataset.unitsView === view));
      const keep: HTMLElement[] = [];
      for (const r of rows) {
        const key = `${r.name}|${r.label}|${view}`;
        const old = drawn.get(r.id);
        if (old && old.weights === r.units?.weights && old.key === key) {
          keep.push(old.row);
          continue;
        }
        const row = rowElement(r, view);
        drawn.set(r.id, { row, key, weights: r.units?.weights });
        keep.push(row);
      }
      if (rowsBox.children.length !== keep.length || keep.some((row, i) => rowsBox.children[i] !== row)) rowsBox.replaceChildren(...keep);
    },
  };
}
