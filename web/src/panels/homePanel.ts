import { EXERCISE_IDS } from '../exercises/exerciseCatalog.js';
import { clearExerciseProgress, exerciseState } from '../exercises/exerciseProgress.js';
import type { MessageKey } from '../i18n/messages.js';
import { formatHash } from '../state/hashSchema.js';
import { ROUTES, type LabState } from '../state/labState.js';
import { h } from '../ui/h.js';
import { createHomeFigure } from './homeFigure.js';
import './homePanel.css';
import type { CreatePanel } from './Panel.js';

/**
 * The story's steps in order, each with the route that tells it. `mnist` and `eval` are
 * added by other pages; until their route exists the step says it is on its way.
 */
const STEPS: { route: string; title: MessageKey; text: MessageKey }[] = [
  { route: 'entropy', title: 'home.entropy.title', text: 'home.entropy.text' },
  { route: 'guess', title: 'home.crossEntropy.title', text: 'home.crossEntropy.text' },
  { route: 'code', title: 'home.code.title', text: 'home.code.text' },
  { route: 'neuron', title: 'home.neuron.title', text: 'home.neuron.text' },
  { route: 'derivation', title: 'home.derivation.title', text: 'home.derivation.text' },
  { route: 'mnist', title: 'home.mnist.title', text: 'home.mnist.text' },
  { route: 'eval', title: 'home.eval.title', text: 'home.eval.text' },
];

/** `#/`: a live figure, then the whole story, entropy → … → evaluation, with the reader's progress. */
export const createHomePanel: CreatePanel = (ctx) => {
  const { t } = ctx;
  const links: { a: HTMLAnchorElement; route: LabState['route'] }[] = [];
  const marks: { route: string; element: HTMLElement }[] = [];
  const items = STEPS.map((step, i) => {
    const route = ROUTES.find((r) => r === step.route);
    let action: HTMLElement;
    if (route) {
      const a = h('a', { class: 'button story-link', 'data-route': route }, t('home.open'), ' → ');
      links.push({ a, route });
      action = a;
    } else {
      action = h('p', { class: 'hint story-soon' }, t('home.soon'));
    }
    const mark = h('p', { class: 'story-progress', 'data-progress': step.route });
    marks.push({ route: step.route, element: mark });
    return h(
      'li',
      { class: 'story-step', 'data-step': step.route },
      h('span', { class: 'story-number', 'aria-hidden': 'true' }, String(i + 1)),
      h('div', { class: 'story-body' }, h('h3', {}, t(step.title)), h('p', {}, t(step.text)), mark, action),
    );
  });

  function showProgress(): void {
    for (const { route, element } of marks) {
      const ids = EXERCISE_IDS[route] ?? [];
      const right = ids.filter((id) => exerciseState(id) === 'right').length;
      element.dataset.done = String(right);
      element.dataset.total = String(ids.length);
      element.replaceChildren(
        ...(ids.length === 0
          ? [t('home.progressNone')]
          : [
              h('span', { class: 'story-dots', 'aria-hidden': 'true' }, ...ids.map((id) => h('span', { class: `story-dot dot-${exerciseState(id)}` }))),
              ' ',
              t('home.progress', { k: right, n: ids.length }),
            ]),
      );
    }
  }

  const cleared = h('p', { class: 'hint progress-cleared', role: 'status' });
  const clearButton = h(
    'button',
    {
      type: 'button',
      class: 'button secondary clear-progress',
      onclick: () => {
        clearExerciseProgress();
        showProgress();
        cleared.textContent = t('home.clearedProgress');
      },
    },
    t('home.clearProgress'),
  );

  const figure = createHomeFigure(t, ctx.state);
  const element = h(
    'section',
    { class: 'panel panel-home', 'aria-labelledby': 'panel-title' },
    h('h2', { id: 'panel-title' }, t('home.title')),
    h('div', { class: 'home-opening' }, h('p', { class: 'intro' }, t('home.intro')), figure.element),
    h('ol', { class: 'story' }, ...items),
    h('section', { class: 'card home-progress' }, h('h3', {}, t('home.progressTitle')), h('p', {}, t('home.progressIntro')), clearButton, cleared),
  );
  showProgress();
  return {
    element,
    update(state) {
      // Links carry the current settings, so the language and every choice travel along.
      for (const { a, route } of links) a.href = formatHash({ ...state, route });
      figure.update(state);
    },
    dispose: () => figure.dispose(),
  };
};
