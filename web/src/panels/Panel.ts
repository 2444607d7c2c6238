import type { Translate } from '../i18n/translate.js';
import type { LabState } from '../state/labState.js';

/** What a panel may do: read the state, change it (which updates the URL), translate. */
export interface PanelContext {
  state(): LabState;
  set(patch: Partial<LabState>): void;
  t: Translate;
}

/**
 * A page of the lab. It is built once per route and language; `update` is then called
 * with every new state and must only change what differs (dragging calls it per frame).
 */
export interface Panel {
  element: HTMLElement;
  update(state: LabState): void;
  /** Stops timers and animations when the panel is left. */
  dispose?(): void;
}

export type CreatePanel = (ctx: PanelContext) => Panel;
