import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { addLogLoss, logLossFigures, logLossSums, mergeLogLossSums, type LogLossSums } from './LogLoss.js';

function sumsOf(losses: readonly number[], weights: readonly number[], logClip = -Infinity): LogLossSums {
  const sums = logLossSums();
  losses.forEach((loss, i) => addLogLoss(sums, weights[i], -loss, logClip));
  return sums;
}

/** The textbook two-pass figures: the weighted mean, then Σw²(ℓ − mean)² around it. */
function twoPass(losses: readonly number[], weights: readonly number[]) {
  const W = weights.reduce((a, b) => a + b, 0);
  const mean = losses.reduce((a, l, i) => a + weights[i] * l, 0) / W;
  const n = weights.filter((w) => w > 0).length;
  const spread = losses.reduce((a, l, i) => a + weights[i] ** 2 * (l - mean) ** 2, 0);
  return { W, mean, stdErr: Math.sqrt((n / (n - 1)) * spread) / W };
}

describe('LogLoss', () => {
  it('mean, standard error and perplexity agree with the two-pass formulas on weighted rows', () => {
    const rng = createRng(11);
    const losses = Array.from({ length: 5000 }, () => -Math.log(rng.uniform() * 0.999 + 0.001));
    const weights = losses.map((_, i) => (i % 7 === 0 ? 0 : 2 * rng.uniform()));
    const { W, mean, stdErr } = twoPass(losses, weights);
    const f = logLossFigures(sumsOf(losses, weights), W, 'nats');
    expect(f.logLoss).toBeCloseTo(mean, 14);
    expect(Math.abs(f.logLossStdError - stdErr) / stdErr).toBeLessThan(1e-13);
    expect(Math.abs(f.perplexity - Math.exp(mean)) / Math.exp(mean)).toBeLessThan(1e-14);
    const bits = logLossFigures(sumsOf(losses, weights), W, 'bits');
    expect(bits.logLoss).toBeCloseTo(mean / Math.LN2, 14);
    expect(bits.perplexity).toBe(f.perplexity);
  });

  it('keeps the digits of a small spread around a large mean, and gives exactly 0 for equal losses', () => {
    // Losses 700 ± 1e-6: raw moments about 0 would cancel ~12 of the 16 digits.
    const losses = Array.from({ length: 1000 }, (_, i) => 700 + (i % 2 === 0 ? 1e-6 : -1e-6));
    const ones = losses.map(() => 1);
    const { stdErr } = twoPass(losses, ones);
    const f = logLossFigures(sumsOf(losses, ones), 1000, 'nats');
    expect(Math.abs(f.logLossStdError - stdErr) / stdErr).toBeLessThan(1e-8);
    expect(logLossFigures(sumsOf(Array(9).fill(Math.log(4)), Array(9).fill(1)), 9, 'nats').logLossStdError).toBe(0);
  });

  it('is Infinity with NaN spread when a weighted row has probability 0; a row of weight 0 does not count', () => {
    const infinite = logLossFigures(sumsOf([Infinity, 1, 2], [1, 1, 1]), 3, 'nats');
    expect(infinite.logLoss).toBe(Infinity);
    expect(infinite.perplexity).toBe(Infinity);
    expect(infinite.logLossStdError).toBeNaN();
    const ignored = logLossFigures(sumsOf([Infinity, 1, 2], [0, 1, 1]), 2, 'nats');
    expect(ignored.logLoss).toBe(1.5);
    expect(ignored.logLossStdError).toBe(0.5);
  });

  it('has no standard error with fewer than two weighted rows', () => {
    expect(logLossFigures(sumsOf([0.5], [2]), 2, 'nats').logLossStdError).toBeNaN();
    expect(logLossFigures(sumsOf([0.5, 3], [2, 0]), 2, 'nats').logLossStdError).toBeNaN();
    expect(logLossFigures(logLossSums(), 0, 'nats').logLoss).toBeNaN();
  });

  it('raises the true-class probability to the clip and counts the rows it raised', () => {
    const f = logLossFigures(sumsOf([Infinity, 40, 1], [1, 1, 1], Math.log(1e-15)), 3, 'nats');
    expect(f.clippedRows).toBe(2);
    expect(f.logLoss).toBeCloseTo((2 * -Math.log(1e-15) + 1) / 3, 13);
  });

  it('merges sums whose moments were taken about different shifts', () => {
    const losses = [0.1, 5, 0.7, 2, 9, 0.01, 3];
    const weights = [1, 2, 0.5, 1, 3, 1, 0.25];
    const whole = logLossFigures(sumsOf(losses, weights), 7.75, 'nats');
    const merged = sumsOf(losses.slice(0, 3), weights.slice(0, 3));
    mergeLogLossSums(merged, sumsOf(losses.slice(3), weights.slice(3)));
    mergeLogLossSums(merged, logLossSums());
    const f = logLossFigures(merged, 7.75, 'nats');
    expect(Math.abs(f.logLoss - whole.logLoss)).toBeLessThan(1e-15);
    expect(Math.abs(f.logLossStdError - whole.logLossStdError) / whole.logLossStdError).toBeLessThan(1e-14);
    const intoEmpty = logLossSums();
    mergeLogLossSums(intoEmpty, sumsOf([Infinity, 2, 3], [1, 1, 1]));
    expect(intoEmpty.infiniteRows).toBe(1);
    expect(intoEmpty.shift).toBe(2);
  });
});
