import { describe, expect, it } from 'vitest';
import { addOutcome, removeOutcome, setProbability } from './setProbability.js';

const sum = (p: number[]) => p.reduce((a, b) => a + b, 0);

describe('setProbability', () => {
  it('sets one entry and keeps the ratios of the others', () => {
    const p = setProbability([0.5, 0.25, 0.25], 0, 0.8);
    expect(p[0]).toBe(0.8);
    expect(p[1]).toBeCloseTo(0.1, 15);
    expect(p[2]).toBeCloseTo(0.1, 15);
    expect(sum(p)).toBeCloseTo(1, 15);
  });

  it('clamps to [0, 1] and shares the rest equally when the others are all zero', () => {
    expect(setProbability([0.2, 0.8], 1, 1.7)).toEqual([0, 1]);
    expect(setProbability([1, 0, 0], 0, 0.5)).toEqual([0.5, 0.25, 0.25]);
    expect(setProbability([0.5, 0.5], 0, -1)).toEqual([0, 1]);
  });

  it('adds and removes outcomes keeping a distribution', () => {
    expect(addOutcome([0.5, 0.5])).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(removeOutcome([0.25, 0.25, 0.5])).toEqual([0.5, 0.5]);
    expect(removeOutcome([0, 0, 1])).toEqual([0.5, 0.5]);
  });
});
