import type { MessageKey } from '../i18n/messages.js';
import { formatHash } from '../state/hashSchema.js';
import { ROUTES, type LabState } from '../state/labState.js';
import { h } from '../ui/h.js';
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

/** `#/`: the whole story, entropy → cross-entropy → code length → the neuron → the derivation → MNIST. */
export const createHomePanel: CreatePanel = (ctx) => {
  const { t } = ctx;
  const links: { a: HTMLAnchorElement; route: LabState['route'] }[] = [];
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
    return h(
      'li',
      { class: 'story-step', 'data-step': step.route },
      h('span', { class: 'story-number', 'aria-hidden': 'true' }, String(i + 1)),
      h('div', { class: 'story-body' }, h('h3', {}, t(step.title)), h('p', {}, t(step.text)), action),
    );
  });
  const element = h(
    'section',
    { class: 'panel panel-home', 'aria-labelledby': 'panel-title' },
    h('h2', { id: 'panel-title' }, t('home.title')),
    h('p', { class: 'intro' }, t('home.intro')),
    h('ol', { class: 'story' }, ...items),
  );
  return {
    element,
    update(state) {
      // Links carry the current settings, so the language and every choice travel along.
      for (const { a, route } of links) a.href = formatHash({ ...state, route });
    },
  };
};
