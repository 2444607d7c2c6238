import { softplus } from './softplus.js';

/**
 * log σ(x) = −log(1 + e^−x) = −softplus(−x): finite for every finite x (log σ(−1e300) =
 * −1e300, where log(sigmoid(x)) would be log 0 = −Infinity), exact near 0 for large x.
 * logSigmoid(Infinity) = 0, logSigmoid(−Infinity) = −Infinity.
 *
 * @example
 * logSigmoid(-1000) // -1000
 */
export function logSigmoid(x: number): number {
  return -softplus(-x);
}
