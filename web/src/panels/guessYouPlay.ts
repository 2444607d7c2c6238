import type { PrefixCode, QuestionNode } from '../../../src/coding/index.js';
import { categoricalSampler } from '../../../src/core/random/categoricalSampler.js';
import { createRng } from '../../../src/core/random/createRng.js';
import { outcomeName } from '../state/labState.js';
import { formatMeasure } from '../ui/formatMeasure.js';
import { h } from '../ui/h.js';
import type { PanelContext } from './Panel.js';

const letters = (symbols: readonly number[]) => symbols.map(outcomeName).join(', ');

/** The two ways for the reader to play: asking about a hidden secret, or answering the tree. */
export function createYouPlay(
  ctx: PanelContext,
  current: () => { code: PrefixCode; root: QuestionNode; expected: number },
  highlight: (prefix: string | undefined) => void,
  questionText: (symbols: readonly number[]) => string,
) {
  const { t } = ctx;
  let mode: 'ask' | 'answer' = 'ask';
  // Secrets for the reader come from their own seeded stream, apart from Play's.
  let rng = createRng(ctx.state().seed + 1);
  const askTab = h('button', { type: 'button', class: 'chip', onclick: () => setMode('ask') }, t('guess.youAsk'));
  const answerTab = h('button', { type: 'button', class: 'chip', onclick: () => setMode('answer') }, t('guess.youAnswer'));
  const body = h('div', { class: 'you-body' });
  const element = h('section', { class: 'card you-card' }, h('h3', {}, t('guess.youTitle')), h('div', { class: 'you-tabs', role: 'group' }, askTab, answerTab), body);

  // "You ask": the secret is hidden; the reader picks letters and asks.
  let secret = 0;
  let candidates: number[] = [];
  let selected = new Set<number>();
  let asked = 0;
  const log = h('ol', { class: 'qa-log' });

  function newSecret(): void {
    const { p } = ctx.state();
    secret = categoricalSampler(p)(rng);
    candidates = p.map((_, k) => k);
    selected = new Set();
    asked = 0;
    log.replaceChildren();
    highlight(undefined);
    renderAsk();
  }

  function renderAsk(): void {
    const done = candidates.length === 1;
    const chips = h(
      'div',
      { class: 'letters', role: 'group', 'aria-label': t('guess.candidates') },
      ...candidates.map((k) =>
        h(
          'button',
          {
            type: 'button',
            class: 'chip letter',
            'aria-pressed': String(selected.has(k)),
            disabled: done,
            onclick: () => {
              if (selected.has(k)) selected.delete(k);
              else selected.add(k);
              renderAsk();
              (body.querySelector(`[data-letter="${k}"]`) as HTMLElement | null)?.focus();
            },
            'data-letter': k,
          },
          outcomeName(k),
        ),
      ),
    );
    const useful = selected.size > 0 && selected.size < candidates.length;
    const askButton = h(
      'button',
      {
        type: 'button',
        class: 'button',
        disabled: done || !useful,
        onclick: () => {
          const set = [...selected].sort((a, b) => a - b);
          const answer = selected.has(secret);
          asked++;
          log.append(h('li', {}, `${questionText(set)} ${t(answer ? 'guess.yes' : 'guess.no')}`));
          candidates = candidates.filter((k) => selected.has(k) === answer);
          selected = new Set();
          renderAsk();
          (body.querySelector('.letter') as HTMLElement | null)?.focus();
        },
      },
      t('guess.ask'),
    );
    const { code, expected } = current();
    const strategy = t(ctx.state().strategy === 'huffman' ? 'guess.huffman' : 'guess.shannon');
    const codeword = code.codes[secret];
    body.replaceChildren(
      h('p', { class: 'hint' }, t('guess.askIntro')),
      h('p', { class: 'small-label' }, t('guess.candidates')),
      chips,
      h('div', { class: 'you-actions' }, askButton, h('button', { type: 'button', class: 'button secondary', onclick: newSecret }, t('guess.newSecret'))),
      h('p', { class: 'hint', 'aria-live': 'polite' }, done || useful || selected.size === 0 ? '' : t('guess.askUseless')),
      log,
      h(
        'p',
        { class: 'result', 'aria-live': 'polite' },
        done
          ? t('guess.youFound', {
              secret: outcomeName(secret),
              k: asked,
              strategy,
              len: codeword === null ? '∞' : codeword.length,
              expected: formatMeasure(expected),
            })
          : '',
      ),
    );
    if (done && codeword !== null) highlight(codeword);
  }

  // "You answer": the reader keeps a secret; the tree asks.
  let node: QuestionNode | null = null;
  let answers = '';

  /** '101' → "yes, no, yes" */
  const spellAnswers = (bits: string) =>
    bits === '' ? '—' : [...bits].map((b) => t(b === '1' ? 'guess.yes' : 'guess.no')).join(t('guess.listSep'));

  function restartAnswer(): void {
    node = current().root;
    answers = '';
    highlight('');
    renderAnswer();
  }

  function renderAnswer(): void {
    // Only letters the tree can reach: a letter with q = 0 has no path.
    const all = letters(current().root.symbols);
    const parts: (HTMLElement | string)[] = [h('p', { class: 'hint' }, t('guess.answerIntro', { letters: all }))];
    const again = h('button', { type: 'button', class: 'button secondary', onclick: restartAnswer }, t('guess.again'));
    if (node === null) {
      parts.push(h('p', { class: 'result' }, t('guess.impossible')), again);
    } else if (node.symbol !== undefined) {
      parts.push(h('p', { class: 'result' }, t('guess.yourSecret', { secret: outcomeName(node.symbol), k: answers.length, code: spellAnswers(answers) })), again);
    } else {
      const here = node;
      const answer = (yes: boolean) => {
        answers += yes ? '1' : '0';
        node = (yes ? here.yes : here.no) ?? null;
        highlight(answers);
        renderAnswer();
        (body.querySelector('.answer-yes') as HTMLElement | null)?.focus();
        if (!body.querySelector('.answer-yes')) (body.querySelector('.you-actions .button') as HTMLElement | null)?.focus();
      };
      parts.push(
        h('p', { class: 'question' }, `${answers.length + 1}. ${questionText(here.yes?.symbols ?? [])}`),
        h(
          'div',
          { class: 'you-actions' },
          h('button', { type: 'button', class: 'button answer-yes', onclick: () => answer(true) }, t('guess.yes')),
          h('button', { type: 'button', class: 'button secondary answer-no', onclick: () => answer(false) }, t('guess.no')),
          again,
        ),
      );
    }
    body.replaceChildren(...parts);
  }

  function setMode(next: 'ask' | 'answer'): void {
    mode = next;
    askTab.setAttribute('aria-pressed', String(mode === 'ask'));
    answerTab.setAttribute('aria-pressed', String(mode === 'answer'));
    if (mode === 'ask') newSecret();
    else restartAnswer();
  }

  return {
    element,
    reset() {
      rng = createRng(ctx.state().seed + 1);
      setMode(mode);
    },
  };
}
