import { NeumaierAccumulator } from '../math/neumaierSum.js';
import type { InfoOptions } from './entropy.js';
import { logRatio } from './logRatio.js';
import { assertSameLength, toDistribution } from './toDistribution.js';
import type { InfoUnit } from './unit.js';

/**
 * Kullback–Leibler divergence KL(p‖q) = Σ p_k log(p_k / q_k): the extra effort (bits)
 * paid for using q's strategy on p's outcomes, H(p, q) − H(p). Never negative; zero
 * exactly when p = q; not symmetric.
 *
 * Edges: p_k = 0 contributes 0 (0·log(0/q) = 0); p_k > 0 with q_k = 0 gives Infinity.
 * Each term uses log1p when p_k and q_k are close, so nearly equal distributions get a
 * small divergence with full relative accuracy rather than rounding noise.
 *
 * @example
 * klDivergence([0.5, 0.25, 0.125, 0.125], [0.125, 0.5, 0.25, 0.125]) // 0.625 (bits) = 2.375 − 1.75
 */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>, options: InfoOptions = {}): number {
  const pd = toDistribution(p, 'p', options);
  assertSameLength(pd, q);
  const qd = toDistribution(q, 'q', options);
  return klDivergenceIn(pd, qd, options.unit ?? 'bits');
}

/** KL in `unit` of two already validated distributions of equal length. */
export function klDivergenceIn(p: Float64Array, q: Float64Array, unit: InfoUnit): number {
  const acc = new NeumaierAccumulator();
  for (let k = 0; k < p.length; k++) {
    const pk = p[k];
    if (pk === 0) continue;
    if (q[k] === 0) return Infinity;
    acc.add(pk * logRatio(pk, q[k], unit));
  }
  return acc.value();
}
