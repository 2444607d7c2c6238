import { trainNeuron, type NeuronCostName } from '../../../src/nn/neuron.js';

/** The start the exercises of #/neuron ask about: Nielsen's saturated (w, b) = (2, 2), x = 1, y = 0, η = 0.15. */
export const EXERCISE_START = { w: 2, b: 2, eta: 0.15, x: 1, y: 0 } as const;

/** The output the first exercise asks the neuron to fall below. */
export const BELOW_A = 0.1;

export interface FirstBelow {
  /** The first epoch at which a < BELOW_A, for each cost; undefined if not within `maxEpochs`. */
  quadratic?: number;
  crossEntropy?: number;
  /** Which gets there first ('same' for the same epoch or neither within maxEpochs). */
  first: NeuronCostName | 'same';
  maxEpochs: number;
}

/** Trains both costs from EXERCISE_START with the library and reads when each a first drops below BELOW_A. */
export function firstBelow(maxEpochs = 2000): FirstBelow {
  const at = (cost: NeuronCostName) => {
    const k = trainNeuron({ ...EXERCISE_START, cost, epochs: maxEpochs }).trace.findIndex((r) => r.a < BELOW_A);
    return k < 0 ? undefined : k;
  };
  const quadratic = at('quadratic');
  const crossEntropy = at('cross-entropy');
  const q = quadratic ?? Infinity;
  const x = crossEntropy ?? Infinity;
  return { quadratic, crossEntropy, first: q === x ? 'same' : q < x ? 'quadratic' : 'cross-entropy', maxEpochs };
}

export interface FirstSteps {
  /** Δw of each cost's first step, from the library's runs (row 1 − row 0). */
  quadraticDw: number;
  crossEntropyDw: number;
  /** crossEntropyDw / quadraticDw. */
  ratio: number;
  /** a and σ′(z) = a(1 − a) at the start. */
  a: number;
  sigmaPrime: number;
}

/** The first step of each cost from EXERCISE_START, read off the library's training runs. */
export function firstSteps(): FirstSteps {
  const run = (cost: NeuronCostName) => trainNeuron({ ...EXERCISE_START, cost, epochs: 1 }).trace;
  const q = run('quadratic');
  const x = run('cross-entropy');
  const quadraticDw = q[1].w - q[0].w;
  const crossEntropyDw = x[1].w - x[0].w;
  const a = q[0].a;
  return { quadraticDw, crossEntropyDw, ratio: crossEntropyDw / quadraticDw, a, sigmaPrime: q[0].dCdz / (a - EXERCISE_START.y) };
}

/** The relative tolerance of the step exercise's answer. */
export const STEP_TOLERANCE = 0.05;
