import { XentError } from '../../../src/core/XentError.js';
import { toDistribution } from '../../../src/core/info/toDistribution.js';
import { MAX_OUTCOMES, MIN_OUTCOMES } from './labState.js';

// Plain decimals, as people type them; no signs, hex or spelled-out infinities.
const NUMBER = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Reads a distribution from its written parts (from the URL, or typed by the reader):
 * 2 to 26 plain numbers, which the library then checks (finite, not negative, positive
 * sum) and rescales to sum 1, so counts are accepted. Errors are XentErrors naming
 * `field` and, for a bad number, its index.
 */
export function parseDistribution(parts: readonly string[], field: string): number[] {
  if (parts.length < MIN_OUTCOMES || parts.length > MAX_OUTCOMES) {
    throw new XentError(`needs ${MIN_OUTCOMES} to ${MAX_OUTCOMES} values, got ${parts.length}`, { field });
  }
  const values = parts.map((s, i) => {
    if (!NUMBER.test(s.trim())) throw new XentError(`'${s}' is not a number`, { field, index: i });
    return Number(s);
  });
  return Array.from(toDistribution(values, field, { normalize: true }));
}
