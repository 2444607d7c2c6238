import { NeumaierAccumulator } from '../../core/math/neumaierSum.js';
import { assertSameLength, toDistribution } from '../../core/info/toDistribution.js';
import type { PrefixCode } from './PrefixCode.js';

/**
 * Mean number of questions (bits) when outcomes come from p and the strategy is `code`:
 * L = Σ p_k · length_k. Infinity when some outcome with p_k > 0 has no codeword.
 * For p = q this is the code's own mean length; for a code built from q ≠ p it is the
 * real-effort counterpart of the cross-entropy H(p, q).
 *
 * @example
 * const code = huffmanCode([1/8, 1/2, 1/4, 1/8]);
 * expectedLength(code, [1/2, 1/4, 1/8, 1/8]) // 2.375 = H(p, q), since q is dyadic
 */
export function expectedLength(code: PrefixCode, p: ArrayLike<number>, options: { normalize?: boolean } = {}): number {
  const pd = toDistribution(p, 'p', options);
  assertSameLength(pd, code.lengths);
  const acc = new NeumaierAccumulator();
  for (let k = 0; k < pd.length; k++) {
    if (pd[k] === 0) continue;
    if (!Number.isFinite(code.lengths[k])) return Infinity;
    acc.add(pd[k] * code.lengths[k]);
  }
  return acc.value();
}
