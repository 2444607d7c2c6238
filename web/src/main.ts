import type { MessageKey } from './i18n/messages.js';
import { translator } from './i18n/translate.js';
import { createCodePanel } from './panels/codePanel.js';
import { createDerivationPanel } from './panels/derivationPanel.js';
import { createEntropyPanel } from './panels/entropyPanel.js';
import { createEvalPanel } from './panels/evalPanel.js';
import { createGuessPanel } from './panels/guessPanel.js';
import { createHomePanel } from './panels/homePanel.js';
import { createNeuronPanel } from './panels/neuronPanel.js';
import { createMnistPanelLazily } from './panels/mnistLazy.js';
import type { CreatePanel, Panel } from './panels/Panel.js';
import { createStore } from './state/createStore.js';
import { formatHash, parseHash } from './state/hashSchema.js';
import { ROUTES, UNITS, type LabState, type Lang, type Route } from './state/labState.js';
import { h } from './ui/h.js';

const PANELS: Record<Route, CreatePanel> = {
  entropy: createEntropyPanel,
  guess: createGuessPanel,
  code: createCodePanel,
  home: createHomePanel,
  neuron: createNeuronPanel,
  derivation: createDerivationPanel,
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
const langButton = h('button', { type: 'button', class: 'lang-toggle', onclick: () => store.set({ lang: store.get().lang === 'en' ? 'zh' : 'en' }) });
const noticeText = h('span');
const notice = h(
  'div',
  { class: 'notice', role: 'status', hidden: true },
  noticeText,
  h('button', { type: 'button', class: 'chip', onclick: () => (notice.hidden = true) }),
);
const main = h('main', { id: 'main', class: 'main' });
const footer = h('footer', { class: 'footer' });
document.body.replaceChildren(
  h(
    'header',
    { class: 'top' },
    h('div', { class: 'top-row' }, h('div', { class: 'brand' }, title, tagline), h('div', { class: 'settings' }, unitGroup, langButton)),
    nav,
  ),
  notice,
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
    langButton.setAttribute('aria-label', t('lang.switchLabel'));
    langButton.lang = state.lang === 'en' ? 'zh-CN' : 'en';
    (notice.lastElementChild as HTMLElement).textContent = t('notice.dismiss');
    footer.textContent = t('footer.offline');
    document.title = `${t(NAV[state.route])} · ${t('app.title')}`;
    panel?.dispose?.();
    panelKey = key;
    panel = PANELS[state.route]({ state: store.get, set: store.set, t });
    main.replaceChildren(panel.element);
  }
  navLinks.forEach((a, i) => {
    const route = ROUTES[i];
    a.href = formatHash({ ...state, route });
    if (route === state.route) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  for (const u of unitInputs) u.input.checked = u.unit === state.unit;
  panel?.update(state);
}

function showProblems(problems: { field: string }[], lang: Lang): void {
  if (problems.length === 0) return;
  noticeText.textContent = `${translator(lang)('notice.badLink')} ${problems.map((p) => p.field).join(', ')} `;
  notice.hidden = false;
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
