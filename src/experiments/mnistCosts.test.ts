import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { createDataset, type Dataset } from '../nn/Dataset.js';
import { trainNetwork } from '../nn/trainNetwork.js';
import { figureSvg } from '../plot/figureSvg.js';
import { meanSd, runMnistCosts } from './mnistCosts.js';
import { mnistCostsFigure } from './mnistCostsFigure.js';

/** 3 classes of noisy 6-pixel "images": class c lights pixels 2c and 2c+1. */
function blobs(n: number, seed: number): Dataset {
  const rng = createRng(seed);
  const inputs = new Float32Array(6 * n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = rng.int(3);
    labels[i] = c;
    for (let k = 0; k < 6; k++) inputs[6 * i + k] = 0.6 * rng.uniform() + (k >> 1 === c ? 0.4 : 0);
  }
  return createDataset(inputs, labels, 6, 3);
}

describe('meanSd', () => {
  it('is the mean and the n − 1 sample standard deviation', () => {
    expect(meanSd([1, 2, 3])).toEqual({ mean: 2, sd: 1 });
    expect(meanSd([2, 4, 4, 4, 5, 5, 7, 9]).sd).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(meanSd([5]).sd).toBeNaN();
  });
});

describe('runMnistCosts', () => {
  const train = blobs(150, 1);
  const test = blobs(60, 2);
  const result = runMnistCosts(train, test, { seeds: [1, 2], epochs: 4, hiddenSizes: [4, 6], batchSize: 10 });

  it('has one row per network size and cost, summarising independent training runs', () => {
    expect(result.rows.map((r) => `${r.sizes.join('-')} ${r.cost} ${r.eta}`)).toEqual([
      '6-4-3 quadratic 3',
      '6-4-3 cross-entropy 0.5',
      '6-4-3 log-likelihood 0.5',
      '6-6-3 quadratic 3',
      '6-6-3 cross-entropy 0.5',
      '6-6-3 log-likelihood 0.5',
    ]);
    const row = result.rows[4];
    const runs = [1, 2].map(
      (seed) => trainNetwork({ sizes: [6, 6, 3], cost: 'cross-entropy', epochs: 4, batchSize: 10, eta: 0.5, lambda: 0, init: 'default', seed }, train, test).epochs,
    );
    const finals = runs.map((r) => r[3].testAccuracy);
    expect(row.finalAccuracies).toEqual(finals);
    expect(row.meanAccuracy).toBe(meanSd(finals).mean);
    expect(row.sdAccuracy).toBe(meanSd(finals).sd);
    expect(row.bestAccuracies).toEqual(runs.map((r) => Math.max(...r.map((e) => e.testAccuracy))));
    expect(row.curve).toHaveLength(4);
    expect(row.curve[1].meanAccuracy).toBe((runs[0][1].testAccuracy + runs[1][1].testAccuracy) / 2);
    for (const r of result.rows) expect(r.meanBestAccuracy).toBeGreaterThanOrEqual(r.meanAccuracy);
  });

  it('draws accuracy curves, one panel per network size', () => {
    const svg = figureSvg(mnistCostsFigure(result, 'toy blobs'));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('[6, 4, 3]: test accuracy');
    expect(svg).toContain('softmax + log-likelihood, η = 0.5');
  });

  it('rejects an empty seed list', () => {
    expect(() => runMnistCosts(train, test, { seeds: [], epochs: 1 })).toThrow(/\(seeds\)/);
  });
});
