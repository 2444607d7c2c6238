import { NeumaierAccumulator } from '../math/neumaierSum.js';
import { toDistribution, type DistributionOptions } from './toDistribution.js';
import { logIn, type InfoUnit } from './unit.js';

/** Options of every information measure: the unit of the result, and normalisation. */
export interface InfoOptions extends DistributionOptions {
  /** Unit of the result; bits by default (the log2 of the guessing game). */
  unit?: InfoUnit;
}

/**
 * Shannon entropy H(p) = Σ p_k log(1/p_k): the least average number of yes/no
 * questions (bits) needed to identify an outcome drawn from p.
 * Terms with p_k = 0 contribute 0 (the limit of x log x as x → 0).
 *
 * @example
 * entropy([0.5, 0.25, 0.125, 0.125]) // 1.75 (bits)
 * entropy([0.5, 0.5], { unit: 'nats' }) // 0.6931471805599453
 */
export function entropy(p: ArrayLike<number>, options: InfoOptions = {}): number {
  const pd = toDistribution(p, 'p', options);
  const log = logIn(options.unit ?? 'bits');
  const acc = new NeumaierAccumulator();
  for (let k = 0; k < pd.length; k++) {
    const pk = pd[k];
    if (pk > 0) acc.add(-pk * log(pk));
  }
  return acc.value();
}
