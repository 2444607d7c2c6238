import { describe, expect, it } from 'vitest';
import { englishText } from '../../../test/coding/testData.js';
import { compressBytes } from './compressBytes.js';
import { MODEL_NAMES } from './container.js';
import { byteCosts, topPredictions } from './surprise.js';

const text = englishText().subarray(0, 3000);

describe('byteCosts', () => {
  it.each(MODEL_NAMES)('%s: the costs add up to the compressor’s cross-entropy, each ≥ 0', (model) => {
    const costs = byteCosts(text, { model });
    expect(costs.length).toBe(text.length);
    expect(costs.every((c) => c >= 0)).toBe(true);
    const total = costs.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(compressBytes(text, { model }).crossEntropyBits, 6);
  });

  it('the quadratic mixer’s costs add up to its own compression', () => {
    const total = byteCosts(text, { model: 'cm', mixerCost: 'quadratic' }).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(compressBytes(text, { model: 'cm', mixerCost: 'quadratic' }).crossEntropyBits, 6);
  });
});

describe('topPredictions', () => {
  it.each(['order1', 'order2', 'order3', 'cm'] as const)('%s: the probability given to the true byte is 2^−cost, and the list is sorted', (model) => {
    const costs = byteCosts(text, { model });
    for (const position of [0, 1, 500, 2999]) {
      const top = topPredictions(text, position, { model }, 5);
      expect(top.length).toBe(5);
      for (let i = 1; i < top.length; i++) expect(top[i].probability).toBeLessThanOrEqual(top[i - 1].probability);
      const sum = top.reduce((a, p) => a + p.probability, 0);
      expect(sum).toBeLessThanOrEqual(1 + 1e-9);
      const hit = top.find((p) => p.byte === text[position]);
      // When the true byte is among the top 5, its probability is exactly what it cost.
      if (hit) expect(-Math.log2(hit.probability)).toBeCloseTo(costs[position], 9);
    }
  });

  it('cm has learnt a repeated phrase: after "abracadabra " ×3 and "abracadab" it expects "r"', () => {
    const input = new TextEncoder().encode('abracadabra abracadabra abracadabra abracadab');
    const top = topPredictions(input, input.length, { model: 'cm' }, 3);
    expect(String.fromCharCode(top[0].byte)).toBe('r');
    expect(top[0].probability).toBeGreaterThan(0.5);
  });

  it('order0: the chunk’s own frequencies', () => {
    const input = new TextEncoder().encode('aaab');
    expect(topPredictions(input, 2, { model: 'order0' }, 5)).toEqual([
      { byte: 97, probability: 0.75 },
      { byte: 98, probability: 0.25 },
    ]);
  });
});
