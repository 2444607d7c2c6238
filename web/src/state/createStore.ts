import type { LabState } from './labState.js';

export interface Store {
  get(): LabState;
  set(patch: Partial<LabState>): void;
  subscribe(listener: (state: LabState, previous: LabState) => void): void;
}

/** The one place the state lives; listeners render it and write it to the URL. */
export function createStore(initial: LabState): Store {
  let state = initial;
  const listeners: ((state: LabState, previous: LabState) => void)[] = [];
  return {
    get: () => state,
    set(patch) {
      const previous = state;
      state = { ...state, ...patch };
      for (const listener of listeners) listener(state, previous);
    },
    subscribe: (listener) => void listeners.push(listener),
  };
}
