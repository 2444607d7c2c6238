/** The panels, each with its own route (`#/entropy`, `#/guess`, …); `home` is `#/`. */
export const ROUTES = ['home', 'entropy', 'guess', 'code', 'neuron', 'derivation', 'mnist', 'eval'] as const;
export type Route = (typeof ROUTES)[number];

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** The lab shows bits or nats; bans exist in the library but teach nothing new here. */
export const UNITS = ['bits', 'nats'] as const;
export type LabUnit = (typeof UNITS)[number];

/** Light or dark colours; `auto` follows the system's setting (prefers-color-scheme). */
export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** #/eval: the files the page scores, the reader's own or one of the built-in examples. */
export const EVAL_EXAMPLES = ['files', 'calibrated', 'overconfident', 'mnist'] as const;
export type EvalExample = (typeof EVAL_EXAMPLES)[number];
export { BINNINGS, INPUT_KINDS } from '../../../src/eval/EvalOptions.js';
import type { Binning, InputKind } from '../../../src/eval/EvalOptions.js';
export const EVAL_MAX_BINS = 100;
export const ON_OFF = ['off', 'on'] as const;
export type OnOff = (typeof ON_OFF)[number];

export const STRATEGIES = ['huffman', 'shannon'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** The arithmetic coder's models, named as the library and `xent compress --model` name them. */
export { MODEL_NAMES } from '../../../src/coding/index.js';
export type { ModelName } from '../../../src/coding/index.js';
import type { ModelName } from '../../../src/coding/index.js';

export { COST_NAMES, WEIGHT_INITS } from '../../../src/nn/Network.js';
import type { CostName } from '../../../src/nn/Cost.js';
import type { WeightInit } from '../../../src/nn/Network.js';
export type { CostName, WeightInit };

/** #/mnist: the choices of hidden units and training digits. */
export const MNIST_HIDDEN_SIZES = [10, 30, 100] as const;
export const MNIST_TRAIN_SIZES = [1000, 2000, 4000, 8000] as const;
export const MNIST_MAX_EPOCHS = 60;

/**
 * #/mnist starts by comparing like with like: cross-entropy (A) against quadratic (B) at the
 * same learning rate, 8,000 training digits. Only the cost differs between the runs.
 */
export const DEFAULT_MNIST = {
  mnistCost: 'cross-entropy',
  mnistHidden: 30,
  mnistEta: 0.5,
  mnistLambda: 0,
  mnistInit: 'default',
  vsCost: 'quadratic',
  vsHidden: 30,
  vsEta: 0.5,
  vsLambda: 0,
  vsInit: 'default',
  mnistEpochs: 10,
  mnistSeed: 1,
  mnistTrain: 8000,
  mnistUnits: 'weights',
} as const satisfies Partial<LabState>;

/** #/mnist's hidden-unit images: the weights themselves, or their change since the start. */
export const UNIT_VIEWS = ['weights', 'change'] as const;
export type UnitView = (typeof UNIT_VIEWS)[number];

/** Outcomes are named A, B, C…, hence at most 26. */
export const MIN_OUTCOMES = 2;
export const MAX_OUTCOMES = 26;

/** Longest text kept in the URL: a shareable link, not a file transfer. */
export const MAX_TEXT_LENGTH = 4000;

/** Everything the page shows is a function of this state, which lives in the URL hash. */
export interface LabState {
  route: Route;
  lang: Lang;
  unit: LabUnit;
  theme: Theme;
  /** The true distribution. */
  p: number[];
  /** The model's distribution: the strategy and the code are built from it. */
  q: number[];
  /** How the question tree is built from q. */
  strategy: Strategy;
  /** Seed of the secrets drawn by Play, so a shared link replays the same game. */
  seed: number;
  /** Text compressed on the code panel. */
  text: string;
  /** The arithmetic coder's context model. */
  model: ModelName;
  /** #/neuron: the start (w₀, b₀), η, the example (x, y) and the number of epochs. */
  nw: number;
  nb: number;
  eta: number;
  nx: number;
  ny: number;
  epochs: number;
  /** #/neuron: the epoch shown (the animation's position), 0 … epochs. */
  at: number;
  /** #/neuron: both costs on shared axes, or each on its own. */
  axes: NeuronAxes;
  /** #/neuron: the cross-entropy steps by its true ∂C/∂z, or by ∂C/∂a as the book's widget does. */
  step: NeuronStep;
  /** #/derivation: the target y of the integral, and the ∂C/∂z the reader demands. */
  dy: number;
  delta: DemandedDeltaName;
  // #/mnist: run A (mnist…) and the run it is compared with, B (vs…), on the same data,
  // seed and number of epochs.
  mnistCost: CostName;
  mnistHidden: number;
  mnistEta: number;
  mnistLambda: number;
  mnistInit: WeightInit;
  vsCost: CostName;
  vsHidden: number;
  vsEta: number;
  vsLambda: number;
  vsInit: WeightInit;
  mnistEpochs: number;
  /** Seed of the weights and shuffles, as `xent train --seed`. */
  mnistSeed: number;
  /** Training digits, as `xent train --train-size` (the test digits are always 2,000). */
  mnistTrain: number;
  /** What the hidden units' images show. */
  mnistUnits: UnitView;
  /** #/eval: what is scored, and how (as `xent eval --input --binning --bins --normalize`). */
  evalExample: EvalExample;
  evalInput: InputKind;
  evalBinning: Binning;
  evalBins: number;
  evalNormalize: OnOff;
}

export const NEURON_AXES = ['shared', 'separate'] as const;
export type NeuronAxes = (typeof NEURON_AXES)[number];
export const NEURON_STEPS = ['true', 'book'] as const;
export type NeuronStep = (typeof NEURON_STEPS)[number];
export { DEMANDED_DELTA_NAMES } from '../../../src/experiments/demandedDelta.js';
export type { DemandedDeltaName } from '../../../src/experiments/demandedDelta.js';
import type { DemandedDeltaName } from '../../../src/experiments/demandedDelta.js';

/** Slider ranges of #/neuron; the hash accepts the same. */
export const NEURON_LIMITS = {
  nw: [-6, 6],
  nb: [-6, 6],
  eta: [0.001, 2],
  nx: [-3, 3],
  ny: [0, 1],
  epochs: [0, 2000],
} as const;

/** The article's saturated start, (2, 2) at η = 0.15 for 300 epochs. */
export const NEURON_DEFAULTS = { nw: 2, nb: 2, eta: 0.15, nx: 1, ny: 0, epochs: 300, at: 300, axes: 'shared', step: 'true' } as const satisfies Partial<LabState>;

export const WORKED_P: readonly number[] = [1 / 2, 1 / 4, 1 / 8, 1 / 8];
export const WORKED_Q: readonly number[] = [1 / 8, 1 / 2, 1 / 4, 1 / 8];

export const DEFAULT_TEXT =
  'to be or not to be that is the question whether tis nobler in the mind to suffer ' +
  'the slings and arrows of outrageous fortune or to take arms against a sea of troubles';

export function defaultState(lang: Lang = 'en'): LabState {
  return {
    route: 'home',
    lang,
    unit: 'bits',
    theme: 'auto',
    p: [...WORKED_P],
    q: [...WORKED_Q],
    strategy: 'huffman',
    seed: 1,
    text: DEFAULT_TEXT,
    model: 'order2',
    ...NEURON_DEFAULTS,
    dy: 0,
    delta: 'signed-square',
    ...DEFAULT_MNIST,
    evalExample: 'files',
    evalInput: 'probs',
    evalBinning: 'uniform',
    evalBins: 15,
    evalNormalize: 'off',
  };
}

/** The name of outcome k: A, B, C, … */
export function outcomeName(k: number): string {
  return String.fromCharCode(65 + k);
}
