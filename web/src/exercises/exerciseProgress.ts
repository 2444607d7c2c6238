import type { ExerciseState } from './Exercise.js';

/** The one localStorage key of the lab's exercises: a JSON object `{ [id]: 'right' | 'wrong' }`. */
export const EXERCISE_STORAGE_KEY = 'xent-lab-exercises';

// Storage can be missing (a file: URL in some browsers, a sandboxed frame) or throw on
// access (blocked cookies) or on write (quota). Progress is then kept for the page's life only.
let memory: Record<string, 'right' | 'wrong'> = {};
let storageFailed = false;

function storage(): Storage | undefined {
  if (storageFailed) return undefined;
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    storageFailed = true;
    return undefined;
  }
}

function readAll(): Record<string, 'right' | 'wrong'> {
  const store = storage();
  if (!store) return memory;
  let text: string | null;
  try {
    text = store.getItem(EXERCISE_STORAGE_KEY);
  } catch {
    storageFailed = true;
    return memory;
  }
  if (text === null) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  // Whatever else a damaged or foreign value holds is dropped, never trusted.
  const kept: Record<string, 'right' | 'wrong'> = {};
  for (const [id, v] of Object.entries(parsed as Record<string, unknown>)) if (v === 'right' || v === 'wrong') kept[id] = v;
  return kept;
}

function writeAll(all: Record<string, 'right' | 'wrong'>): void {
  memory = all;
  const store = storage();
  if (!store) return;
  try {
    store.setItem(EXERCISE_STORAGE_KEY, JSON.stringify(all));
  } catch {
    // Quota or a blocked store: from now on `memory` keeps the verdicts, for this page's life.
    storageFailed = true;
  }
}

/** Keeps the latest verdict on exercise `id`: a new answer replaces the old one. */
export function recordVerdict(id: string, right: boolean): void {
  writeAll({ ...readAll(), [id]: right ? 'right' : 'wrong' });
}

/** The latest verdict on exercise `id`, or 'unanswered'. */
export function exerciseState(id: string): ExerciseState {
  return readAll()[id] ?? 'unanswered';
}

/** Forgets every verdict. */
export function clearExerciseProgress(): void {
  memory = {};
  const store = storage();
  if (!store) return;
  try {
    store.removeItem(EXERCISE_STORAGE_KEY);
  } catch {
    // Nothing stored that could be removed.
  }
}
