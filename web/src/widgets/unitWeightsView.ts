import type { Translate } from '../i18n/translate.js';
import type { Lang } from '../state/labState.js';
import { formatCount } from '../ui/formatCount.js';
import { formatSignificant } from '../ui/formatSignificant.js';
import { h } from '../ui/h.js';
import { weightImage } from './weightImage.js';
import './unitWeights.css';

/** One run's row: its name, and its hidden units' weights as the worker last read them. */
export interface UnitWeightsRow {
  id: string;
  name: string;
  label: string;
  units?: { epoch: number; done: number; total: number; count: number; inputs: number; weights: Float32Array };
}

/**
 * The incoming weights of a few hidden units per run, drawn as 28 × 28 images with the
 * diverging map of weightImage, each scaled to its own largest |w| (written under it), and
 * the map's legend. `set` redraws only rows whose weights changed.
 */
export function unitWeightsView(t: Translate, lang: Lang, shown: number) {
  const legend = h(
    'div',
    { class: 'unit-legend', role: 'img', 'aria-label': t('mnist.units.legend') },
    h('span', {}, t('mnist.units.negative')),
    h('span', { class: 'unit-legend-bar' }),
    h('span', {}, t('mnist.units.positive')),
  );
  const rowsBox = h('div', { class: 'unit-rows' });
  const element = h(
    'div',
    { class: 'card mnist-units' },
    h('h3', { class: 'card-title' }, t('mnist.units.title')),
    h('p', { class: 'hint' }, t('mnist.units.hint', { n: shown })),
    rowsBox,
    legend,
    h('p', { class: 'hint' }, t('mnist.units.scaled')),
  );
  const drawn = new Map<string, { row: HTMLElement; weights?: Float32Array; key: string }>();

  function rowElement(r: UnitWeightsRow): HTMLElement {
    const units = r.units;
    const caption = units
      ? t('mnist.units.after', { epoch: units.epoch, done: formatCount(units.done, lang), total: formatCount(units.total, lang) })
      : t('mnist.units.none');
    const head = h('p', { class: 'unit-row-head' }, h('span', { class: `run-swatch run-swatch-${r.id}` }), h('strong', {}, `${r.name}: `), r.label, h('span', { class: 'unit-row-when' }, ` · ${caption}`));
    const images = units
      ? Array.from({ length: units.count }, (_, u) => {
          const canvas = h('canvas', { width: 28, height: 28, class: 'unit-image', 'data-unit': u });
          const g = canvas.getContext('2d');
          const side = Math.round(Math.sqrt(units.inputs));
          const image = weightImage(units.weights, u * units.inputs, units.inputs);
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
    set(rows: UnitWeightsRow[]) {
      const keep: HTMLElement[] = [];
      for (const r of rows) {
        const key = `${r.name}|${r.label}`;
        const old = drawn.get(r.id);
        if (old && old.weights === r.units?.weights && old.key === key) {
          keep.push(old.row);
          continue;
        }
        const row = rowElement(r);
        drawn.set(r.id, { row, weights: r.units?.weights, key });
        keep.push(row);
      }
      if (keep.some((row, i) => rowsBox.children[i] !== row) || rowsBox.children.length !== keep.length) rowsBox.replaceChildren(...keep);
    },
  };
}
