import { NeumaierAccumulator } from '../math/neumaierSum.js';
import type { InfoOptions } from './entropy.js';
import { assertSameLength, toDistribution } from './toDistribution.js';
import { logIn } from './unit.js';

/**
 * Cross-entropy H(p, q) = Σ p_k log(1/q_k): the average effort (bits) to identify
 * outcomes drawn from p with a strategy built for q. It is at least H(p), with
 * equality exactly when q = p, and H(p, q) = H(p) + KL(p‖q).
 *
 * Edges: p_k = 0 contributes 0 whatever q_k is; p_k > 0 with q_k = 0 makes the result
 * Infinity (an outcome the strategy never planned for costs unboundedly many questions).
 *
 * @example
 * crossEntropy([0.5, 0.25, 0.125, 0.125], [0.125, 0.5, 0.25, 0.125]) // 2.375 (bits): ½·3 + ¼·1 + ⅛·2 + ⅛·3
 */
export function crossEntropy(p: ArrayLike<number>, q: ArrayLike<number>, options: InfoOptions = {}): number {
  const pd = toDistribution(p, 'p', options);
  assertSameLength(pd, q);
  const qd = toDistribution(q, 'q', options);
  const log = logIn(options.unit ?? 'bits');
  const acc = new NeumaierAccumulator();
  for (let k = 0; k < pd.length; k++) {
    const pk = pd[k];
    if (pk === 0) continue;
    if (qd[k] === 0) return Infinity;
    acc.add(-pk * log(qd[k]));
  }
  return acc.value();
}
