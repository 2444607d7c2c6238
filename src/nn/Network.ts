import { XentError } from '../core/XentError.js';
import type { Rng } from '../core/random/createRng.js';
import { costs, type Cost, type CostName } from './Cost.js';

/**
 * A fully connected feed-forward network: sigmoid hidden layers and an output layer
 * whose activation is the one its cost is paired with (sigmoid for quadratic and
 * cross-entropy, softmax for log-likelihood; see Cost.ts).
 *
 * Layer l (0-based, l = 0 … sizes.length − 2) maps sizes[l] inputs to sizes[l+1]
 * outputs. `weights[l]` is row-major sizes[l+1] × sizes[l]: the row of output unit j is
 * contiguous, so a unit's weighted input is one dot product over adjacent memory.
 */
export interface Network {
  readonly sizes: readonly number[];
  readonly cost: Cost;
  readonly weights: Float64Array[];
  readonly biases: Float64Array[];
}

/** "default": N(0, 1/n_in) weights, so a unit's weighted input starts with variance ≈ 1
 * for inputs of unit size (Nielsen, ch. 3, "Weight initialization"); "large": N(0, 1), the
 * old initialisation that saturates hidden units and slows learning. Biases are N(0, 1). */
export type WeightInit = 'default' | 'large';
export const WEIGHT_INITS: readonly WeightInit[] = ['default', 'large'];
export const COST_NAMES: readonly CostName[] = ['quadratic', 'cross-entropy', 'log-likelihood'];

export interface NetworkOptions {
  /** Layer sizes, input first: [784, 30, 10]. At least two layers, every size ≥ 1. */
  sizes: readonly number[];
  cost: CostName;
  /** Weight initialisation; "default" unless said otherwise. */
  init?: WeightInit;
  /** The only source of randomness. */
  rng: Rng;
}

/**
 * A new network with seeded random weights and biases, drawn layer by layer, weights
 * before biases, in row-major order: the same rng state gives the same network.
 *
 * @example
 * const net = createNetwork({ sizes: [784, 30, 10], cost: 'cross-entropy', rng: createRng(1) });
 */
export function createNetwork(options: NetworkOptions): Network {
  const sizes = checkSizes(options.sizes);
  const cost = parseCost(options.cost);
  const init = options.init ?? 'default';
  if (!WEIGHT_INITS.includes(init)) {
    throw new XentError(`unknown init '${init}', expected ${WEIGHT_INITS.join(' or ')}`, { field: 'init' });
  }
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nIn = sizes[l];
    const nOut = sizes[l + 1];
    const sd = init === 'default' ? 1 / Math.sqrt(nIn) : 1;
    const w = new Float64Array(nOut * nIn);
    for (let i = 0; i < w.length; i++) w[i] = sd * options.rng.normal();
    const b = new Float64Array(nOut);
    for (let j = 0; j < nOut; j++) b[j] = options.rng.normal();
    weights.push(w);
    biases.push(b);
  }
  return { sizes, cost, weights, biases };
}

/** A deep copy: training the copy leaves the original untouched. */
export function cloneNetwork(network: Network): Network {
  return {
    sizes: [...network.sizes],
    cost: network.cost,
    weights: network.weights.map((w) => w.slice()),
    biases: network.biases.map((b) => b.slice()),
  };
}

export function parseCost(name: string): Cost {
  if (!Object.hasOwn(costs, name)) {
    throw new XentError(`unknown cost '${name}', expected ${COST_NAMES.join(', ')}`, { field: 'cost' });
  }
  return costs[name as CostName];
}

export function checkSizes(sizes: readonly number[]): number[] {
  if (!Array.isArray(sizes) || sizes.length < 2) {
    throw new XentError('a network needs at least an input and an output layer', { field: 'sizes' });
  }
  sizes.forEach((s, i) => {
    if (!Number.isInteger(s) || s < 1 || s > 1_000_000) {
      throw new XentError(`layer size ${s} must be a positive integer`, { field: 'sizes', index: i });
    }
  });
  return [...sizes];
}
