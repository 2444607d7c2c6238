import huffmanSource from '../../../src/coding/questions/huffmanCode.ts?raw';
import shannonSource from '../../../src/coding/questions/shannonCode.ts?raw';
import {
  createGuessingGame,
  expectedLength,
  huffmanCode,
  questionTree,
  shannonCode,
  type GuessingGame,
  type PrefixCode,
  type QuestionNode,
} from '../../../src/coding/index.js';
import { formatHash } from '../state/hashSchema.js';
import { outcomeName, STRATEGIES, type LabState } from '../state/labState.js';
import { formatMeasure } from '../ui/formatMeasure.js';
import { formatProbability } from '../ui/formatProbability.js';
import { h } from '../ui/h.js';
import { createQuestionTreeView, type QuestionTreeView } from '../widgets/questionTreeView.js';
import { runningMeanChart } from '../widgets/runningMeanChart.js';
import { mountExercise } from '../exercises/mountExercise.js';
import { guessMeanExercise } from './guessExercise.js';
import { createYouPlay } from './guessYouPlay.js';
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

  // Predict, then play: the reveal plays the rounds on the page's own chart.
  const exercise = mountExercise(
    guessMeanExercise(t, {
      expected: () => built.expected,
      hp: () => built.hp,
      hpq: () => built.hpq,
      play(rounds) {
        resetPlay();
        game.playRounds(rounds);
        showStats();
        live.textContent = t('ex.guess.mean.played', { n: rounds.toLocaleString('en') });
        return game.means.at(-1) ?? NaN;
      },
    }),
    t,
  );

  const element = h(
    'section',
    { class: 'panel panel-guess', 'aria-labelledby': 'panel-title' },
    h('h2', { id: 'panel-title' }, t('guess.title')),
    h('p', { class: 'intro' }, t('guess.intro')),
    bitsNote,
    h('div', { class: 'guess-top' }, strategyBox, h('div', { class: 'card table-card' }, table)),
    h('section', { class: 'card tree-card' }, h('h3', {}, t('guess.treeTitle')), h('p', { class: 'hint' }, t('guess.treeHint')), legendTree(ctx), treeBox),
    exercise,
    h('div', { class: 'guess-play' }, playCard, you.element),
    sourceBox,
  );

  // Play state: the seeded game (src/coding/questions/guessingGame.ts) and its timer.
  let game: GuessingGame = createGuessingGame(built.code, ctx.state().p, ctx.state().seed);
  let timer: number | undefined;
  let playing = false;

  function resetPlay(): void {
    stop();
    game = createGuessingGame(built.code, ctx.state().p, ctx.state().seed);
    live.textContent = t('guess.idle', { seed: ctx.state().seed });
    tree?.highlight(undefined);
    showStats();
  }

  const findable = () => Number.isFinite(built.expected);

  /** One animation step: draw a secret, ask one question, or finish the round. */
  function tick(): void {
    if (!findable()) return;
    const event = game.step();
    if (event.kind === 'drawn') {
      live.textContent = t('guess.drawn', { n: event.round, secret: outcomeName(event.secret) });
      tree?.highlight('');
    } else if (event.kind === 'asked') {
      live.textContent = t('guess.asked', { i: event.question, set: `{${letters(event.asked)}}`, answer: t(event.answer ? 'guess.yes' : 'guess.no') });
      tree?.highlight(event.answers);
    } else {
      live.textContent = t('guess.found', { secret: outcomeName(event.secret), k: event.questions });
      showStats();
    }
  }

  /** Many rounds at once, without animation. */
  function fastTick(): void {
    const found = game.playRounds(Math.min(FAST_ROUNDS_PER_TICK, MAX_ROUNDS - game.rounds));
    if (found) {
      tree?.highlight(built.code.codes[found.secret] ?? undefined);
      live.textContent = t('guess.found', { secret: outcomeName(found.secret), k: found.questions });
    }
    showStats();
  }

  function schedule(): void {
    if (!playing) return;
    if (game.rounds >= MAX_ROUNDS) {
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
    const { means } = game;
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
        means: game.means,
        width: chartWidth,
        references: [
          // Dashed lines last, so H(p,q) stays visible where it equals H(p).
          { value: built.hp, color: COLORS.hp },
          { value: built.hpq, color: COLORS.hpq, dash: '6,3' },
          { value: built.expected, color: COLORS.expected, dash: '2,3' },
        ],
        xLabel: t('guess.chartX'),
        yLabel: t('guess.chartY'),
        ariaLabel: t('guess.chartData', { rounds: game.means.length, mean: formatMeasure(game.means.at(-1) ?? NaN), hp: formatMeasure(built.hp), hpq: formatMeasure(built.hpq) }),
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
