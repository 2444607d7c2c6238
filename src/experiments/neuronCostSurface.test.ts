import { describe, expect, it } from 'vitest';
import { neuronCostSurface } from './neuronCostSurface.js';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('neuronCostSurface', () => {
  it('samples the closed forms ½(σ(wx+b) − y)² and the binary cross-entropy at the cell centres', () => {
    const q = neuronCostSurface('quadratic', 1.5, 0.25, [-2, 2], [-1, 3], 8, 5);
    const x = neuronCostSurface('cross-entropy', 1.5, 0.25, [-2, 2], [-1, 3], 8, 5);
    expect(q.w).toEqual([-1.75, -1.25, -0.75, -0.25, 0.25, 0.75, 1.25, 1.75]);
    expect(q.b).toEqual([-0.6, 0.2, 1, 1.8, 2.6].map((v) => expect.closeTo(v, 14)));
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 8; j++) {
        const a = sigmoid(1.5 * q.w[j] + q.b[i]);
        expect(q.values[i * 8 + j]).toBeCloseTo(0.5 * (a - 0.25) ** 2, 14);
        expect(x.values[i * 8 + j]).toBeCloseTo(-(0.25 * Math.log(a) + 0.75 * Math.log(1 - a)), 12);
      }
    }
    expect(q.min).toBe(Math.min(...q.values));
    expect(x.max).toBe(Math.max(...x.values));
  });

  it('stays finite where a rounds to 1, as the training does', () => {
    const s = neuronCostSurface('cross-entropy', 1, 0, [30, 50], [30, 50], 4, 4);
    expect([...s.values].every(Number.isFinite)).toBe(true);
    // C = softplus(z) ≈ z for large z: the last cell is at w = b = 47.5.
    expect(s.values[15]).toBeCloseTo(95, 10);
  });

  it('rejects bad ranges and sizes, naming the field', () => {
    expect(() => neuronCostSurface('quadratic', 1, 0, [1, 1], [0, 1], 4, 4)).toThrow(expect.objectContaining({ field: 'w' }));
    expect(() => neuronCostSurface('quadratic', 1, 0, [0, 1], [0, 1], 0, 4)).toThrow(expect.objectContaining({ field: 'columns' }));
    expect(() => neuronCostSurface('quadratic', Number.NaN, 0, [0, 1], [0, 1], 4, 4)).toThrow(expect.objectContaining({ field: 'x' }));
  });
});
