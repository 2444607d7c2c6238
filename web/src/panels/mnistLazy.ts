import { h } from '../ui/h.js';
import type { CreatePanel, Panel } from './Panel.js';

/**
 * `#/mnist`, loaded when the route is first opened: its code (and later its digits)
 * stay out of the page the other panels load. Until the module arrives the panel shows
 * its title; state changes meanwhile are passed on when it does.
 */
export const createMnistPanelLazily: CreatePanel = (ctx) => {
  const placeholder = h(
    'section',
    { class: 'panel panel-mnist', 'aria-labelledby': 'panel-title', 'aria-busy': 'true' },
    h('h2', { id: 'panel-title' }, ctx.t('mnist.title')),
    h('p', { class: 'hint' }, ctx.t('mnist.loadingCode')),
  );
  const element = h('div', { class: 'panel-slot' }, placeholder);
  let inner: Panel | undefined;
  let disposed = false;
  import('./mnistPanel.js')
    .then(({ createMnistPanel }) => {
      if (disposed) return;
      inner = createMnistPanel(ctx);
      element.replaceChildren(inner.element);
      inner.update(ctx.state());
    })
    .catch((e: unknown) => {
      placeholder.append(h('p', { class: 'field-error', role: 'alert' }, String(e)));
    });
  return {
    element,
    update: (state) => inner?.update(state),
    dispose() {
      disposed = true;
      inner?.dispose?.();
    },
  };
};
