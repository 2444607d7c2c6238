import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { XentError } from '../core/XentError.js';
import { cloneNetwork, createNetwork } from './Network.js';

function sampleSd(x: Float64Array): number {
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  return Math.sqrt(x.reduce((s, v) => s + (v - mean) * (v - mean), 0) / (x.length - 1));
}

describe('createNetwork', () => {
  it('has row-major weights of shape sizes[l+1] × sizes[l] and the cost its output is paired with', () => {
    const net = createNetwork({ sizes: [4, 3, 2], cost: 'log-likelihood', rng: createRng(1) });
    expect(net.weights.map((w) => w.length)).toEqual([12, 6]);
    expect(net.biases.map((b) => b.length)).toEqual([3, 2]);
    expect(net.cost.activation.name).toBe('softmax');
  });

  it('"default" draws N(0, 1/n_in) weights and "large" N(0, 1); biases are N(0, 1)', () => {
    const small = createNetwork({ sizes: [400, 50, 10], cost: 'cross-entropy', rng: createRng(2) });
    const large = createNetwork({ sizes: [400, 50, 10], cost: 'cross-entropy', init: 'large', rng: createRng(2) });
    // 20,000 samples: the sample sd is within ±1.5% of σ with overwhelming probability.
    expect(sampleSd(small.weights[0])).toBeCloseTo(1 / 20, 2);
    expect(Math.abs(sampleSd(small.weights[0]) * 20 - 1)).toBeLessThan(0.03);
    expect(Math.abs(sampleSd(large.weights[0]) - 1)).toBeLessThan(0.03);
    expect(Math.abs(sampleSd(small.weights[1]) * Math.sqrt(50) - 1)).toBeLessThan(0.1);
    expect(Math.abs(sampleSd(Float64Array.from([...small.biases[0], ...large.biases[0]])) - 1)).toBeLessThan(0.3);
  });

  it('is determined by the seed', () => {
    const a = createNetwork({ sizes: [5, 3, 2], cost: 'quadratic', rng: createRng(7) });
    const b = createNetwork({ sizes: [5, 3, 2], cost: 'quadratic', rng: createRng(7) });
    const c = createNetwork({ sizes: [5, 3, 2], cost: 'quadratic', rng: createRng(8) });
    expect(b.weights).toEqual(a.weights);
    expect(c.weights).not.toEqual(a.weights);
  });

  it('clones deeply', () => {
    const a = createNetwork({ sizes: [2, 2], cost: 'quadratic', rng: createRng(1) });
    const b = cloneNetwork(a);
    b.weights[0][0] += 1;
    expect(b.weights[0][0]).not.toBe(a.weights[0][0]);
  });

  it('rejects bad sizes, costs and inits with the field named', () => {
    const rng = createRng(1);
    expect(() => createNetwork({ sizes: [784], cost: 'quadratic', rng })).toThrow(/\(sizes\)/);
    expect(() => createNetwork({ sizes: [784, 0, 10], cost: 'quadratic', rng })).toThrow(/\(sizes, index 1\)/);
    expect(() => createNetwork({ sizes: [2, 2], cost: 'hinge' as 'quadratic', rng })).toThrow(/unknown cost 'hinge'.*\(cost\)/);
    expect(() => createNetwork({ sizes: [2, 2], cost: 'quadratic', init: 'xavier' as 'large', rng })).toThrow(XentError);
  });
});
