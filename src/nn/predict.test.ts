import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { evaluate } from './evaluate.js';
import { createNetwork } from './Network.js';
import { predict } from './predict.js';
import { randomDataset } from './testData.js';

describe('predict', () => {
  for (const cost of ['cross-entropy', 'log-likelihood'] as const) {
    it(`${cost}: labels agree with evaluate's accuracy, probabilities sum to 1, float32 and float64 inputs alike`, () => {
      const network = createNetwork({ sizes: [6, 5, 4], cost, rng: createRng(8) });
      // 230 examples: more than one forward pass of 100, and a partial last one.
      const data = randomDataset(230, 6, 4, 3);
      const predictions = predict(network, data.inputs);
      expect(predictions).toHaveLength(230);
      const correct = predictions.filter((p, i) => p.label === data.labels[i]).length;
      expect(correct).toBe(evaluate(network, data).correct);
      for (const p of predictions) expect(p.probabilities.reduce((s, q) => s + q, 0)).toBeCloseTo(1, 14);
      expect(predict(network, Float64Array.from(data.inputs))).toEqual(predictions);
    });
  }

  it('rejects inputs that are not whole images, naming the field', () => {
    const network = createNetwork({ sizes: [6, 4], cost: 'cross-entropy', rng: createRng(1) });
    expect(() => predict(network, new Float32Array(7))).toThrow(/\(images\)/);
    expect(predict(network, new Float32Array(0))).toEqual([]);
  });
});
