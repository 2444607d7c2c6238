import type { Translate } from '../i18n/translate.js';
import { formatHash } from '../state/hashSchema.js';
import { WORKED_P, WORKED_Q, type LabState } from '../state/labState.js';
import { formatMeasure } from '../ui/formatMeasure.js';
import { h } from '../ui/h.js';
import { crossEntropyArea } from '../widgets/crossEntropyArea.js';
import { createCrossEntropyAreaView } from '../widgets/crossEntropyAreaView.js';

/** Seconds for q to travel from the worked example's q to p, and back again as long. */
const HALF_PERIOD_S = 5;
/** About 20 frames a second: smooth enough for a slow change, and light on a phone's battery. */
const FRAME_MS = 50;

/** q on its way to p at `s` ∈ [0, 1]: a straight line between two distributions stays one. */
export function qTowardsP(s: number): number[] {
  return WORKED_Q.map((qk, k) => (1 - s) * qk + s * WORKED_P[k]);
}

/**
 * The home page's opening figure: cross-entropy as an area while a model learns, q moving
 * towards p and back. The red part, KL(p‖q), shrinks to nothing as q reaches p, and H(p,q)
 * falls to H(p). It moves only when asked where the reader prefers reduced motion, and has
 * a pause button (anything that moves for more than five seconds needs one).
 */
export function createHomeFigure(t: Translate, state: () => LabState): { element: HTMLElement; update(state: LabState): void; dispose(): void } {
  const view = createCrossEntropyAreaView({ t, height: 130, compact: true });
  const reading = h('p', { class: 'home-figure-reading' });
  const toggle = h('button', { type: 'button', class: 'chip home-figure-toggle' });
  const link = h('a', { class: 'home-figure-link' }, t('home.figureTry'), ' →');
  const element = h(
    'figure',
    { class: 'home-figure', 'data-figure': 'learning-area' },
    view.element,
    h('figcaption', {}, h('p', { class: 'home-figure-caption' }, t('home.figureCaption')), reading, h('p', { class: 'home-figure-actions' }, toggle, ' ', link)),
  );

  const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  let playing = !reduced;
  let s = 0;
  let direction = 1;
  let frame: number | undefined;
  let lastTime: number | undefined;
  let lastDrawn = -Infinity;

  function draw(): void {
    const q = qTowardsP(s);
    const unit = state().unit;
    view.update(WORKED_P, q, unit);
    const area = crossEntropyArea(WORKED_P, q, unit);
    reading.textContent = t('area.total', { hpq: formatMeasure(area.crossEntropy), hp: formatMeasure(area.entropy), kl: formatMeasure(area.kl), unit: t(unit === 'bits' ? 'unit.bits' : 'unit.nats') });
  }
  function tick(time: number): void {
    frame = undefined;
    if (!playing) return;
    if (lastTime !== undefined) {
      s += (direction * (time - lastTime)) / 1000 / HALF_PERIOD_S;
      if (s >= 1 || s <= 0) {
        s = Math.min(1, Math.max(0, s));
        direction = -direction;
      }
    }
    lastTime = time;
    if (time - lastDrawn >= FRAME_MS) {
      lastDrawn = time;
      draw();
    }
    frame = requestAnimationFrame(tick);
  }
  function showToggle(): void {
    toggle.textContent = t(playing ? 'home.figurePause' : 'home.figurePlay');
  }
  toggle.addEventListener('click', () => {
    playing = !playing;
    lastTime = undefined;
    showToggle();
    if (playing && frame === undefined) frame = requestAnimationFrame(tick);
  });
  showToggle();
  draw();
  if (playing) frame = requestAnimationFrame(tick);

  return {
    element,
    update(next) {
      link.href = formatHash({ ...next, route: 'entropy' });
      if (!playing) draw();
    },
    dispose() {
      playing = false;
      if (frame !== undefined) cancelAnimationFrame(frame);
      view.dispose();
    },
  };
}
