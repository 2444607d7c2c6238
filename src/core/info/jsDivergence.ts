import type { InfoOptions } from './entropy.js';
import { klDivergenceIn } from './klDivergence.js';
import { assertSameLength, toDistribution } from './toDistribution.js';

/**
 * Jensen–Shannon divergence JS(p, q) = ½ KL(p‖m) + ½ KL(q‖m) with m = (p + q)/2.
 * Symmetric, always finite, between 0 and 1 bit (ln 2 nats). This is the divergence
 * itself; SciPy's `jensenshannon` returns its square root, the JS distance.
 *
 * @example
 * jsDivergence([1, 0], [0, 1]) // 1 (bit): disjoint supports
 */
export function jsDivergence(p: ArrayLike<number>, q: ArrayLike<number>, options: InfoOptions = {}): number {
  const pd = toDistribution(p, 'p', options);
  assertSameLength(pd, q);
  const qd = toDistribution(q, 'q', options);
  const m = new Float64Array(pd.length);
  for (let k = 0; k < m.length; k++) m[k] = 0.5 * pd[k] + 0.5 * qd[k];
  const unit = options.unit ?? 'bits';
  return 0.5 * klDivergenceIn(pd, m, unit) + 0.5 * klDivergenceIn(qd, m, unit);
}
