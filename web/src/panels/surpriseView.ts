import { topPredictions, type MixerCost, type ModelName } from '../../../src/coding/index.js';
import type { Translate } from '../i18n/translate.js';
import { formatMeasure } from '../ui/formatMeasure.js';
import { h } from '../ui/h.js';
import './surpriseView.css';

/** Cost (bits per character) at which the shading is darkest. */
const FULL_SHADE_BITS = 12;

export interface SurpriseInput {
  text: string;
  bytes: Uint8Array;
  /** −log2 q(x_i | context) of every byte, from byteCosts. */
  costs: Float64Array;
  model: ModelName;
  mixerCost: MixerCost;
}

/**
 * The surprise view: every character of the text shaded by what it cost the model,
 * −log2 q(x_i | context) in bits (the sum over its UTF-8 bytes), with the running code
 * length at the end of each line. Hovering or focusing a character (Tab, then the arrow
 * keys) shows the model's most probable next bytes at that point.
 */
export function createSurpriseView(t: Translate) {
  const lines = h('div', { class: 'surprise-lines', role: 'list', 'aria-label': t('code.surpriseLabel') });
  const detail = h('p', { class: 'surprise-detail', 'aria-live': 'polite' }, t('code.surpriseHint'));
  const legend = h(
    'p',
    { class: 'hint surprise-legend' },
    t('code.surpriseLegend'),
    ' ',
    ...[0, 2, 4, 8, 12].map((bits) => shaded(h('span', { class: 'surprise-swatch' }, `${bits}`), bits)),
  );
  const element = h(
    'div',
    { class: 'card surprise' },
    h('h3', {}, t('code.surpriseTitle')),
    h('p', { class: 'hint' }, t('code.surpriseIntro')),
    legend,
    lines,
    detail,
  );

  let current: SurpriseInput | undefined;
  /** Per character: its first byte, byte count, cost and the total up to its end. */
  let chars: { first: number; count: number; bits: number; total: number; text: string }[] = [];
  let detailTimer: number | undefined;

  function show(input: SurpriseInput): void {
    current = input;
    chars = [];
    let byteAt = 0;
    let total = 0;
    for (const ch of input.text) {
      const count = utf8Length(ch.codePointAt(0)!);
      let bits = 0;
      for (let i = 0; i < count; i++) bits += input.costs[byteAt + i];
      total += bits;
      chars.push({ first: byteAt, count, bits, total, text: ch });
      byteAt += count;
    }
    const rows: HTMLElement[] = [];
    let row: HTMLElement[] = [];
    const flush = (endTotal: number) => {
      rows.push(
        h(
          'div',
          { class: 'surprise-line', role: 'listitem' },
          h('span', { class: 'surprise-text' }, ...row),
          h('span', { class: 'surprise-total', title: t('code.surpriseTotalTitle') }, `${formatMeasure(endTotal, 0)} ${t('code.bitsShort')}`),
        ),
      );
      row = [];
    };
    chars.forEach((c, i) => {
      const visible = c.text === '\n' ? '↵' : c.text === ' ' ? '\u00a0' : c.text;
      row.push(
        shaded(
          h(
            'span',
            {
              class: 'surprise-char',
              tabindex: i === 0 ? 0 : -1,
              'data-index': i,
              'aria-label': t('code.surpriseCharLabel', { char: describe(c.text), bits: formatMeasure(c.bits, 2) }),
            },
            visible,
          ),
          c.bits,
        ),
      );
      // The space is drawn as a no-break space (so that its shading shows): a line may
      // still break after it, and never inside a word.
      if (c.text === ' ') row.push(h('wbr'));
      if (c.text === '\n') flush(c.total);
    });
    if (row.length > 0 || chars.length === 0) flush(total);
    lines.replaceChildren(...rows);
    detail.textContent = t('code.surpriseHint');
  }

  function focusChar(index: number): void {
    const el = lines.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (!el) return;
    lines.querySelectorAll('[tabindex="0"]').forEach((e) => e.setAttribute('tabindex', '-1'));
    el.setAttribute('tabindex', '0');
    el.focus();
  }

  function explain(index: number): void {
    const input = current;
    const c = chars[index];
    if (!input || !c) return;
    lines.querySelectorAll('.surprise-char.active').forEach((e) => e.classList.remove('active'));
    lines.querySelector(`[data-index="${index}"]`)?.classList.add('active');
    const head = t('code.surpriseDetail', {
      char: describe(c.text),
      bits: formatMeasure(c.bits, 2),
      total: formatMeasure(c.total, 1),
      index: index + 1,
    });
    detail.replaceChildren(head);
    // The predictions need the model replayed up to here: do it once the pointer rests.
    window.clearTimeout(detailTimer);
    detailTimer = window.setTimeout(() => {
      if (current !== input) return;
      const top = topPredictions(input.bytes, c.first, { model: input.model, mixerCost: input.mixerCost }, 5);
      const list = h(
        'ol',
        { class: 'surprise-top', 'aria-label': t('code.surpriseTopLabel') },
        ...top.map((p, rank) =>
          h(
            'li',
            { class: p.byte === input.bytes[c.first] ? 'hit' : '' },
            h('span', { class: 'rank', 'aria-hidden': 'true' }, `${rank + 1}. `),
            h('code', {}, byteLabel(p.byte)),
            ` ${formatMeasure(100 * p.probability, 1)}%`,
          ),
        ),
      );
      detail.replaceChildren(head, ' ', t('code.surpriseTopIntro'), list);
    }, 60);
  }

  lines.addEventListener('mouseover', (e) => {
    const index = indexOf(e.target);
    if (index !== undefined) explain(index);
  });
  lines.addEventListener('focusin', (e) => {
    const index = indexOf(e.target);
    if (index !== undefined) explain(index);
  });
  lines.addEventListener('keydown', (e) => {
    const index = indexOf(e.target);
    if (index === undefined) return;
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : e.key === 'Home' ? -index : e.key === 'End' ? chars.length - 1 - index : 0;
    if (step === 0) return;
    e.preventDefault();
    focusChar(Math.max(0, Math.min(chars.length - 1, index + step)));
  });

  return {
    element,
    show,
    dispose: () => window.clearTimeout(detailTimer),
  };
}

function indexOf(target: EventTarget | null): number | undefined {
  if (!(target instanceof HTMLElement) || !target.classList.contains('surprise-char')) return undefined;
  return Number(target.dataset.index);
}

/**
 * Shades an element by a cost in bits. The colour is set through the CSSOM, which the lab's
 * CSP (style-src 'self') allows; a `style` attribute in markup would be refused.
 */
function shaded<E extends HTMLElement>(el: E, bits: number): E {
  el.style.background = shade(bits);
  return el;
}

/** White (0 bits) to red (FULL_SHADE_BITS and more), by alpha. */
export function shade(bits: number): string {
  const alpha = Math.min(1, Math.max(0, bits / FULL_SHADE_BITS));
  return `rgba(192, 57, 43, ${(0.85 * alpha).toFixed(3)})`;
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

function describe(ch: string): string {
  // A quoted blank rather than U+2420 (␠), which many fonts lack.
  return ch === '\n' ? '↵' : ch === ' ' ? "' '" : ch;
}

/** A predicted byte: printable ASCII as itself, space quoted, newline as ↵, others in hex. */
function byteLabel(b: number): string {
  if (b === 32) return "' '";
  if (b === 10) return '↵';
  if (b > 32 && b < 127) return String.fromCharCode(b);
  return `0x${b.toString(16).padStart(2, '0')}`;
}
