import huffmanSource from '../../../src/coding/questions/huffmanCode.ts?raw';
import shannonSource from '../../../src/coding/questions/shannonCode.ts?raw';
import {
  expectedLength,
  huffmanCode,
  playGuess,
  questionTree,
  shannonCode,
  type PrefixCode,
  type QuestionNode,
} from '../../../src/coding/index.js';
import { createRng, type Rng } from '../../../src/core/random/createRng.js';
import { formatHash } from '../state/hashSchema.js';
import { outcomeName, STRATEGIES, type LabState } from '../state/labState.js';
import { formatMeasure } from '../ui/formatMeasure.js';
import { formatProbability } from '../ui/formatProbability.js';
import { h } from '../ui/h.js';
import { createQuestionTreeView, type QuestionTreeView } from '../widgets/questionTreeView.js';
import { runningMeanChart } from '../widgets/runningMeanChart.js';
import { drawSecret } from './drawSecret.js';
import { measuresOf } from './measuresOf.js';
import type { CreatePanel, PanelContext } from './Panel.js';

/** Milliseconds per animated question, and rounds per tick when not animated. */
const SPEEDS = { slow: 700, medium: 220, fast: 0 } as const;
type Speed = keyof typeof SPEEDS;
const FAST_ROUNDS_PER_TICK = 25;
const FAST_TICK_MS = 60;
/** Play stops by itself here: the mean has long settled. */
const MAX_ROUNDS = 5000;

const COLORS = { hp: '#1f6f9f', hpq: '#c0392b', expected: '#5b6575' };

interface Built {
  key: string;
  code: PrefixCode;
  root: QuestionNode;
  hp: number;
  hpq: number;
  expected: number;
}

function build(state: LabState): Built {
  const code = state.strategy === 'huffman' ? huffmanCode(state.q) : shannonCode(state.q);
  const m = measuresOf(state.p, state.q, 'bits');
  return {
    key: keyOf(state),
    code,
    root: questionTree(code),
    hp: m.hp,
    hpq: m.hpq,
    expected: expectedLength(code, state.p, { normalize: true }),
  };
}

const keyOf = (s: LabState) => `${s.strategy}|${s.p.join(',')}|${s.q.join(',')}|${s.seed}`;
const letters = (symbols: readonly number[]) => symbols.map(outcomeName).join(', ');

/** `#/guess`: the question tree built from q, played by the computer and by the reader. */
export const createGuessPanel: CreatePanel = (ctx) => {
  const { t } = ctx;
  let built = build(ctx.state());
  const questionText = (symbols: readonly number[]) => t('guess.question', { set: `{${letters(symbols)}}` });

  // Strategy choice
  const strategyInputs = STRATEGIES.map((strategy) => {
    const input = h('input', { type: 'radio', name: 'strategy', value: strategy, id: `strategy-${strategy}` });
    input.addEventListener('change', () => input.checked && ctx.set({ strategy }));
    return {
      strategy,
      input,
      label: h(
        'label',
        { class: 'choice', for: `strategy-${strategy}` },
        input,
        h('span', {}, h('strong', {}, t(strategy === 'huffman' ? 'guess.huffman' : 'guess.shannon')), h('span', { class: 'hint' }, t(strategy === 'huffman' ? 'guess.huffmanHint' : 'guess.shannonHint'))),
      ),
    };
  });
  const editLink = h('a', { class: 'edit-link' }, t('guess.editPQ'));
  const bitsNote = h('p', { class: 'hint bits-note' });
  const strategyBox = h(
    'fieldset',
    { class: 'strategy card' },
    h('legend', {}, t('guess.strategy')),
    ...strategyInputs.map((s) => s.label),
    h('p', { class: 'edit-row' }, editLink),
  );

  // Tree and table
  const treeBox = h('div', { class: 'tree-box' });
  let tree: QuestionTreeView | undefined;
  const tableBody = h('tbody');
  const table = h(
    'table',
    { class: 'codes' },
    h('caption', {}, t('guess.tableTitle')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('guess.colLetter')), h('th', { scope: 'col' }, 'p'), h('th', { scope: 'col' }, 'q'), h('th', { scope: 'col' }, t('guess.colCode')), h('th', { scope: 'col' }, t('guess.colQuestions')))),
    tableBody,
  );

  // Play
  const playButton = h('button', { type: 'button', class: 'button play' });
  const stepButton = h('button', { type: 'button', class: 'button secondary' }, t('guess.step'));
  const resetButton = h('button', { type: 'button', class: 'button secondary' }, t('guess.reset'));
  // A new seed is a new sequence of secrets, and part of the link like everything else.
  const reseedButton = h('button', { type: 'button', class: 'button secondary', onclick: () => ctx.set({ seed: (ctx.state().seed % 999_999_999) + 1 }) }, t('guess.reseed'));
  const speedSelect = h(
    'select',
    { id: 'guess-speed' },
    h('option', { value: 'slow' }, t('guess.speedSlow')),
    h('option', { value: 'medium', selected: true }, t('guess.speedMedium')),
    h('option', { value: 'fast' }, t('guess.speedFast')),
  );
  const stat = (key: Parameters<typeof t>[0], cls: string) => {
    const value = h('span', { class: `stat-value ${cls}` });
    return { value, element: h('div', { class: 'stat' }, h('span', { class: 'stat-name' }, t(key)), value) };
  };
  const stGames = stat('guess.games', 'games');
  const stMean = stat('guess.mean', 'mean');
  const stExpected = stat('guess.expected', 'expected');
  const stHp = stat('guess.hp', 'hp');
  const stHpq = stat('guess.hpq', 'hpq');
  const live = h('p', { class: 'live', 'aria-live': 'polite' });
  const chartBox = h('div', { class: 'chart' });
  const legend = h(
    'div',
    { class: 'legend', 'aria-hidden': 'true' },
    h('span', { class: 'swatch swatch-mean' }, t('guess.mean')),
    h('span', { class: 'swatch swatch-hp' }, 'H(p)'),
    h('span', { class: 'swatch swatch-hpq' }, 'H(p,q)'),
    h('span', { class: 'swatch swatch-expected' }, t('guess.legendExpected')),
  );
  const playCard = h(
    'section',
    { class: 'card play-card' },
    h('h3', {}, t('guess.playTitle')),
    h('div', { class: 'play-controls' }, playButton, stepButton, resetButton, reseedButton, h('label', { for: 'guess-speed', class: 'speed' }, t('guess.speed'), ' ', speedSelect)),
    h('div', { class: 'stats' }, stGames.element, stMean.element, stExpected.element, stHp.element, stHpq.element),
    live,
    chartBox,
    legend,
  );

  // The code of the strategy in use, from src at build time.
  const sourceSummary = h('summary');
  const sourceCode = h('code');
  const sourceBox = h('details', { class: 'source' }, sourceSummary, h('pre', { tabindex: 0 }, sourceCode));
  function showSource(strategy: LabState['strategy']): void {
    const file = `src/coding/questions/${strategy}Code.ts`;
    sourceSummary.textContent = t('guess.source', { file });
    sourceCode.textContent = (strategy === 'huffman' ? huffmanSource : shannonSource).trim();
  }

  // The reader plays
  // The tree shows one game at a time: the reader's move pauses the computer's.
  const you = createYouPlay(ctx, () => built, (prefix) => {
    if (playing) stop();
    tree?.highlight(prefix);
  }, questionText);

  const element = h(
    'section',
    { class: 'panel panel-guess', 'aria-labelledby': 'panel-title' },
    h('h2', { id: 'panel-title' }, t('guess.title')),
    h('p', { class: 'intro' }, t('guess.intro')),
    bitsNote,
    h('div', { class: 'guess-top' }, strategyBox, h('div', { class: 'card table-card' }, table)),
    h('section', { class: 'card tree-card' }, h('h3', {}, t('guess.treeTitle')), h('p', { class: 'hint' }, t('guess.treeHint')), legendTree(ctx), treeBox),
    h('div', { class: 'guess-play' }, playCard, you.element),
    sourceBox,
  );

  // Play state: a seeded stream of secrets, the rounds so far, the round in progress.
  let rng: Rng = createRng(ctx.state().seed);
  let means: number[] = [];
  let total = 0;
  let round: { secret: number; steps: { asked: readonly number[]; answer: boolean }[]; shown: number } | undefined;
  let timer: number | undefined;
  let playing = false;

  function resetPlay(): void {
    stop();
    rng = createRng(ctx.state().seed);
    means = [];
    total = 0;
    round = undefined;
    live.textContent = t('guess.idle', { seed: ctx.state().seed });
    tree?.highlight(undefined);
    showStats();
  }

  const findable = () => Number.isFinite(built.expected);

  /** One animation step: draw a secret, ask one question, or finish the round. */
  function tick(): void {
    if (!findable()) return;
    if (round === undefined) {
      const secret = drawSecret(built.code, ctx.state().p, rng);
      const steps = playGuess(built.root, secret) ?? [];
      round = { secret, steps, shown: 0 };
      live.textContent = t('guess.drawn', { n: means.length + 1, secret: outcomeName(secret) });
      tree?.highlight('');
      return;
    }
    if (round.shown < round.steps.length) {
      const step = round.steps[round.shown++];
      const prefix = built.code.codes[round.secret]?.slice(0, round.shown) ?? '';
      live.textContent = t('guess.asked', { i: round.shown, set: `{${letters(step.asked)}}`, answer: t(step.answer ? 'guess.yes' : 'guess.no') });
      tree?.highlight(prefix);
      return;
    }
    finishRound(round.secret, round.steps.length);
    live.textContent = t('guess.found', { secret: outcomeName(round.secret), k: round.steps.length });
    round = undefined;
    showStats();
  }

  function finishRound(_secret: number, questions: number): void {
    total += questions;
    means.push(total / (means.length + 1));
  }

  /** Many rounds at once, without animation. */
  function fastTick(): void {
    for (let i = 0; i < FAST_ROUNDS_PER_TICK && means.length < MAX_ROUNDS; i++) {
      const secret = drawSecret(built.code, ctx.state().p, rng);
      finishRound(secret, built.code.lengths[secret]);
      if (i === FAST_ROUNDS_PER_TICK - 1) {
        tree?.highlight(built.code.codes[secret] ?? undefined);
        live.textContent = t('guess.found', { secret: outcomeName(secret), k: built.code.lengths[secret] });
      }
    }
    round = undefined;
    showStats();
  }

  function schedule(): void {
    if (!playing) return;
    if (means.length >= MAX_ROUNDS) {
      stop();
      return;
    }
    const speed = speedSelect.value as Speed;
    if (speed === 'fast') {
      fastTick();
      timer = window.setTimeout(schedule, FAST_TICK_MS);
    } else {
      tick();
      timer = window.setTimeout(schedule, SPEEDS[speed]);
    }
  }

  function start(): void {
    if (!findable()) return;
    playing = true;
    showButtons();
    schedule();
  }

  function stop(): void {
    playing = false;
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
    showButtons();
  }

  function showButtons(): void {
    playButton.textContent = t(playing ? 'guess.pause' : 'guess.play');
    playButton.setAttribute('aria-pressed', String(playing));
    playButton.disabled = !findable();
    stepButton.disabled = playing || !findable();
  }

  playButton.addEventListener('click', () => (playing ? stop() : start()));
  stepButton.addEventListener('click', () => tick());
  resetButton.addEventListener('click', () => resetPlay());

  let chartWidth = 0;
  function showStats(): void {
    const mean = means.length > 0 ? means[means.length - 1] : NaN;
    stGames.value.textContent = String(means.length);
    stMean.value.textContent = formatMeasure(mean);
    stExpected.value.textContent = formatMeasure(built.expected);
    stHp.value.textContent = formatMeasure(built.hp);
    stHpq.value.textContent = formatMeasure(built.hpq);
    drawChart();
  }

  function drawChart(): void {
    chartWidth = chartBox.clientWidth || chartWidth || 320;
    chartBox.replaceChildren(
      runningMeanChart({
        means,
        width: chartWidth,
        references: [
          // Dashed lines last, so H(p,q) stays visible where it equals H(p).
          { value: built.hp, color: COLORS.hp },
          { value: built.hpq, color: COLORS.hpq, dash: '6,3' },
          { value: built.expected, color: COLORS.expected, dash: '2,3' },
        ],
        xLabel: t('guess.chartX'),
        yLabel: t('guess.chartY'),
        ariaLabel: t('guess.chartLabel'),
      }),
    );
  }

  const resizeObserver = new ResizeObserver(() => chartBox.clientWidth !== chartWidth && drawChart());
  resizeObserver.observe(chartBox);

  function rebuild(state: LabState): void {
    built = build(state);
    tree = createQuestionTreeView({
      root: built.root,
      label: t('guess.treeLabel', { n: state.p.length }),
      yes: t('guess.yes'),
      no: t('guess.no'),
      wasted: t('guess.wasted'),
      question: questionText,
    });
    treeBox.replaceChildren(tree.element);
    tableBody.replaceChildren(
      ...state.p.map((pk, k) => {
        const code = built.code.codes[k];
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, outcomeName(k)),
          h('td', {}, formatProbability(pk)),
          h('td', {}, formatProbability(state.q[k])),
          h('td', { class: 'mono' }, code === null ? '—' : code || '—'),
          h('td', {}, code === null ? t('guess.never') : String(code.length)),
        );
      }),
    );
    resetPlay();
    you.reset();
    if (!findable()) live.textContent = t('guess.unfindable');
  }

  rebuild(ctx.state());

  return {
    element,
    update(state) {
      for (const s of strategyInputs) s.input.checked = s.strategy === state.strategy;
      showSource(state.strategy);
      editLink.setAttribute('href', formatHash({ ...state, route: 'entropy' }));
      bitsNote.textContent = state.unit === 'bits' ? '' : t('guess.bitsOnly');
      bitsNote.hidden = state.unit === 'bits';
      if (keyOf(state) !== built.key) rebuild(state);
    },
    dispose() {
      stop();
      resizeObserver.disconnect();
    },
  };
};

function legendTree(ctx: PanelContext): HTMLElement {
  return h(
    'div',
    { class: 'legend tree-legend', 'aria-hidden': 'true' },
    h('span', { class: 'swatch swatch-no' }, ctx.t('guess.no')),
    h('span', { class: 'swatch swatch-yes' }, ctx.t('guess.yes')),
  );
}

/** The two ways for the reader to play: asking about a hidden secret, or answering the tree. */
function createYouPlay(
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
    secret = drawSecret(current().code, p, rng);
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
