import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { counterKey } from './counterRandom.js';
import { EvalAccumulator } from './EvalAccumulator.js';
import { resolveEvalOptions } from './EvalOptions.js';
import { bootstrapIntervals, percentile, poissonDraw } from './PoissonBootstrap.js';

const where = () => ({ field: 'pred', index: 'row' });

/** A binary model that always says p(1) = 0.7, on n rows whose label is 1 with probability 0.7: known means. */
function simulate(n: number, dataSeed: number, replicates: number, bootstrapSeed: number, rowOffset = 0, from = 0, to = n) {
  const rng = createRng(dataSeed);
  const acc = new EvalAccumulator({ width: 2, options: resolveEvalOptions({ bins: 5 }), scale: { bootstrap: { replicates, seed: bootstrapSeed, rowOffset } } });
  const row = new Float64Array([0.3, 0.7]);
  for (let i = 0; i < n; i++) {
    const label = rng.uniform() < 0.7 ? 1 : 0;
    if (i >= from && i < to) acc.addRow(row, 0, label, 1, where);
  }
  return acc;
}

describe('Poisson bootstrap', () => {
  it('draws Poisson(1): P(0) = P(1) = 1/e, P(2) = 1/(2e), mean 1, variance 1', () => {
    const counts = new Float64Array(16);
    const N = 200000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < N; i++) {
      const k = poissonDraw(counterKey(3, i), i % 7);
      counts[k]++;
      sum += k;
      squares += k * k;
    }
    const sd = (p: number) => Math.sqrt((p * (1 - p)) / N);
    for (const [k, p] of [
      [0, Math.exp(-1)],
      [1, Math.exp(-1)],
      [2, Math.exp(-1) / 2],
      [3, Math.exp(-1) / 6],
    ]) {
      expect(Math.abs(counts[k] / N - p), `P(${k})`).toBeLessThan(4 * sd(p));
    }
    const mean = sum / N;
    expect(Math.abs(mean - 1)).toBeLessThan(4 / Math.sqrt(N));
    expect(Math.abs(squares / N - mean * mean - 1)).toBeLessThan(0.02);
    // Replicates 2i and 2i + 1 read the two halves of one hash: they must be uncorrelated.
    let cross = 0;
    for (let i = 0; i < N; i++) cross += (poissonDraw(counterKey(4, i), 0) - 1) * (poissonDraw(counterKey(4, i), 1) - 1);
    expect(Math.abs(cross / N)).toBeLessThan(4 / Math.sqrt(N));
  });

  it('covers the known means about 95% of the time over 200 simulated data sets', () => {
    // A calibrated binary model: p = P(class 1) ~ U(0, 1), the label ~ Bernoulli(p). Then
    // accuracy E max(p, 1 − p) = 3/4, log-loss E[−p ln p − (1 − p) ln(1 − p)] = 1/2,
    // Brier E p(1 − p) = 1/6 and spherical E √(p² + (1 − p)²) = 1/2 + ln(1 + √2)/(2√2).
    const truth = { accuracy: 3 / 4, logLoss: 1 / 2, brier: 1 / 6, sphericalScore: 0.5 + Math.log(1 + Math.SQRT2) / (2 * Math.SQRT2) };
    const keys = ['accuracy', 'logLoss', 'brier', 'sphericalScore'] as const;
    const covered = { accuracy: 0, logLoss: 0, brier: 0, sphericalScore: 0 };
    const runs = 200;
    for (let s = 1; s <= runs; s++) {
      const rng = createRng(1000 + s);
      const acc = new EvalAccumulator({ width: 1, options: resolveEvalOptions({ bins: 5 }), scale: { bootstrap: { replicates: 200, seed: s, rowOffset: 0 } } });
      const row = new Float64Array(1);
      for (let i = 0; i < 200; i++) {
        row[0] = rng.uniform();
        acc.addRow(row, 0, rng.uniform() < row[0] ? 1 : 0, 1, where);
      }
      // The intervals alone: the whole report would also search the smooth ECE's bandwidth.
      const ci = bootstrapIntervals(acc.sums.bootstrap!, 0.95, 'nats');
      for (const key of keys) if (ci[key][0] <= truth[key] && truth[key] <= ci[key][1]) covered[key]++;
    }
    // 200 runs: the coverage's standard error is 1.5 points, so ±5 points is over 3 of them.
    for (const key of keys) expect(Math.abs(covered[key] / runs - 0.95), `${key} covered ${covered[key]} of ${runs}`).toBeLessThan(0.05);
  });

  it('is deterministic by seed, and another seed draws other weights', () => {
    const a = simulate(300, 5, 100, 11).report().ci!;
    const b = bootstrapIntervals(simulate(300, 5, 100, 11).sums.bootstrap!, 0.95, 'nats');
    const c = bootstrapIntervals(simulate(300, 5, 100, 12).sums.bootstrap!, 0.95, 'nats');
    expect(b).toEqual(a);
    expect(c.logLoss).not.toEqual(a.logLoss);
  });

  it('gives shards keyed by their row offset the replicates of the whole', () => {
    const whole = simulate(300, 5, 64, 9);
    const first = simulate(300, 5, 64, 9, 0, 0, 120);
    const second = simulate(300, 5, 64, 9, 120, 120, 300);
    const merged = first.sums.bootstrap!;
    const other = second.sums.bootstrap!;
    const summed = merged.scalars.map((x, i) => x + other.scalars[i]);
    summed.forEach((x, i) => expect(x).toBeCloseTo(whole.sums.bootstrap!.scalars[i], 10));
    // Without the offset the second shard would reuse the first rows' draws.
    const unshifted = simulate(300, 5, 64, 9, 0, 120, 300).sums.bootstrap!;
    expect(Array.from(unshifted.scalars)).not.toEqual(Array.from(other.scalars));
  });

  it('takes type-7 percentiles, as numpy does', () => {
    // numpy.percentile([1, 2, 3, 4], [2.5, 97.5]) = [1.075, 3.925]
    expect(percentile(new Float64Array([4, 1, 3, 2]), 0.025)).toBeCloseTo(1.075, 14);
    expect(percentile(new Float64Array([4, 1, 3, 2]), 0.975)).toBeCloseTo(3.925, 14);
  });
});
