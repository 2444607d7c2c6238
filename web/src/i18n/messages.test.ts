import { describe, expect, it } from 'vitest';
import { messages } from './messages.js';
import { translator } from './translate.js';

const CJK = /[\u3400-\u9fff]/;
// Labels that are the same in both languages: formulas and the language switch's target.
const SAME_IN_BOTH = new Set(['stack.title']);

describe('messages', () => {
  it('has every message in English and in Chinese', () => {
    for (const [key, m] of Object.entries(messages)) {
      expect([key, m.en.trim().length > 0, m.zh.trim().length > 0]).toEqual([key, true, true]);
      if (SAME_IN_BOTH.has(key)) continue;
      expect([key, m.zh === m.en]).toEqual([key, false]);
    }
  });

  it('writes the Chinese in Chinese, apart from symbols and the switch back to English', () => {
    const latinOnly = Object.entries(messages)
      .filter(([key, m]) => !CJK.test(m.zh) && !SAME_IN_BOTH.has(key))
      .map(([key]) => key);
    expect(latinOnly.sort()).toEqual(['guess.listSep', 'notice.listSep', 'lang.switch', 'preset.workedHint'].sort());
  });

  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, m] of Object.entries(messages)) expect([key, names(m.zh)]).toEqual([key, names(m.en)]);
  });

  it('fills placeholders', () => {
    expect(translator('en')('guess.found', { secret: 'C', k: 3 })).toBe('Found C. Questions asked: 3.');
    expect(translator('zh')('guess.found', { secret: 'C', k: 3 })).toBe('问了 3 次，找到了 C。');
  });
});
