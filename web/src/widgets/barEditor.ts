import { outcomeName } from '../state/labState.js';
import { formatMeasure } from '../ui/formatMeasure.js';
import { formatProbability } from '../ui/formatProbability.js';
import { s } from '../ui/h.js';
import { setProbability } from './setProbability.js';

export interface BarEditorOptions {
  /** Accessible name of the whole chart, e.g. "p, the truth". */
  label: string;
  /** Accessible name of one bar, e.g. "p(A)". */
  barLabel(k: number): string;
  /** CSS class that colours the bars (`bars-p`, `bars-q`). */
  className: string;
  values: readonly number[];
  /** Called with the whole renormalised distribution on every drag step and key press. */
  onChange(values: number[]): void;
}

export interface BarEditor {
  element: SVGSVGElement;
  update(values: readonly number[]): void;
}

const HEIGHT = 170;
const M = { top: 14, right: 4, bottom: 20, left: 30 };

/**
 * A bar chart of a distribution that is also its editor: drag a bar (mouse, pen or
 * touch) to set its probability, the others rescale as you drag. For the keyboard it is
 * one tab stop; ← → move between bars (roving tabindex), ↑ ↓ change by 0.01, Page Up /
 * Page Down by 0.1, Home / End set 0 / 1. The y axis is fixed at [0, 1] so a bar under the
 * pointer never moves because of a rescaled axis.
 */
export function createBarEditor(options: BarEditorOptions): BarEditor {
  let values = [...options.values];
  let focusIndex = 0;
  let width = 320;
  const svg = s('svg', { class: `bar-editor ${options.className}`, role: 'group', 'aria-label': options.label, height: HEIGHT });
  const grid = s('g', { class: 'grid', 'aria-hidden': 'true' });
  const bars = s('g');
  svg.append(grid, bars);

  const plotHeight = HEIGHT - M.top - M.bottom;
  const y = (v: number) => M.top + (1 - v) * plotHeight;
  const step = () => (width - M.left - M.right) / values.length;

  function drawGrid(): void {
    grid.replaceChildren();
    for (const v of [0, 0.25, 0.5, 0.75, 1]) {
      grid.append(
        s('line', { x1: M.left, x2: width - M.right, y1: y(v), y2: y(v) }),
        s('text', { x: M.left - 4, y: y(v), dy: '0.32em', 'text-anchor': 'end' }, v === 0 ? '0' : String(v).replace(/^0/, '')),
      );
    }
  }

  function drawBars(): void {
    // Rebuild only when the number of bars changes; dragging just moves rectangles.
    if (bars.childElementCount !== values.length) {
      bars.replaceChildren();
      values.forEach((_, k) => {
        const g = s(
          'g',
          { role: 'slider', tabindex: -1, 'aria-label': options.barLabel(k), 'aria-valuemin': 0, 'aria-valuemax': 1, 'data-index': k },
          s('rect', { class: 'hit' }),
          s('rect', { class: 'bar' }),
          s('text', { class: 'value', 'text-anchor': 'middle' }),
          s('text', { class: 'name', 'text-anchor': 'middle' }, outcomeName(k)),
        );
        g.addEventListener('keydown', onKey);
        g.addEventListener('focus', () => (focusIndex = k));
        bars.append(g);
      });
    }
    focusIndex = Math.min(focusIndex, values.length - 1);
    const w = step();
    const showValues = w >= 26;
    values.forEach((v, k) => {
      const g = bars.children[k] as SVGGElement;
      const [hit, bar, value, name] = Array.from(g.children) as SVGElement[];
      const x = M.left + k * w;
      const gap = Math.min(6, w * 0.2);
      set(hit, { x, y: M.top, width: w, height: plotHeight });
      set(bar, { x: x + gap / 2, y: y(v), width: w - gap, height: Math.max(0, y(0) - y(v)) });
      set(value, { x: x + w / 2, y: y(v) - 3 });
      value.textContent = showValues ? formatMeasure(v, 2).replace(/^0/, '') : '';
      set(name, { x: x + w / 2, y: HEIGHT - 5 });
      g.setAttribute('aria-valuenow', String(v));
      g.setAttribute('aria-valuetext', `${outcomeName(k)}: ${formatProbability(v)}`);
      g.setAttribute('tabindex', k === focusIndex ? '0' : '-1');
    });
  }

  function layout(): void {
    width = Math.max(200, svg.clientWidth || svg.parentElement?.clientWidth || width);
    svg.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
    drawGrid();
    drawBars();
  }

  function change(k: number, v: number): void {
    values = setProbability(values, k, v);
    drawBars();
    options.onChange([...values]);
  }

  function pointerTarget(e: PointerEvent): { k: number; v: number } {
    const box = svg.getBoundingClientRect();
    const px = ((e.clientX - box.left) / box.width) * width;
    const py = ((e.clientY - box.top) / box.height) * HEIGHT;
    const k = Math.min(values.length - 1, Math.max(0, Math.floor((px - M.left) / step())));
    return { k, v: 1 - (py - M.top) / plotHeight };
  }

  let dragging: number | undefined;
  svg.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    const { k, v } = pointerTarget(e);
    dragging = k;
    focusIndex = k;
    svg.setPointerCapture(e.pointerId);
    (bars.children[k] as SVGGElement).focus({ preventScroll: true });
    change(k, v);
    e.preventDefault();
  });
  svg.addEventListener('pointermove', (e) => {
    if (dragging === undefined) return;
    change(dragging, pointerTarget(e).v);
  });
  const stop = () => (dragging = undefined);
  svg.addEventListener('pointerup', stop);
  svg.addEventListener('pointercancel', stop);

  function onKey(e: KeyboardEvent): void {
    const k = focusIndex;
    const v = values[k];
    const moves: Record<string, () => void> = {
      ArrowRight: () => moveFocus(k + 1),
      ArrowLeft: () => moveFocus(k - 1),
      ArrowUp: () => change(k, v + 0.01),
      ArrowDown: () => change(k, v - 0.01),
      PageUp: () => change(k, v + 0.1),
      PageDown: () => change(k, v - 0.1),
      Home: () => change(k, 0),
      End: () => change(k, 1),
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    move();
  }

  function moveFocus(k: number): void {
    focusIndex = Math.min(values.length - 1, Math.max(0, k));
    drawBars();
    (bars.children[focusIndex] as SVGGElement).focus();
  }

  new ResizeObserver(() => layout()).observe(svg);
  layout();

  return {
    element: svg,
    update(next) {
      const same = next.length === values.length && next.every((v, i) => v === values[i]);
      if (same) return;
      values = [...next];
      drawBars();
    },
  };
}

function set(el: Element, attrs: Record<string, number>): void {
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
}
