import { afterEach, describe, expect, it, vi } from 'vitest';

/** A Map-backed Storage, as a browser's localStorage behaves. */
function mapStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, String(v)),
  };
}

// Each test loads the module afresh: its fallback memory and failure flag are module state.
async function load() {
  vi.resetModules();
  return import('./exerciseProgress.js');
}

afterEach(() => vi.unstubAllGlobals());

describe('exercise progress', () => {
  it('records the latest verdict under one key, and clears it', async () => {
    const storage = mapStorage();
    vi.stubGlobal('localStorage', storage);
    const p = await load();
    expect(p.exerciseState('entropy.dropQ')).toBe('unanswered');
    p.recordVerdict('entropy.dropQ', false);
    p.recordVerdict('guess.meanQuestions', true);
    expect(p.exerciseState('entropy.dropQ')).toBe('wrong');
    p.recordVerdict('entropy.dropQ', true);
    expect(p.exerciseState('entropy.dropQ')).toBe('right');
    expect(JSON.parse(storage.getItem('xent-lab-exercises') ?? '')).toEqual({ 'entropy.dropQ': 'right', 'guess.meanQuestions': 'right' });
    // A fresh page reads what the last one wrote.
    const again = await load();
    expect(again.exerciseState('guess.meanQuestions')).toBe('right');
    again.clearExerciseProgress();
    expect(again.exerciseState('guess.meanQuestions')).toBe('unanswered');
    expect(storage.getItem('xent-lab-exercises')).toBeNull();
  });

  it('ignores a damaged or foreign stored value', async () => {
    const storage = mapStorage();
    vi.stubGlobal('localStorage', storage);
    const p = await load();
    for (const text of ['{not json', '[1,2]', 'null', '"right"']) {
      storage.setItem('xent-lab-exercises', text);
      expect(p.exerciseState('a')).toBe('unanswered');
    }
    storage.setItem('xent-lab-exercises', JSON.stringify({ a: 'right', b: 'maybe', c: 1 }));
    expect([p.exerciseState('a'), p.exerciseState('b'), p.exerciseState('c')]).toEqual(['right', 'unanswered', 'unanswered']);
    p.recordVerdict('d', false);
    expect(JSON.parse(storage.getItem('xent-lab-exercises') ?? '')).toEqual({ a: 'right', d: 'wrong' });
  });

  it('keeps verdicts for the page when there is no storage', async () => {
    vi.stubGlobal('localStorage', undefined);
    const p = await load();
    p.recordVerdict('a', true);
    expect(p.exerciseState('a')).toBe('right');
    p.clearExerciseProgress();
    expect(p.exerciseState('a')).toBe('unanswered');
  });

  it('keeps verdicts for the page when the storage throws', async () => {
    const throwing = mapStorage();
    throwing.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    vi.stubGlobal('localStorage', throwing);
    const p = await load();
    expect(() => p.recordVerdict('a', false)).not.toThrow();
    expect(p.exerciseState('a')).toBe('wrong');
    const blocked = mapStorage();
    blocked.getItem = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    vi.stubGlobal('localStorage', blocked);
    const q = await load();
    expect(q.exerciseState('a')).toBe('unanswered');
    q.recordVerdict('a', true);
    expect(q.exerciseState('a')).toBe('right');
    expect(() => q.clearExerciseProgress()).not.toThrow();
  });
});
