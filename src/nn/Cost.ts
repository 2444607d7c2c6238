import { sigmoidPrime } from '../core/math/sigmoid.js';

/**
 * A cost paired with the output activation it is meant for, in the shape of Nielsen's
 * network2.py: `fn` is the cost of one output unit and `delta` is ∂C/∂z for that unit,
 * the error that backpropagation starts from. Writing the pair down makes "σ' cancels"
 * part of the interface: compare the two `delta`s below.
 *
 * All three costs are sums over output units of a per-unit term, so one definition
 * serves the single neuron (one unit) and the network (ten units).
 */
export interface Cost {
  /** Stable identifier used by the CLI and JSON (`quadratic`, `cross-entropy`, `log-likelihood`). */
  readonly name: CostName;
  /** The output activation this cost is paired with. */
  readonly activation: 'sigmoid' | 'softmax';
  /** Contribution of one output unit with activation a and target y to the cost. */
  fn(a: number, y: number): number;
  /** ∂C/∂z of one output unit, given its weighted input z, activation a and target y. */
  delta(z: number, a: number, y: number): number;
}

export type CostName = 'quadratic' | 'cross-entropy' | 'log-likelihood';

/**
 * C = ½(a − y)². Its gradient through a sigmoid output carries σ'(z):
 * ∂C/∂z = (a − y)σ'(z), which is tiny when the unit saturates (a near 0 or 1):
 * the learning slowdown.
 */
export const quadraticCost: Cost = {
  name: 'quadratic',
  activation: 'sigmoid',
  fn: (a, y) => 0.5 * (a - y) * (a - y),
  delta: (z, a, y) => (a - y) * sigmoidPrime(z),
};

/**
 * C = −[y ln a + (1 − y) ln(1 − a)], the binary cross-entropy of a sigmoid unit.
 * ∂C/∂a = (a − y)/(a(1 − a)) and ∂a/∂z = a(1 − a), so ∂C/∂z = a − y: σ' cancels and
 * the gradient is proportional to the error alone.
 *
 * `fn` is written in terms of a, as in the textbook; at a = y ∈ {0, 1} the 0·ln 0
 * terms are taken as 0, and a confidently wrong unit (a = 1, y = 0) costs Infinity.
 */
export const crossEntropyCost: Cost = {
  name: 'cross-entropy',
  activation: 'sigmoid',
  fn: (a, y) => xLogY(-y, a) + xLogY(-(1 - y), 1 - a),
  delta: (_z, a, y) => a - y,
};

/**
 * C = −Σ_j y_j ln a_j with a = softmax(z): the log-likelihood of the target class.
 * With a one-hot y, ∂C/∂z_j = a_j − y_j (the softmax Jacobian cancels like σ' does).
 */
export const logLikelihoodCost: Cost = {
  name: 'log-likelihood',
  activation: 'softmax',
  fn: (a, y) => xLogY(-y, a),
  delta: (_z, a, y) => a - y,
};

export const costs: Readonly<Record<CostName, Cost>> = {
  quadratic: quadraticCost,
  'cross-entropy': crossEntropyCost,
  'log-likelihood': logLikelihoodCost,
};

/** x·ln(y) with the information-theory convention 0·ln 0 = 0. */
function xLogY(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}
