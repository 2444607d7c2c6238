import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { XentError } from '../core/XentError.js';
import { networkFromJson, networkToJson } from './modelJson.js';
import { createNetwork } from './Network.js';
import { predict } from './predict.js';
import { randomDataset } from './testData.js';

describe('model JSON', () => {
  it('round-trips through JSON text bit for bit', () => {
    const net = createNetwork({ sizes: [6, 4, 3], cost: 'log-likelihood', rng: createRng(5) });
    const back = networkFromJson(JSON.parse(JSON.stringify(networkToJson(net, { seed: 5 }))));
    expect(back.sizes).toEqual(net.sizes);
    expect(back.cost).toBe(net.cost);
    expect(back.weights).toEqual(net.weights);
    expect(back.biases).toEqual(net.biases);
    const x = randomDataset(4, 6, 3, 1).inputs;
    expect(predict(back, x)).toEqual(predict(net, x));
  });

  it('names what is wrong in a malformed model', () => {
    const good = networkToJson(createNetwork({ sizes: [2, 2], cost: 'quadratic', rng: createRng(1) }));
    const cases: [unknown, RegExp][] = [
      [[1, 2], /must be a JSON object/],
      [{ ...good, format: 'onnx' }, /"format" must be "xent-mlp"/],
      [{ ...good, version: 2 }, /unsupported model version 2/],
      [{ ...good, sizes: [2] }, /"sizes": /],
      [{ ...good, cost: 'hinge' }, /"cost": unknown cost 'hinge'/],
      [{ ...good, weights: [[1, 2, 3]] }, /"weights" layer 0 must hold 4 numbers/],
      [{ ...good, biases: [[1, 'x']] }, /"biases" layer 0 has "x" at index 1/],
      [{ ...good, biases: [] }, /"biases" must be an array of 1 layers/],
    ];
    for (const [model, message] of cases) {
      expect(() => networkFromJson(model)).toThrow(XentError);
      expect(() => networkFromJson(model)).toThrow(message);
    }
  });
});

describe('predict', () => {
  it('gives the argmax label and a distribution that sums to 1', () => {
    for (const cost of ['cross-entropy', 'log-likelihood'] as const) {
      const net = createNetwork({ sizes: [5, 3, 4], cost, rng: createRng(2) });
      const preds = predict(net, randomDataset(130, 5, 4, 9).inputs);
      expect(preds).toHaveLength(130);
      for (const p of preds) {
        expect(p.probabilities.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 14);
        expect(p.probabilities[p.label]).toBe(Math.max(...p.probabilities));
      }
    }
  });

  it('rejects inputs that are not whole images', () => {
    const net = createNetwork({ sizes: [5, 2], cost: 'quadratic', rng: createRng(2) });
    expect(() => predict(net, new Float32Array(7))).toThrow(/not a whole number of 5-value inputs \(images\)/);
  });
});
