import type { Translate } from '../i18n/translate.js';
import type { LabUnit } from '../state/labState.js';
import { formatMeasure } from '../ui/formatMeasure.js';
import { formatProbability } from '../ui/formatProbability.js';
import { h, s } from '../ui/h.js';
import { areaLayout, crossEntropyArea, type CrossEntropyArea } from './crossEntropyArea.js';
import './crossEntropyAreaView.css';

export interface AreaViewOptions {
  t: Translate;
  /** Pixel height of the plot (without the letters under it). */
  height?: number;
  /** A smaller figure without the readout, for the home page. */
  compact?: boolean;
}

export interface AreaView {
  element: HTMLElement;
  update(p: readonly number[], q: readonly number[], unit: LabUnit): void;
  dispose(): void;
}

const LEFT = 34;
const BOTTOM = 22;
const TOP = 14;

const letter = (k: number) => String.fromCharCode(65 + k);

/**
 * H(p,q) as an area (`data-view="cross-entropy-area"`): one `<rect data-outcome="k">` per
 * outcome, p_k wide and log(1/q_k) tall, with the outline of log(1/p_k) over them. Where a
 * rectangle rises above its outline the model pays extra (red), where it stays below it
 * pays less than the optimum for that outcome; together they are KL(p‖q). Hovering or
 * focusing a rectangle shows its term. Rectangles are kept between updates, so one keeps
 * the focus while the bars are dragged.
 */
export function createCrossEntropyAreaView(options: AreaViewOptions): AreaView {
  const { t } = options;
  const plotHeight = options.height ?? 220;
  const svg = s('svg', { class: 'area-svg', 'data-view': 'cross-entropy-area', role: 'group' });
  const grid = s('g', { class: 'area-grid' });
  const shapes = s('g', { class: 'area-shapes' });
  const outline = s('path', { class: 'area-outline', fill: 'none' });
  const marks = s('g', { class: 'area-marks' });
  svg.append(grid, shapes, outline, marks);
  const readout = h('p', { class: 'area-readout', 'aria-live': 'polite' });
  const infiniteNote = h('p', { class: 'area-infinite', hidden: true });
  const legend = h(
    'ul',
    { class: 'area-legend' },
    h('li', {}, h('span', { class: 'area-swatch area-swatch-area', 'aria-hidden': 'true' }), t('area.legendArea')),
    h('li', {}, h('span', { class: 'area-swatch area-swatch-outline', 'aria-hidden': 'true' }), t('area.legendOutline')),
    h('li', {}, h('span', { class: 'area-swatch area-swatch-kl', 'aria-hidden': 'true' }), t('area.legendKl')),
  );
  const element = h('div', { class: `area-view${options.compact ? ' area-compact' : ''}` }, svg, options.compact ? null : legend, options.compact ? null : readout, infiniteNote);

  let rects: { rect: SVGRectElement; extra: SVGRectElement; label: SVGTextElement }[] = [];
  /** The rectangle the Tab key reaches (a roving tabindex). */
  let tabStop = 0;
  let area: CrossEntropyArea | undefined;
  let unit: LabUnit = 'bits';
  let active: number | undefined;
  let width = 0;
  let last: { p: readonly number[]; q: readonly number[] } | undefined;

  const logName = () => (unit === 'bits' ? 'log₂' : 'ln');
  const unitName = () => t(unit === 'bits' ? 'unit.bits' : 'unit.nats');
  const termText = (k: number) => {
    const r = area!.rects[k];
    const values = {
      name: letter(k),
      p: formatProbability(r.width),
      log: logName(),
      q: formatProbability(last!.q[k] / last!.q.reduce((a, b) => a + b, 0)),
      height: formatMeasure(r.height),
      term: formatMeasure(r.term),
      unit: unitName(),
    };
    if (r.width === 0) return t('area.termNever', values);
    return t(Number.isFinite(r.height) ? 'area.term' : 'area.termInfinite', values);
  };
  const totalText = () =>
    t('area.total', { hpq: formatMeasure(area!.crossEntropy), hp: formatMeasure(area!.entropy), kl: formatMeasure(area!.kl), unit: unitName() });
  const showReadout = () => {
    readout.textContent = active !== undefined && area && active < area.rects.length ? termText(active) : area ? totalText() : '';
    rects.forEach((r, k) => r.rect.classList.toggle('active', k === active));
  };

  function ensureRects(n: number): void {
    if (rects.length === n) return;
    rects = Array.from({ length: n }, (_, k) => {
      const rect = s('rect', { class: 'area-rect', 'data-outcome': k, tabindex: -1 });
      const extra = s('rect', { class: 'area-extra', 'aria-hidden': 'true' });
      const label = s('text', { class: 'area-letter', 'text-anchor': 'middle', 'aria-hidden': 'true' }, letter(k));
      const show = () => {
        active = k;
        showReadout();
      };
      const hide = () => {
        if (active === k) active = undefined;
        showReadout();
      };
      rect.addEventListener('pointerenter', show);
      rect.addEventListener('focus', show);
      rect.addEventListener('pointerleave', hide);
      rect.addEventListener('blur', hide);
      // One tab stop for the figure; ← → (and Home, End) move between the outcomes that happen.
      rect.addEventListener('keydown', (e) => {
        const open = rects.map((_, i) => i).filter((i) => (area?.rects[i]?.width ?? 0) > 0);
        const at = open.indexOf(k);
        const to = { ArrowRight: open[at + 1], ArrowDown: open[at + 1], ArrowLeft: open[at - 1], ArrowUp: open[at - 1], Home: open[0], End: open.at(-1) }[e.key];
        if (to === undefined) return;
        e.preventDefault();
        tabStop = to;
        for (const i of open) rects[i].rect.setAttribute('tabindex', i === tabStop ? '0' : '-1');
        rects[to].rect.focus();
      });
      return { rect, extra, label };
    });
    shapes.replaceChildren(...rects.flatMap((r) => [r.rect, r.extra, r.label]));
    if (active !== undefined && active >= n) active = undefined;
    tabStop = 0;
  }

  function draw(): void {
    if (!last || !area) return;
    width = element.clientWidth || width || 320;
    const plotWidth = Math.max(60, width - LEFT - 8);
    const fullHeight = TOP + plotHeight + BOTTOM;
    svg.setAttribute('viewBox', `0 0 ${width} ${fullHeight}`);
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(fullHeight));
    // The scale's top stays at least log(n) (a uniform q), so small drags do not rescale it.
    const minTop = Math.max(1, Math.log(last.p.length) / (unit === 'bits' ? Math.LN2 : 1));
    const layout = areaLayout(area, plotWidth, plotHeight, minTop, unit === 'bits' ? 8 : 8 * Math.LN2);
    const y0 = TOP;
    // Grid lines at whole units.
    const step = layout.top > 5 ? 2 : 1;
    const ticks: SVGElement[] = [];
    for (let v = 0; v <= layout.top + 1e-9; v += step) {
      const y = y0 + plotHeight - (v / layout.top) * plotHeight;
      ticks.push(s('line', { x1: LEFT, x2: LEFT + plotWidth, y1: y, y2: y, class: 'area-gridline' }));
      ticks.push(s('text', { x: LEFT - 6, y: y + 4, 'text-anchor': 'end', class: 'area-tick' }, String(v)));
    }
    ticks.push(s('text', { x: LEFT + 2, y: y0 - 4, 'text-anchor': 'start', class: 'area-tick' }, unit === 'bits' ? t('unit.bits') : t('unit.nats')));
    grid.replaceChildren(...ticks);

    // The tab stop moves off an outcome that stopped happening, to the first that does.
    if (!(layout.boxes[tabStop]?.width > 0)) tabStop = layout.boxes.find((x) => x.width > 0)?.k ?? 0;
    const outlineParts: string[] = [];
    const markParts: SVGElement[] = [];
    layout.boxes.forEach((b, k) => {
      const r = area!.rects[k];
      const { rect, extra, label } = rects[k];
      const focusable = b.width > 0 && !options.compact;
      const x = LEFT + b.x;
      rect.setAttribute('x', String(x));
      rect.setAttribute('y', String(y0 + b.y));
      rect.setAttribute('width', String(b.width));
      rect.setAttribute('height', String(b.height));
      if (focusable) rect.setAttribute('tabindex', k === tabStop ? '0' : '-1');
      else rect.removeAttribute('tabindex');
      rect.classList.toggle('clipped', b.clipped);
      rect.setAttribute('aria-label', termText(k));
      // The part above the outline: what the model pays beyond the optimum for this outcome.
      const extraTop = y0 + b.y;
      const extraBottom = y0 + (b.floorY ?? plotHeight);
      extra.setAttribute('x', String(x));
      extra.setAttribute('y', String(extraTop));
      extra.setAttribute('width', String(b.width));
      extra.setAttribute('height', String(Math.max(0, extraBottom - extraTop)));
      label.setAttribute('x', String(x + b.width / 2));
      label.setAttribute('y', String(y0 + plotHeight + 15));
      label.style.display = b.width >= 12 ? '' : 'none';
      // Outcome k's own rectangle, p_k by log(1/p_k): together they enclose H(p).
      if (b.floorY !== undefined) outlineParts.push(`M${x},${y0 + plotHeight}V${y0 + b.floorY}H${x + b.width}V${y0 + plotHeight}`);
      if (b.clipped) {
        // A torn top: the rectangle goes on past the plot (for ever, where q_k = 0).
        const zig: string[] = [];
        const teeth = Math.max(2, Math.round(b.width / 10));
        for (let i = 0; i <= teeth; i++) zig.push(`${x + (i * b.width) / teeth},${y0 + (i % 2 === 0 ? 0 : 6)}`);
        markParts.push(s('polyline', { points: zig.join(' '), class: 'area-tear' }));
        if (!Number.isFinite(r.height) && b.width >= 14) {
          markParts.push(s('text', { x: x + b.width / 2, y: y0 + 22, 'text-anchor': 'middle', class: 'area-infinity' }, '∞'));
        }
      }
    });
    outline.setAttribute('d', outlineParts.join(''));
    marks.replaceChildren(...markParts);
    svg.setAttribute('aria-label', `${t('area.label')} ${totalText()}`);
  }

  const resizeObserver = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => element.clientWidth !== width && draw());
  resizeObserver?.observe(element);

  return {
    element,
    update(p, q, u) {
      last = { p, q };
      unit = u;
      area = crossEntropyArea(p, q, u);
      ensureRects(p.length);
      draw();
      showReadout();
      const infinite = area.rects.filter((r) => r.width > 0 && !Number.isFinite(r.height)).map((r) => letter(r.k));
      infiniteNote.hidden = infinite.length === 0;
      infiniteNote.textContent = infinite.length === 0 ? '' : t('area.infinite', { names: infinite.join(t('notice.listSep')) });
    },
    dispose: () => resizeObserver?.disconnect(),
  };
}
