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
    // The default page is the story, #/.
    expect(formatHash(defaultState())).toBe('#/?lang=en');
    expect(parseHash('#/?lang=en').state).toEqual(defaultState());
    expect(parseHash('').state).toEqual(defaultState());
    expect(parseHash('#/entropy?lang=en').state).toEqual({ ...defaultState(), route: 'entropy' });
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

  it('round-trips the neuron and derivation settings, sliders exactly', () => {
    const state: LabState = {
      ...defaultState('zh'),
      route: 'neuron',
      nw: -0.6,
      nb: 0.9,
      eta: 0.005,
      nx: 1.25,
      ny: 0.2,
      epochs: 1200,
      at: 37,
      axes: 'separate',
      step: 'book',
      dy: 0.35,
      delta: 'cubed-error',
    };
    const hash = formatHash(state);
    expect(hash).toBe('#/neuron?lang=zh&nw=-0.6&nb=0.9&eta=0.005&nx=1.25&ny=0.2&epochs=1200&at=37&axes=separate&step=book&dy=0.35&delta=cubed-error');
    expect(parseHash(hash)).toEqual({ state, problems: [] });
    expect(parseHash('#/derivation?dy=1&delta=half-error').state).toMatchObject({ route: 'derivation', dy: 1, delta: 'half-error' });
  });

  it('rejects neuron values outside the sliders, non-numbers and fractional epochs, naming each', () => {
    const { state, problems } = parseHash('#/neuron?nw=7&nb=abc&eta=0&ny=1.5&epochs=2.5&at=-1&axes=both&step=sgd&dy=-0.1&delta=hinge&nx=1e999');
    expect(problems.map((e) => e.field).sort()).toEqual(['at', 'axes', 'delta', 'dy', 'epochs', 'eta', 'nb', 'nw', 'nx', 'ny', 'step']);
    expect(state).toEqual({ ...defaultState(), route: 'neuron' });
  });

  it('clamps the shown epoch to the run, and says so', () => {
    const { state, problems } = parseHash('#/neuron?epochs=50&at=300');
    expect(problems.map((e) => e.field)).toEqual(['at']);
    expect(state).toMatchObject({ epochs: 50, at: 50 });
  });

  it('blames only p when p is unreadable, although the q that was given no longer matches it', () => {
    const { state, problems } = parseHash('#/entropy?p=abc&q=1,2,3');
    expect(problems.map((e) => e.field)).toEqual(['p']);
    expect(state.q).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('keeps the colours and the evaluation settings in the URL, and rejects what they cannot be', () => {
    const state = { ...defaultState('en'), route: 'eval' as const, theme: 'dark' as const, evalExample: 'overconfident' as const, evalInput: 'logits' as const, evalBinning: 'quantile' as const, evalBins: 10, evalNormalize: 'on' as const };
    const hash = formatHash(state);
    expect(hash).toBe('#/eval?lang=en&theme=dark&evalExample=overconfident&evalInput=logits&evalBinning=quantile&evalBins=10&evalNormalize=on');
    expect(parseHash(hash)).toEqual({ state, problems: [] });
    const bad = parseHash('#/eval?theme=pink&evalExample=x&evalBins=0&evalNormalize=yes&evalInput=odds&evalBinning=log');
    expect(bad.problems.map((e) => e.field).sort()).toEqual(['evalBinning', 'evalBins', 'evalExample', 'evalInput', 'evalNormalize', 'theme']);
    expect(bad.state).toEqual({ ...defaultState(), route: 'eval' });
  });
});
