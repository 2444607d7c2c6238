import type { MessageKey } from '../i18n/messages.js';
import { h } from '../ui/h.js';
import type { CreatePanel, Panel } from './Panel.js';

/**
 * A route whose code is fetched when it is first opened, so the page the lab opens on does
 * not wait for it. Until the module arrives the slot shows the route's title (not as a
 * `.panel`, so whoever waits for the page waits for the real one); state changes meanwhile
 * are passed on when it does. A second visit finds the module in the browser's cache.
 */
export function lazyPanel(title: MessageKey, load: () => Promise<CreatePanel>): CreatePanel {
  return (ctx) => {
    const placeholder = h('section', { class: 'panel-loading', 'aria-busy': 'true' }, h('h2', {}, ctx.t(title)));
    const element = h('div', { class: 'panel-slot' }, placeholder);
    let inner: Panel | undefined;
    let disposed = false;
    load()
      .then((create) => {
        if (disposed) return;
        inner = create(ctx);
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
}
