import { maxStrided } from '../core/math/maxStrided.js';
import { minusMax } from '../core/math/minusMax.js';
import { sigmoidPrime } from '../core/math/sigmoid.js';
import { softplus } from '../core/math/softplus.js';
import { sigmoidOutput, softmaxOutput, sumExpMinusMax, type OutputActivation } from './outputActivation.js';

/**
 * A cost paired with the output activation it is meant for, in the shape of Nielsen's
 * network2.py: `fromLogits` is the cost of one example and `delta` is ∂C/∂z, the error
 * that backpropagation starts from. Compare the `delta`s below: the quadratic cost's
 * carries σ'(z), the cross-entropy's does not.
 *
 * Both work on one example's row of output units, entries offset … offset+length−1 of
 * z (weighted inputs), a = activation(z) (which the forward pass has already computed)
 * and y (targets). A row is what a softmax needs, and it serves the single neuron (a row
 * of one unit) and the network's output layer (ten units) alike.
 */
export interface Cost {
  /** Stable identifier used by the CLI and JSON (`quadratic`, `cross-entropy`, `log-likelihood`). */
  readonly name: CostName;
  /** The output activation this cost is paired with. */
  readonly activation: OutputActivation;
  /** C of the example in nats, finite for every finite z (no ln of a rounded a). */
  fromLogits(z: ArrayLike<number>, a: ArrayLike<number>, y: ArrayLike<number>, offset: number, length: number): number;
  /** ∂C/∂z_j for every unit of the row, written to the same positions of `out`. */
  delta(z: ArrayLike<number>, a: ArrayLike<number>, y: ArrayLike<number>, offset: number, length: number, out: Float64Array): void;
}

export type CostName = 'quadratic' | 'cross-entropy' | 'log-likelihood';

/**
 * C = Σ_j ½(a_j − y_j)² with a = σ(z). Its gradient through the sigmoid carries σ'(z):
 * ∂C/∂z = (a − y)σ'(z), tiny when the unit saturates (a near 0 or 1): the learning
 * slowdown. a is bounded, so the cost is finite for every z.
 */
export const quadraticCost: Cost = {
  name: 'quadratic',
  activation: sigmoidOutput,
  fromLogits(_z, a, y, offset, length) {
    let c = 0;
    for (let j = offset, end = offset + length; j < end; j++) {
      const e = a[j] - y[j];
      c += 0.5 * e * e;
    }
    return c;
  },
  delta(z, a, y, offset, length, out) {
    for (let j = offset, end = offset + length; j < end; j++) out[j] = (a[j] - y[j]) * sigmoidPrime(z[j]);
  },
};

/**
 * C = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)] with a = σ(z), the binary cross-entropy
 * of each sigmoid unit. ∂C/∂a = (a − y)/(a(1 − a)) and ∂a/∂z = a(1 − a), so
 * ∂C/∂z = a − y: σ' cancels and the gradient is proportional to the error alone.
 *
 * From the logit, with −ln σ(z) = softplus(−z) = softplus(z) − z and
 * −ln(1 − σ(z)) = softplus(z): C = softplus(z) − y·z per unit, finite where a = σ(z) has
 * rounded to 1 (z ≳ 37, where ln(1 − a) would be −Infinity).
 */
export const crossEntropyCost: Cost = {
  name: 'cross-entropy',
  activation: sigmoidOutput,
  fromLogits(z, _a, y, offset, length) {
    let c = 0;
    for (let j = offset, end = offset + length; j < end; j++) c += crossEntropyOfLogit(z[j], y[j]);
    return c;
  },
  delta(_z, a, y, offset, length, out) {
    for (let j = offset, end = offset + length; j < end; j++) out[j] = a[j] - y[j];
  },
};

/**
 * C = −Σ_j y_j ln a_j with a = softmax(z), the log-likelihood of the target class for a
 * one-hot y. ∂C/∂z_j = a_j − y_j when Σ y = 1: the softmax Jacobian cancels like σ' does.
 *
 * From the logits, −ln softmax(z)_j = (m + ln Σ_k e^(z_k − m)) − z_j with m = max z, the
 * sum shared with the softmax (outputActivation.ts). It is finite for finite z; an
 * infinite maximum is handled in the shifted form ln Σ − (z_j − m), where ties share it.
 */
export const logLikelihoodCost: Cost = {
  name: 'log-likelihood',
  activation: softmaxOutput,
  fromLogits(z, _a, y, offset, length) {
    const m = maxStrided(z, offset, length, 1);
    const logSum = Math.log(sumExpMinusMax(z, offset, length, m));
    const finite = Number.isFinite(m);
    const logNormaliser = m + logSum;
    let c = 0;
    for (let j = offset, end = offset + length; j < end; j++) {
      const yj = y[j];
      if (yj === 0) continue; // 0·ln 0 = 0, also where z_j = −Infinity
      c += yj * (finite ? logNormaliser - z[j] : logSum - minusMax(z[j], m));
    }
    return c;
  },
  delta(_z, a, y, offset, length, out) {
    for (let j = offset, end = offset + length; j < end; j++) out[j] = a[j] - y[j];
  },
};

export const costs: Readonly<Record<CostName, Cost>> = {
  quadratic: quadraticCost,
  'cross-entropy': crossEntropyCost,
  'log-likelihood': logLikelihoodCost,
};

/**
 * softplus(z) − y·z, the cross-entropy of one sigmoid unit from its logit. At z = ±∞ it
 * is the limit, 0 when the unit is certain and right and Infinity otherwise (softplus(∞)
 * − y·∞ would be ∞ − ∞ or 0·∞).
 */
function crossEntropyOfLogit(z: number, y: number): number {
  if (z === Infinity) return y === 1 ? 0 : Infinity;
  if (z === -Infinity) return y === 0 ? 0 : Infinity;
  return softplus(z) - y * z;
}
