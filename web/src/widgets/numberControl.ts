import { h } from '../ui/h.js';

export interface NumberControlOptions {
  id: string;
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  /** Called with a valid, clamped value when the slider moves or the typed number is committed. */
  onChange(value: number): void;
}

export interface NumberControl {
  element: HTMLElement;
  show(value: number): void;
}

/**
 * A labelled slider with a number box beside it: the slider for feel, the box for an
 * exact value (η = 0.005 is hard to hit by dragging). Both are the same setting.
 */
export function numberControl(o: NumberControlOptions): NumberControl {
  const range = h('input', { type: 'range', id: o.id, min: o.min, max: o.max, step: o.step, value: o.value, class: 'slider' });
  const box = h('input', { type: 'number', min: o.min, max: o.max, step: 'any', value: o.value, class: 'number-box', 'aria-label': o.label, 'data-control': o.id });
  const commit = (text: string) => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v)) return;
    o.onChange(Math.min(o.max, Math.max(o.min, v)));
  };
  range.addEventListener('input', () => commit(range.value));
  box.addEventListener('change', () => commit(box.value));
  const element = h('div', { class: 'number-control' }, h('label', { for: o.id }, o.label), range, box);
  return {
    element,
    show(value) {
      range.value = String(value);
      if (document.activeElement !== box) box.value = String(value);
    },
  };
}
