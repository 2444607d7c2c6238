import { s } from '../ui/h.js';

export interface ProbabilityBars {
  element: SVGSVGElement;
  /** Shows these probabilities; the bar of `trueLabel`'s digit gets a bold label. */
  set(probabilities: readonly number[], trueLabel?: number): void;
}

const [WIDTH, HEIGHT, BAR] = [100, 36, 10];

/**
 * Ten small bars, one per digit, their heights the probabilities; the largest in blue,
 * or vermillion when it is not the true digit. Built once and updated in place (the
 * grid redraws two dozen of them per epoch); SVG presentation attributes only, since the
 * CSP allows no inline styles.
 */
export function probabilityBars(ariaLabel: string): ProbabilityBars {
  const rects = Array.from({ length: 10 }, (_, d) => s('rect', { x: d * BAR + 1, y: HEIGHT, width: BAR - 2, height: 0, fill: '#9aa5b1' }));
  const labels = Array.from({ length: 10 }, (_, d) => s('text', { x: d * BAR + BAR / 2, y: HEIGHT + 10, 'font-size': 9, 'text-anchor': 'middle', fill: '#6b7785' }, d));
  const element = s('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT + 11}`, class: 'prob-bars', role: 'img', 'aria-label': ariaLabel }, ...rects, ...labels);
  // Attributes are written only when they change: a redraw then touches little of the page.
  const put = (el: Element, name: string, value: string) => el.getAttribute(name) !== value && el.setAttribute(name, value);
  return {
    element,
    set(probabilities, trueLabel) {
      const best = probabilities.indexOf(Math.max(...probabilities));
      rects.forEach((rect, d) => {
        const height = Math.max(0.5, (probabilities[d] ?? 0) * HEIGHT);
        put(rect, 'y', (HEIGHT - height).toFixed(1));
        put(rect, 'height', height.toFixed(1));
        put(rect, 'fill', d === best ? (trueLabel === undefined || trueLabel === best ? '#0072B2' : '#D55E00') : '#9aa5b1');
      });
      labels.forEach((label, d) => {
        put(label, 'fill', d === trueLabel ? '#1b2330' : '#6b7785');
        put(label, 'font-weight', d === trueLabel ? 'bold' : 'normal');
      });
    },
  };
}
