import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from './hashSchema.js';
import { defaultState, type LabState } from './labState.js';

describe('hash schema', () => {
  it('round-trips every setting', () => {
    const state: LabState = {
      ...defaultState(),
      route: 'code',
      lang: 'zh',
      unit: 'nats',
      p: [0.2, 0.3, 0.5],
      q: [0.5, 0.25, 0.25],
      strategy: 'shannon',
      seed: 42,
      text: '熵 & cross-entropy, 100% = 1?',
      model: 'order3',
    };
    const hash = formatHash(state);
    expect(hash.startsWith('#/code?')).toBe(true);
    const back = parseHash(hash);
    expect(back.problems).toEqual([]);
    expect(back.state).toEqual(state);
  });

  it('writes only the language for the default view, and reads it back', () => {
    expect(formatHash(defaultState())).toBe('#/entropy?lang=en');
    expect(parseHash('#/entropy?lang=en').state).toEqual(defaultState());
    expect(parseHash('').state).toEqual(defaultState());
  });

  it('keeps p and q readable and exact for dyadic values', () => {
    const s = { ...defaultState(), p: [0.5, 0.5], q: [0.125, 0.875] };
    expect(formatHash(s)).toContain('p=0.5,0.5&q=0.125,0.875');
  });

  it('rescales counts and takes the browser language only when the hash names none', () => {
    const { state, problems } = parseHash('#/guess?p=1,1,2&q=2,1,1', 'zh');
    expect(problems).toEqual([]);
    expect(state).toMatchObject({ route: 'guess', lang: 'zh', p: [0.25, 0.25, 0.5], q: [0.5, 0.25, 0.25] });
    expect(parseHash('#/guess?lang=en', 'zh').state.lang).toBe('en');
  });

  it('reports invalid parts, names them, and falls back to defaults', () => {
    const { state, problems } = parseHash('#/nowhere?unit=furlongs&p=1,-1&seed=x&model=9&foo=1&lang=fr');
    expect(state).toEqual(defaultState());
    expect(problems.map((e) => e.field).sort()).toEqual(['foo', 'lang', 'model', 'p', 'route', 'seed', 'unit']);
    expect(problems.find((e) => e.field === 'p')?.message).toMatch(/not a number \(p, index 1\)/);
  });

  it('refuses sizes outside 2 to 26, zero sums and infinities', () => {
    for (const p of ['1', Array(27).fill(1).join(','), '0,0', '1,Infinity', '1,1e400']) {
      const { problems } = parseHash(`#/entropy?p=${p}`);
      expect(problems).toHaveLength(1);
      expect(problems[0].field).toBe('p');
    }
  });

  it('resets q to uniform when p and q disagree in length', () => {
    const { state, problems } = parseHash('#/entropy?p=1,1,1&q=1,1');
    expect(problems.map((e) => e.field)).toEqual(['q']);
    expect(state.q).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });
});
