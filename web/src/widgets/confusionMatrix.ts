import { h } from '../ui/h.js';

export interface ConfusionTexts {
  caption: string;
  trueDigit: string;
  predicted: string;
}

export interface ConfusionMatrix {
  element: HTMLTableElement;
  /** Shows counts[10·true + predicted]. */
  set(counts: readonly number[], caption: string): void;
}

/** The shade of a cell, 0 … 8: its share of the row in eighths, rounded up (styles.css has one class per shade, as the CSP allows no inline styles). */
export function shadeOf(count: number, rowTotal: number): number {
  return rowTotal === 0 || count === 0 ? 0 : Math.max(1, Math.min(8, Math.ceil((8 * count) / rowTotal)));
}

/**
 * A k × k confusion matrix as a table: rows are the true classes, columns the answers,
 * each cell the count shaded by its share of the row, the diagonal in its own colour.
 * Built once and updated in place.
 */
export function confusionMatrix(k: number, texts: ConfusionTexts): ConfusionMatrix {
  const classes = [...Array(k).keys()];
  const caption = h('caption', {}, texts.caption);
  const cells = classes.map(() => classes.map(() => h('td', { class: 'cm cm-0' }, '0')));
  const element = h(
    'table',
    { class: 'confusion' },
    caption,
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'corner' }, h('span', { class: 'visually-hidden' }, `${texts.trueDigit} \\ ${texts.predicted}`)), ...classes.map((d) => h('th', { scope: 'col' }, d)))),
    h('tbody', {}, ...classes.map((t) => h('tr', {}, h('th', { scope: 'row' }, t), ...cells[t]))),
  );
  return {
    element,
    set(counts, text) {
      caption.textContent = text;
      classes.forEach((t) => {
        const row = counts.slice(t * k, (t + 1) * k);
        const total = row.reduce((s, c) => s + c, 0);
        row.forEach((c, p) => {
          const cell = cells[t][p];
          const [text, className] = [String(c), `cm ${p === t ? 'cm-hit' : 'cm-miss'} cm-${shadeOf(c, total)}`];
          if (cell.textContent !== text) cell.textContent = text;
          if (cell.className !== className) cell.className = className;
        });
      });
    },
  };
}
