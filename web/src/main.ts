import './theme.css';
import './print.css';
import { messages, type MessageKey } from './i18n/messages.js';
import { translator } from './i18n/translate.js';
import { createEvalPanel } from './panels/evalPanel.js';
import { createHomePanel } from './panels/homePanel.js';
import { lazyPanel } from './panels/lazyPanel.js';
import { createMnistPanelLazily } from './panels/mnistLazy.js';
import type { CreatePanel, Panel } from './panels/Panel.js';
import { createStore } from './state/createStore.js';
import { HASH_SCHEMA, formatHash, parseHash } from './state/hashSchema.js';
import { defaultState, ROUTES, THEMES, UNITS, type LabState, type Lang, type Route, type Theme } from './state/labState.js';
import { h } from './ui/h.js';

// #/entropy, #/guess, #/code, #/neuron and #/derivation are fetched when first opened (see lazyPanel).
const PANELS: Record<Route, CreatePanel> = {
  entropy: lazyPanel('entropy.title', () => import('./panels/entropyPanel.js').then((m) => m.createEntropyPanel)),
  guess: lazyPanel('guess.title', () => import('./panels/guessPanel.js').then((m) => m.createGuessPanel)),
  code: lazyPanel('code.title', () => import('./panels/codePanel.js').then((m) => m.createCodePanel)),
  home: createHomePanel,
  neuron: lazyPanel('neuron.title', () => import('./panels/neuronPanel.js').then((m) => m.createNeuronPanel)),
  derivation: lazyPanel('derivation.title', () => import('./panels/derivationPanel.js').then((m) => m.createDerivationPanel)),
  mnist: createMnistPanelLazily,
  eval: createEvalPanel,
};
const NAV: Record<Route, MessageKey> = {
  entropy: 'nav.entropy',
  guess: 'nav.guess',
  code: 'nav.code',
  home: 'nav.home',
  neuron: 'nav.neuron',
  derivation: 'nav.derivation',
  mnist: 'nav.mnist',
  eval: 'nav.eval',
};

const browserLang: Lang = navigator.languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
const initial = parseHash(location.hash, browserLang);
const store = createStore(initial.state);
history.replaceState(null, '', formatHash(initial.state));

// The shell: built once; its texts are refreshed when the language changes.
const title = h('h1', { class: 'brand-title' });
const tagline = h('p', { class: 'tagline' });
const navLinks = ROUTES.map((route) => h('a', { class: 'nav-link', 'data-route': route }));
const nav = h('nav', { class: 'nav' }, ...navLinks);
const unitLegend = h('legend', { class: 'visually-hidden' });
const unitLabel = h('span', { class: 'unit-label', 'aria-hidden': 'true' });
const unitInputs = UNITS.map((unit) => {
  const input = h('input', { type: 'radio', name: 'unit', value: unit, id: `unit-${unit}` });
  input.addEventListener('change', () => input.checked && store.set({ unit }));
  const text = h('span');
  return { unit, input, text, label: h('label', { for: `unit-${unit}`, class: 'seg' }, input, text) };
});
const unitGroup = h('fieldset', { class: 'unit-toggle' }, unitLegend, unitLabel, ...unitInputs.map((u) => u.label));
const THEME_TEXT: Record<Theme, MessageKey> = { auto: 'theme.auto', light: 'theme.light', dark: 'theme.dark' };
const THEME_ICON: Record<Theme, string> = { auto: '◐', light: '☀', dark: '☾' };
// One button cycles the colours: as the system → light → dark.
const themeButton = h('button', {
  type: 'button',
  class: 'theme-toggle',
  onclick: () => store.set({ theme: THEMES[(THEMES.indexOf(store.get().theme) + 1) % THEMES.length] }),
});
const langButton = h('button', { type: 'button', class: 'lang-toggle', onclick: () => store.set({ lang: store.get().lang === 'en' ? 'zh' : 'en' }) });
const noticeText = h('span');
const notice = h(
  'div',
  { class: 'notice', role: 'status', hidden: true },
  noticeText,
  h('button', { type: 'button', class: 'chip', onclick: () => (notice.hidden = true) }),
);
const main = h('main', { id: 'main', class: 'main', tabindex: -1 });
const skipLink = h('a', { class: 'skip-link', href: '#main' });
// The link would change the hash, which holds the state: it moves the focus instead.
skipLink.addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
  main.scrollIntoView();
});
// Printed under the title: the settings of the view, and its link.
const printSettings = h('p', { class: 'print-only print-settings' });
const footer = h('footer', { class: 'footer' });
document.body.replaceChildren(
  skipLink,
  h(
    'header',
    { class: 'top' },
    h('div', { class: 'top-row' }, h('div', { class: 'brand' }, title, tagline), h('div', { class: 'settings' }, unitGroup, themeButton, langButton)),
    nav,
  ),
  notice,
  printSettings,
  main,
  footer,
);

let panel: Panel | undefined;
let panelKey = '';

function render(state: LabState): void {
  const t = translator(state.lang);
  const key = `${state.route}/${state.lang}`;
  if (key !== panelKey) {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    title.textContent = t('app.title');
    tagline.textContent = t('app.tagline');
    nav.setAttribute('aria-label', t('nav.label'));
    navLinks.forEach((a, i) => (a.textContent = t(NAV[ROUTES[i]])));
    unitLegend.textContent = t('unit.label');
    unitLabel.textContent = t('unit.label');
    for (const u of unitInputs) {
      u.text.textContent = t(u.unit === 'bits' ? 'unit.bits' : 'unit.nats');
      u.label.title = t(u.unit === 'bits' ? 'unit.bitsHint' : 'unit.natsHint');
    }
    langButton.textContent = t('lang.switch');
    skipLink.textContent = t('skip.toContent');
    langButton.setAttribute('aria-label', t('lang.switchLabel'));
    langButton.lang = state.lang === 'en' ? 'zh-CN' : 'en';
    (notice.lastElementChild as HTMLElement).textContent = t('notice.dismiss');
    footer.textContent = t('footer.offline');
    document.title = `${t(NAV[state.route])} · ${t('app.title')}`;
    panel?.dispose?.();
    panelKey = key;
    panel = PANELS[state.route]({ state: store.get, set: store.set, t });
    main.replaceChildren(panel.element);
    // On a phone the tabs scroll sideways: keep the current one in view. Only when the
    // page changes, since reading the layout costs a reflow.
    const active = navLinks.find((a) => a.dataset.route === state.route);
    if (active && nav.scrollWidth > nav.clientWidth) nav.scrollLeft = Math.max(0, active.offsetLeft - (nav.clientWidth - active.offsetWidth) / 2);
  }
  navLinks.forEach((a, i) => {
    const route = ROUTES[i];
    a.href = formatHash({ ...state, route });
    if (route === state.route) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  for (const u of unitInputs) u.input.checked = u.unit === state.unit;
  themeButton.textContent = THEME_ICON[state.theme];
  themeButton.dataset.theme = state.theme;
  themeButton.title = `${t('theme.label')}: ${t(THEME_TEXT[state.theme])}`;
  themeButton.setAttribute('aria-label', themeButton.title);
  document.documentElement.dataset.theme = state.theme;
  printSettings.replaceChildren(...printedSettings(state));

  panel?.update(state);
}

function showProblems(problems: { field: string }[], lang: Lang): void {
  if (problems.length === 0) return;
  const t = translator(lang);
  const named = new Set(problems.map((p) => settingName(p.field, t)));
  noticeText.textContent = `${t('notice.badLink', { what: [...named].join(t('notice.listSep')) })} `;
  notice.hidden = false;
}

/** A setting of the URL as the reader knows it ("the distribution p"), never its key. */
function settingName(field: string, t: ReturnType<typeof translator>): string {
  const key = `setting.${field}`;
  return key in messages ? t(key as MessageKey) : t('setting.unknown');
}

/** The view's settings in words, for the printout: what differs from the defaults. */
function printedSettings(state: LabState): (Node | string)[] {
  const t = translator(state.lang);
  const defaults = defaultState(state.lang);
  const changed = (HASH_SCHEMA as readonly { key: keyof LabState; format(v: never): string }[])
    .filter((c) => c.key !== 'lang' && c.key !== 'theme' && c.key !== 'text' && c.format(state[c.key] as never) !== c.format(defaults[c.key] as never))
    .map((c) => `${t(`setting.${c.key}` as MessageKey)} = ${c.format(state[c.key] as never)}`);
  const settings = changed.length === 0 ? t('print.defaults') : changed.join(t('notice.listSep'));
  // The link is an address, not prose: it keeps its own element.
  const link = h('span', { class: 'print-link' }, location.href.split('#')[0] + formatHash(state));
  const [before, after] = t('print.link', { url: '\u0000' }).split('\u0000');
  return [t('print.settings', { settings }), ' · ', before, link, after];
}

// Writing the URL: replaceState, throttled, because a drag changes the state every frame
// and browsers rate-limit history updates.
let pendingWrite: number | undefined;
function writeHash(): void {
  if (pendingWrite !== undefined) return;
  pendingWrite = window.setTimeout(() => {
    pendingWrite = undefined;
    const hash = formatHash(store.get());
    if (hash !== location.hash) history.replaceState(null, '', hash);
  }, 120);
}

store.subscribe((state) => {
  render(state);
  writeHash();
});

// Reading the URL: links, the back button, or an edited address.
window.addEventListener('hashchange', () => {
  const { state, problems } = parseHash(location.hash, store.get().lang);
  showProblems(problems, state.lang);
  if (formatHash(state) !== formatHash(store.get())) store.set(state);
  if (problems.length > 0) history.replaceState(null, '', formatHash(state));
});

showProblems(initial.problems, initial.state.lang);
render(store.get());
