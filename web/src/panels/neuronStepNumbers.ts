import { sigmoid, sigmoidPrime } from '../../../src/core/math/sigmoid.js';
import type { NeuronCostName } from '../../../src/nn/neuron.js';
import type { StepRule } from '../../../src/experiments/neuronStepRule.js';

/** The numbers of #/neuron's moving formula: one gradient-descent step of the neuron, term by term. */
export interface NeuronStepNumbers {
  z: number;
  /** a = σ(z). */
  a: number;
  y: number;
  /** σ′(z) = a(1 − a), from z (so it keeps its digits where a rounds to 1). */
  sigmaPrime: number;
  /** ∂C/∂z: (a − y)σ′(z) for the quadratic cost, a − y for the cross-entropy. */
  dCdz: number;
  /** What the step multiplies by η: ∂C/∂z, or the book's ∂C/∂a when `rule` is given. */
  step: number;
  /** The change of w in this step, −η·step·x. */
  dw: number;
  /** The change of b in this step, −η·step. */
  db: number;
}

/**
 * The terms of one step of the single neuron at weighted input z, written out the way the
 * chain rule gives them: ∂C/∂z = ∂C/∂a·σ′(z) = (a − y)σ′(z) for C = (a − y)²/2, and
 * a − y for the cross-entropy, whose ∂C/∂a = (a − y)/(a(1 − a)) cancels σ′(z). Derived
 * here from the formulas the page shows, not read from the library's trace, so that the
 * test can hold the two against each other.
 *
 * @example
 * neuronStepNumbers('quadratic', 4, 0, 0.15, 1)     // { a: 0.982, sigmaPrime: 0.0177, dCdz: 0.0173, dw: −0.0026, … }
 * neuronStepNumbers('cross-entropy', 4, 0, 0.15, 1) // { dCdz: 0.982, dw: −0.147, … }: 1/σ′(4) ≈ 56.6 times larger
 */
export function neuronStepNumbers(cost: NeuronCostName, z: number, y: number, eta: number, x: number, rule?: StepRule): NeuronStepNumbers {
  const a = sigmoid(z);
  const sp = sigmoidPrime(z);
  const dCdz = cost === 'quadratic' ? (a - y) * sp : a - y;
  const step = rule === undefined ? dCdz : rule(z, a, y);
  return { z, a, y, sigmaPrime: sp, dCdz, step, dw: -eta * step * x, db: -eta * step };
}
