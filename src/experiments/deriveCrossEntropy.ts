import { XentError } from '../core/XentError.js';
import { adaptiveSimpson } from './deriveAdaptiveSimpson.js';

/** One point of the derivation check. */
export interface DerivationRow {
  /** The output activation a ∈ (0, 1). */
  a: number;
  /** ln 2 + ∫_{1/2}^{a} (t − y)/(t(1 − t)) dt, by adaptive Simpson quadrature. */
  integral: number;
  /** −[y ln a + (1 − y) ln(1 − a)], the binary cross-entropy in nats. */
  closedForm: number;
  absError: number;
}

export interface Derivation {
  y: number;
  grid: DerivationRow[];
  maxAbsError: number;
}

/**
 * The grid of a: dense where the cost is steep (near 0 and 1), every 0.05 in between.
 * Rounded to 2 decimals so that 0.15 is printed and used as 0.15, not 0.15000000000000002.
 */
export const DERIVATION_GRID: readonly number[] = [
  0.001,
  0.01,
  ...Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100),
  0.99,
  0.999,
];

/**
 * Checks the derivation of the binary cross-entropy numerically.
 *
 * Asking a sigmoid unit's gradient to be ∂C/∂z = a − y, free of σ', forces
 * ∂C/∂a = (∂C/∂z)/(∂a/∂z) = (a − y)/(a(1 − a)), whose antiderivative should be
 * C(a) = −[y ln a + (1 − y) ln(1 − a)] + constant. The constant is fixed at a = 1/2,
 * where the closed form is ln 2 for every y; the integral is computed by quadrature,
 * never from the antiderivative, and must then agree with the closed form everywhere.
 *
 * The quadrature runs outward from 1/2 over consecutive grid points and accumulates,
 * so each piece is short and the integrand, which grows like 1/a and 1/(1 − a) near
 * the ends, stays resolved.
 *
 * @example
 * deriveCrossEntropy(0).maxAbsError // < 1e-10
 */
export function deriveCrossEntropy(y: number, grid: readonly number[] = DERIVATION_GRID): Derivation {
  if (!Number.isFinite(y) || y < 0 || y > 1) throw new XentError(`target ${y} must lie in [0, 1]`, { field: 'y' });
  if (grid.length === 0) throw new XentError('grid is empty', { field: 'grid' });
  grid.forEach((a, i) => {
    if (!(a > 0 && a < 1)) throw new XentError(`a = ${a} must lie strictly inside (0, 1)`, { field: 'grid', index: i });
  });
  const dCda = (t: number) => (t - y) / (t * (1 - t));
  const integralAt = new Map<number, number>();
  for (const side of [grid.filter((a) => a >= 0.5).sort((p, q) => p - q), grid.filter((a) => a < 0.5).sort((p, q) => q - p)]) {
    let from = 0.5;
    let total = Math.LN2;
    for (const a of side) {
      total += adaptiveSimpson(dCda, from, a, 1e-13);
      integralAt.set(a, total);
      from = a;
    }
  }
  const rows = grid.map((a): DerivationRow => {
    const integral = integralAt.get(a) as number;
    const closedForm = binaryCrossEntropyNats(a, y);
    return { a, integral, closedForm, absError: Math.abs(integral - closedForm) };
  });
  // reduce, not Math.max(...): a caller's grid may be longer than a call's argument limit.
  return { y, grid: rows, maxAbsError: rows.reduce((m, r) => Math.max(m, r.absError), 0) };
}

/** −[y ln a + (1 − y) ln(1 − a)] for a ∈ (0, 1); log1p keeps ln(1 − a) accurate for small a. */
function binaryCrossEntropyNats(a: number, y: number): number {
  return -(y * Math.log(a) + (1 - y) * Math.log1p(-a));
}

/**
 * Nielsen's heuristic (Neural Networks and Deep Learning, ch. 3): the quadratic cost's
 * gradient carries the extra factor σ' = a(1 − a); averaged over a ∈ [0, 1] it is
 * ∫₀¹ a(1 − a) da = 1/2 − 1/3 = 1/6, so at the same η the quadratic cost learns
 * "very roughly" 6 times slower. Computed here by quadrature (exact for this quadratic).
 *
 * @example
 * averageSigmoidSlope() // 0.16666666666666666
 */
export function averageSigmoidSlope(): number {
  return adaptiveSimpson((a) => a * (1 - a), 0, 1);
}
