import { XentError } from '../core/XentError.js';
import { adaptiveSimpson } from './deriveAdaptiveSimpson.js';
import type { StepRule } from './neuronStepRule.js';

/**
 * The derivation run the other way: pick the ∂C/∂z you would like a sigmoid neuron to
 * have, and the cost follows. Since ∂C/∂z = ∂C/∂a · σ′(z) and σ′(z) = a(1 − a),
 * ∂C/∂a = δ(a, y)/(a(1 − a)), and C(a) is its integral. Each δ here is the error a − y
 * times a factor g(a, y), so the integrand is g · (a − y)/(a(1 − a)).
 */
export interface DemandedDelta {
  name: DemandedDeltaName;
  /** The δ as a formula, in plain text (the page typesets its own). */
  formula: string;
  /** g(a, y): δ = (a − y)·g(a, y). */
  factor(a: number, y: number): number;
}

export type DemandedDeltaName = 'error' | 'half-error' | 'signed-square' | 'cubed-error' | 'quadratic';
export const DEMANDED_DELTA_NAMES: readonly DemandedDeltaName[] = ['error', 'half-error', 'signed-square', 'cubed-error', 'quadratic'];

export const DEMANDED_DELTAS: Readonly<Record<DemandedDeltaName, DemandedDelta>> = {
  /** The demand that gives the binary cross-entropy. */
  error: { name: 'error', formula: 'a − y', factor: () => 1 },
  /** Half the cross-entropy's δ: half the cost, the same as halving η. */
  'half-error': { name: 'half-error', formula: '(a − y)/2', factor: () => 0.5 },
  /** Small errors matter less, large ones as much as the cross-entropy's. */
  'signed-square': { name: 'signed-square', formula: '(a − y)·|a − y|', factor: (a, y) => Math.abs(a - y) },
  'cubed-error': { name: 'cubed-error', formula: '(a − y)³', factor: (a, y) => (a - y) * (a - y) },
  /** The quadratic cost's own δ, (a − y)σ′(z): integrating it must give ½(a − y)². */
  quadratic: { name: 'quadratic', formula: '(a − y)·a(1 − a)', factor: (a) => a * (1 - a) },
};

/**
 * (a − y)/(a(1 − a)), the cross-entropy's ∂C/∂a, with the ends of [0, 1] simplified
 * exactly: for y = 0 it is 1/(1 − a) and for y = 1 it is −1/a, finite at a = y, where
 * the general form is 0/0.
 */
export function errorOverSlope(a: number, y: number): number {
  if (y === 0) return 1 / (1 - a);
  if (y === 1) return -1 / a;
  return (a - y) / (a * (1 - a));
}

/** A cost integrated from a demanded δ, on a grid of a, with the binary cross-entropy beside it. */
export interface IntegratedCost {
  delta: DemandedDeltaName;
  y: number;
  a: number[];
  /** C(a) = H(y) + ∫_y^a δ(t, y)/(t(1 − t)) dt, in nats. */
  cost: number[];
  /** −[y ln a + (1 − y) ln(1 − a)] at the same a. */
  crossEntropy: number[];
}

/**
 * Integrates the demanded δ by adaptive Simpson quadrature, never from an antiderivative.
 * The constant is fixed where the error vanishes: C(y) = H(y), the cross-entropy's own
 * minimum, so the two curves meet at the target and differ in how they rise.
 * Pieces run outward from y over consecutive grid points and accumulate, as in
 * `deriveCrossEntropy`, so the integrand's 1/a and 1/(1 − a) growth stays resolved.
 *
 * @param a points strictly inside (0, 1)
 * @example
 * integrateDemandedDelta('half-error', 0, [0.5]).cost[0] // ≈ 0.34657 (ln 2 / 2: half the cross-entropy)
 */
export function integrateDemandedDelta(name: DemandedDeltaName, y: number, a: readonly number[]): IntegratedCost {
  const demand = DEMANDED_DELTAS[name];
  if (demand === undefined) throw new XentError(`unknown demanded delta '${String(name)}'`, { field: 'delta' });
  if (!Number.isFinite(y) || y < 0 || y > 1) throw new XentError(`target ${y} must lie in [0, 1]`, { field: 'y' });
  a.forEach((t, i) => {
    if (!(t > 0 && t < 1)) throw new XentError(`a = ${t} must lie strictly inside (0, 1)`, { field: 'a', index: i });
  });
  const integrand = (t: number) => demand.factor(t, y) * errorOverSlope(t, y);
  const at = new Map<number, number>();
  const base = binaryCrossEntropy(y, y);
  for (const side of [[...a].filter((t) => t >= y).sort((p, q) => p - q), [...a].filter((t) => t < y).sort((p, q) => q - p)]) {
    let from = y;
    let total = base;
    for (const t of side) {
      total += adaptiveSimpson(integrand, from, t, 1e-12);
      at.set(t, total);
      from = t;
    }
  }
  return {
    delta: name,
    y,
    a: [...a],
    cost: a.map((t) => at.get(t) as number),
    crossEntropy: a.map((t) => binaryCrossEntropy(t, y)),
  };
}

/** The step rule of a demanded δ, for `trainNeuronStepping`. */
export function demandedStep(name: DemandedDeltaName): StepRule {
  const demand = DEMANDED_DELTAS[name];
  return (_z, a, y) => (a - y) * demand.factor(a, y);
}

/** −[y ln a + (1 − y) ln(1 − a)], with 0·ln 0 = 0 (so H(0) = H(1) = 0). */
function binaryCrossEntropy(a: number, y: number): number {
  const first = y === 0 ? 0 : y * Math.log(a);
  const second = y === 1 ? 0 : (1 - y) * Math.log1p(-a);
  return -(first + second);
}
