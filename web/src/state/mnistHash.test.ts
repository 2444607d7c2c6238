import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from './hashSchema.js';
import { DEFAULT_MNIST, defaultState, type LabState } from './labState.js';

describe('the #/mnist settings in the hash', () => {
  it('round-trip, and only what differs from the defaults is written', () => {
    const state: LabState = {
      ...defaultState('zh'),
      route: 'mnist',
      mnistCost: 'log-likelihood',
      mnistHidden: 100,
      mnistEta: 0.25,
      mnistLambda: 5,
      mnistInit: 'large',
      vsCost: 'cross-entropy',
      vsHidden: 10,
      vsEta: 0.05,
      vsLambda: 0.5,
      vsInit: 'large',
      mnistEpochs: 3,
      mnistSeed: 7,
      mnistTrain: 1000,
    };
    const hash = formatHash(state);
    expect(hash).toBe(
      '#/mnist?lang=zh&mnistCost=log-likelihood&mnistHidden=100&mnistEta=0.25&mnistLambda=5&mnistInit=large' +
        '&vsCost=cross-entropy&vsHidden=10&vsEta=0.05&vsLambda=0.5&vsInit=large&mnistEpochs=3&mnistSeed=7&mnistTrain=1000',
    );
    expect(parseHash(hash)).toEqual({ state, problems: [] });
    expect(formatHash({ ...defaultState(), route: 'mnist' })).toBe('#/mnist?lang=en');
    expect(parseHash('#/mnist').state).toMatchObject(DEFAULT_MNIST);
  });

  it('keeps what the hidden units show: the weights by default, or their change', () => {
    const hash = formatHash({ ...defaultState(), route: 'mnist', mnistUnits: 'change' });
    expect(hash).toBe('#/mnist?lang=en&mnistUnits=change');
    expect(parseHash(hash).state.mnistUnits).toBe('change');
    expect(parseHash('#/mnist?mnistUnits=delta').problems.map((p) => p.field)).toEqual(['mnistUnits']);
  });

  it('reads numbers written in any plain decimal form', () => {
    const { state, problems } = parseHash('#/mnist?mnistEta=.5&vsEta=3.0&mnistLambda=1e-1&mnistEpochs=007');
    expect(problems).toEqual([]);
    expect(state).toMatchObject({ mnistEta: 0.5, vsEta: 3, mnistLambda: 0.1, mnistEpochs: 7 });
  });

  it('names each invalid setting and keeps its default', () => {
    const hash =
      '#/mnist?mnistCost=hinge&mnistHidden=31&mnistEta=0&vsEta=-1&mnistLambda=x&vsLambda=Infinity&mnistInit=huge' +
      '&mnistEpochs=2.5&mnistSeed=-3&mnistTrain=500&vsHidden=&vsCost=&vsInit=0x1';
    const { state, problems } = parseHash(hash);
    expect(state).toEqual({ ...defaultState(), route: 'mnist' });
    expect(problems.map((p) => p.field).sort()).toEqual(
      ['mnistCost', 'mnistEpochs', 'mnistEta', 'mnistHidden', 'mnistInit', 'mnistLambda', 'mnistSeed', 'mnistTrain', 'vsCost', 'vsEta', 'vsHidden', 'vsInit', 'vsLambda'].sort(),
    );
    expect(problems.find((p) => p.field === 'mnistEta')?.message).toMatch(/'0' is not a number in \(0, 100\]/);
    expect(problems.find((p) => p.field === 'mnistEpochs')?.message).toMatch(/'2.5' is not a whole number in \[1, 60\]/);
    expect(parseHash('#/mnist?mnistEpochs=61').problems.map((p) => p.field)).toEqual(['mnistEpochs']);
    expect(parseHash('#/mnist?mnistEta=100').problems).toEqual([]);
  });
});
