import { describe, expect, it } from 'vitest';
import { classwiseSums } from './ClasswiseBins.js';
import { EvalAccumulator } from './EvalAccumulator.js';
import { resolveEvalOptions } from './EvalOptions.js';
import { checkClassBins, evalSumsBytes, MAX_BINS, MAX_CLASS_BINS } from './evalLimits.js';
import { evalSums } from './EvalSums.js';

/** Bytes of every Float64Array reachable from `value`: what a table of sums really holds. */
function typedArrayBytes(value: unknown): number {
  if (value instanceof Float64Array) return value.byteLength;
  if (typeof value !== 'object' || value === null) return 0;
  return Object.values(value).reduce((total: number, v) => total + typedArrayBytes(v), 0);
}

describe('limits of evaluation', () => {
  it('the memory estimate is what the table of sums allocates', () => {
    for (const [classes, bins] of [[2, 1], [3, 15], [10, 100], [257, 7]]) {
      const sums = evalSums(classes, resolveEvalOptions({ bins }), new Float64Array(bins + 1));
      expect(evalSumsBytes(classes, bins), `${classes} classes × ${bins} bins`).toBe(typedArrayBytes(sums));
    }
  });

  it('allows classes × bins up to the limit, in a bounded table (estimated, not allocated)', () => {
    for (const [classes, bins] of [[MAX_CLASS_BINS, 1], [262144, 16], [41, MAX_BINS]]) {
      expect(classes * bins).toBeLessThanOrEqual(MAX_CLASS_BINS);
      expect(() => checkClassBins(classes, bins)).not.toThrow();
      expect(evalSumsBytes(classes, bins)).toBeLessThanOrEqual(200 * 2 ** 20);
    }
  });

  it('refuses more class-wise bins than the limit before allocating them, naming the bins', () => {
    // Allocated, these would take 240 GB and 9 GB: the error has to come first.
    expect(() => classwiseSums(50000, 100000)).toThrow('50000 classes × 100000 bins make 5000000000 class-wise bins (228892 MiB of sums), more than the 4194304 allowed; use fewer bins (bins)');
    expect(() => classwiseSums(12_500_000, 15)).toThrow(/12500000 classes × 15 bins make 187500000 class-wise bins/);
    expect(() => checkClassBins(MAX_CLASS_BINS + 1, 1)).toThrow(/more than the 4194304 allowed/);
    const options = resolveEvalOptions({ bins: 100000 });
    expect(() => new EvalAccumulator({ width: 50, options })).toThrow(/50 classes × 100000 bins make 5000000 class-wise bins/);
  });
});
