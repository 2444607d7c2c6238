import { describe, expect, it } from 'vitest';
import { memoryTable } from '../../test/eval/memoryTables.js';
import type { EvalOptions } from './EvalOptions.js';
import { evaluateStreams } from './evaluateStreams.js';

function run(pred: number[][], labels: number[], options: EvalOptions = {}, weights?: number[]) {
  return evaluateStreams(
    () => ({
      pred: memoryTable('pred.csv', pred, 3),
      labels: (resolve) => memoryTable('labels.csv', labels.map((y, i) => [resolve(y, () => ({ field: 'labels.csv', index: `line ${i + 1}` }))]), 2),
      weights: weights === undefined ? undefined : memoryTable('w.csv', weights.map((w) => [w]), 2),
    }),
    options,
  );
}

describe('closed forms', () => {
  it('ECE and MCE: one bin at confidence 3/4 holding 2 right of 4 gives 1/4 each', async () => {
    const r = await run([[0.75, 0.25], [0.75, 0.25], [0.25, 0.75], [0.25, 0.75]], [0, 1, 1, 0], { bins: 4 });
    expect(r.ece).toBe(0.25);
    expect(r.mce).toBe(0.25);
    expect(r.accuracy).toBe(0.5);
    expect(r.bins[2]).toEqual({ lower: 0.5, upper: 0.75, count: 4, confidence: 0.75, accuracy: 0.5 });
  });

  it('ECE weighs bins by their mass, MCE takes the worst bin', async () => {
    // Bin (0.5, 0.625]: 2 rows at 0.625, both right → gap 0.375. Bin (0.875, 1]: 6 rows at 1, 3 right → gap 0.5.
    const pred = [[0.625, 0.375], [0.625, 0.375], ...Array.from({ length: 6 }, () => [1, 0])];
    const r = await run(pred, [0, 0, 0, 0, 0, 1, 1, 1], { bins: 8 });
    expect(r.ece).toBe((2 / 8) * 0.375 + (6 / 8) * 0.5);
    expect(r.mce).toBe(0.5);
  });

  it("a confidence on an edge belongs to the lower bin: (m−1)/M < conf ≤ m/M", async () => {
    const r = await run([[0.3, 0.7], [0.6, 0.4], [0.2, 0.8]], [1, 0, 1], { bins: 10 });
    expect(r.bins.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 0, 0]);
  });

  it('Murphy decomposition: forecasts constant within bins make brier = reliability − resolution + uncertainty exactly', async () => {
    // Bin of p = 1/4: 4 rows, 1 positive (ō = 1/4). Bin of p = 3/4: 4 rows, 2 positive (ō = 1/2). ō = 3/8.
    const p1 = [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75];
    const y = [1, 0, 0, 0, 1, 1, 0, 0];
    const r = await run(p1.map((p) => [p]), y, { bins: 4 });
    expect(r.brierDecomposition.reliability).toBe((4 * 0.25 ** 2) / 8);
    expect(r.brierDecomposition.resolution).toBe((4 * 0.125 ** 2 + 4 * 0.125 ** 2) / 8);
    expect(r.brierDecomposition.uncertainty).toBe((3 / 8) * (5 / 8));
    expect(r.brier).toBe(0.25);
    const { reliability, resolution, uncertainty } = r.brierDecomposition;
    expect(reliability - resolution + uncertainty).toBe(r.brier);
  });

  it('Murphy decomposition: the climatological forecast has no reliability or resolution term', async () => {
    const r = await run([[0.6, 0.4], [0.6, 0.4], [0.6, 0.4], [0.6, 0.4], [0.6, 0.4]], [0, 0, 1, 0, 1], { bins: 10 });
    expect(r.brierDecomposition.reliability).toBeCloseTo(0, 15);
    expect(r.brierDecomposition.resolution).toBe(0);
    expect(r.brierDecomposition.uncertainty).toBeCloseTo(0.24, 15);
    expect(r.brier).toBeCloseTo(0.24, 15);
  });

  it('Murphy decomposition sums over classes with K > 2, and equals the Brier score for constant-per-bin forecasts', async () => {
    const rows = [[0.5, 0.25, 0.25], [0.5, 0.25, 0.25], [0.25, 0.5, 0.25], [0.25, 0.5, 0.25]];
    const r = await run(rows, [0, 2, 1, 1], { bins: 4 });
    const { reliability, resolution, uncertainty } = r.brierDecomposition;
    expect(reliability - resolution + uncertainty).toBeCloseTo(r.brier, 15);
    // Direct: rows 1–4 score 0.375, 0.875, 0.375, 0.375.
    expect(r.brier).toBe((0.375 + 0.875 + 0.375 + 0.375) / 4);
  });

  it('log-loss, its standard error and perplexity of four rows', async () => {
    const r = await run([[0.5, 0.5], [0.25, 0.75], [0.25, 0.75], [0.5, 0.5]], [0, 1, 0, 1]);
    const losses = [Math.LN2, -Math.log(0.75), -Math.log(0.25), Math.LN2];
    const mean = losses.reduce((a, b) => a + b) / 4;
    const sd = Math.sqrt(losses.reduce((a, l) => a + (l - mean) ** 2, 0) / 3);
    expect(r.logLoss).toBeCloseTo(mean, 15);
    expect(r.logLossStdError).toBeCloseTo(sd / 2, 15);
    expect(r.perplexity).toBeCloseTo(Math.exp(mean), 14);
    const bits = await run([[0.5, 0.5], [0.25, 0.75], [0.25, 0.75], [0.5, 0.5]], [0, 1, 0, 1], { unit: 'bits' });
    expect(bits.logLoss).toBeCloseTo(mean / Math.LN2, 15);
    expect(bits.perplexity).toBe(r.perplexity);
  });

  it('weights count rows as often as their weight', async () => {
    const weighted = await run([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]], [0, 0, 1], { bins: 5 }, [2, 1, 3]);
    const repeated = await run([[0.9, 0.1], [0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.6, 0.4], [0.6, 0.4]], [0, 0, 0, 1, 1, 1], { bins: 5 });
    for (const key of ['logLoss', 'accuracy', 'brier', 'ece', 'mce', 'classwiseEce'] as const) expect(weighted[key]).toBeCloseTo(repeated[key], 15);
    expect(weighted.weightSum).toBe(6);
    expect(weighted.n).toBe(3);
  });

  it('one column of probabilities, logits or log-probabilities is class 1 of two', async () => {
    const two = await run([[0.7, 0.3], [0.2, 0.8], [0.5, 0.5]], [0, 1, 1]);
    const one = await run([[0.3], [0.8], [0.5]], [0, 1, 1]);
    const logits = await run([[Math.log(0.3 / 0.7)], [Math.log(0.8 / 0.2)], [0]], [0, 1, 1], { input: 'logits' });
    const logProbs = await run([[Math.log(0.3)], [Math.log(0.8)], [Math.log(0.5)]], [0, 1, 1], { input: 'log-probs' });
    for (const r of [one, logits, logProbs]) {
      expect(r.classes).toBe(2);
      for (const key of ['logLoss', 'accuracy', 'brier', 'ece'] as const) expect(r[key]).toBeCloseTo(two[key], 14);
    }
    // Two classes: sklearn's brier_score_loss on class 1, half the sum over both classes.
    expect(two.brier).toBeCloseTo((0.3 ** 2 + 0.2 ** 2 + 0.5 ** 2) / 3, 15);
  });

  it('a probability of 0 on the true class gives Infinity, unless --clip (counted)', async () => {
    const r = await run([[1, 0], [0.5, 0.5]], [1, 0]);
    expect(r.logLoss).toBe(Infinity);
    expect(r.perplexity).toBe(Infinity);
    expect(r.logLossStdError).toBeNaN();
    const c = await run([[1, 0], [0.5, 0.5]], [1, 0], { clip: 1e-15 });
    expect(c.clippedRows).toBe(1);
    expect(c.logLoss).toBeCloseTo((-Math.log(1e-15) + Math.LN2) / 2, 13);
  });

  it('logits stay finite where probabilities underflow', async () => {
    const r = await run([[0, 800]], [0], { input: 'logits' });
    expect(r.logLoss).toBe(800);
    expect(r.n).toBe(1);
    expect(r.logLossStdError).toBeNaN(); // one row: no spread to estimate
  });

  it('rows that do not sum to 1 are errors naming the row, unless normalize', async () => {
    await expect(run([[0.5, 0.5], [0.6, 0.5]], [0, 1])).rejects.toThrow('probabilities sum to 1.1, not 1 within 0.000001, nor within the 0.1 that rounding 2 values to 1 decimals allows (give --normalize to divide by the sum) (pred.csv, line 2)');
    const n = await run([[0.5, 0.5], [0.6, 0.6]], [0, 1], { normalize: true });
    expect(n.logLoss).toBeCloseTo(Math.LN2, 15);
    await expect(run([[0, 0]], [0], { normalize: true })).rejects.toThrow(/sum to 0/);
    // Within the tolerance, rows pass as they are.
    expect((await run([[0.5, 0.5000005]], [0])).n).toBe(1);
  });

  it('rejects negative probabilities, probabilities above 1 in one column, NaN logits and log-probabilities above 0', async () => {
    await expect(run([[1.2, -0.2]], [0])).rejects.toThrow('probability -0.2 of class 1 is not a number ≥ 0 (pred.csv, line 1)');
    await expect(run([[1.5]], [0])).rejects.toThrow('probability 1.5 is outside [0, 1] (pred.csv, line 1)');
    await expect(run([[0], [NaN]], [0, 1], { input: 'logits' })).rejects.toThrow('logit is NaN (pred.csv, line 2)');
    await expect(run([[0.5]], [0], { input: 'log-probs' })).rejects.toThrow('log-probability 0.5 is above 0 (pred.csv, line 1)');
  });

  it('rejects labels out of range, mismatched row counts, zero weights in total and no rows', async () => {
    await expect(run([[0.5, 0.5]], [2])).rejects.toThrow('label 2 is out of range for 2 classes (0 to 1) (labels.csv, line 1)');
    await expect(run([[0.5, 0.5]], [0.5])).rejects.toThrow('label 0.5 is not a whole number (labels.csv, line 1)');
    await expect(run([[0.5, 0.5], [0.5, 0.5]], [0])).rejects.toThrow('labels.csv ends after 1 labels but the predictions go on (pred.csv, line 2)');
    await expect(run([[0.5, 0.5]], [0, 1])).rejects.toThrow('labels.csv has more rows than the 1 predictions (labels.csv, line 2)');
    await expect(run([[0.5, 0.5]], [0], {}, [0])).rejects.toThrow('the weights sum to 0 (w.csv)');
    await expect(run([[0.5, 0.5]], [0], {}, [-1])).rejects.toThrow('weight -1 is not a finite number ≥ 0 (w.csv, line 1)');
    await expect(run([[0.5, 0.5]], [0], {}, [1, 2])).rejects.toThrow('w.csv has more rows than the 1 predictions (w.csv, line 2)');
    await expect(run([], [])).rejects.toThrow('the predictions have no rows (pred.csv)');
  });

  it('rejects invalid options', async () => {
    await expect(run([[0.5, 0.5]], [0], { bins: 0 })).rejects.toThrow(/bins must be a whole number/);
    await expect(run([[0.5, 0.5]], [0], { clip: 1 })).rejects.toThrow(/clip must lie strictly between 0 and 1/);
    await expect(run([[0.5, 0.5]], [0], { binning: 'quantile', bins: 1000 })).rejects.toThrow(/1 to 256 bins/);
  });
});
