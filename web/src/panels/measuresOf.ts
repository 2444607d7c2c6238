import { crossEntropy } from '../../../src/core/info/crossEntropy.js';
import { entropy } from '../../../src/core/info/entropy.js';
import { jsDivergence } from '../../../src/core/info/jsDivergence.js';
import { klDivergence } from '../../../src/core/info/klDivergence.js';
import type { LabUnit } from '../state/labState.js';

export interface Measures {
  hp: number;
  hq: number;
  hpq: number;
  hqp: number;
  klpq: number;
  klqp: number;
  js: number;
}

/**
 * All the numbers of the entropy panel, from the library. `normalize` absorbs the last
 * ulp of a dragged distribution's sum; the values are distributions already.
 */
export function measuresOf(p: readonly number[], q: readonly number[], unit: LabUnit): Measures {
  const o = { unit, normalize: true };
  return {
    hp: entropy(p, o),
    hq: entropy(q, o),
    hpq: crossEntropy(p, q, o),
    hqp: crossEntropy(q, p, o),
    klpq: klDivergence(p, q, o),
    klqp: klDivergence(q, p, o),
    js: jsDivergence(p, q, o),
  };
}
