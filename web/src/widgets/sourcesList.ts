import type { Translate } from '../i18n/translate.js';
import { h } from '../ui/h.js';

/** Where the learning pages' story and numbers come from, named and linked. */
export const SOURCES = [
  { key: 'sources.article', href: 'https://huaqi.blue/' },
  { key: 'sources.nielsen', href: 'http://neuralnetworksanddeeplearning.com/chap3.html' },
] as const;

export function sourcesList(t: Translate): HTMLElement {
  return h(
    'section',
    { class: 'sources' },
    h('h3', {}, t('sources.title')),
    h(
      'ul',
      {},
      ...SOURCES.map((s) => h('li', { 'data-source': s.key }, h('a', { href: s.href, rel: 'noopener noreferrer', target: '_blank' }, t(s.key)))),
    ),
  );
}
