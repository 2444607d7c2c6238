import { describe, expect, it } from 'vitest';
import { trainNeuron } from '../nn/neuron.js';
import { DEMANDED_DELTA_NAMES, demandedStep, errorOverSlope, integrateDemandedDelta } from './demandedDelta.js';
import { DERIVATION_GRID } from './deriveCrossEntropy.js';
import { trainNeuronStepping } from './neuronStepRule.js';

const bce = (a: number, y: number) => -((y === 0 ? 0 : y * Math.log(a)) + (y === 1 ? 0 : (1 - y) * Math.log(1 - a)));
const H = (y: number) => bce(y, y);

describe('integrateDemandedDelta', () => {
  it('a − y integrates to the binary cross-entropy itself', () => {
    for (const y of [0, 0.25, 0.5, 1]) {
      const r = integrateDemandedDelta('error', y, DERIVATION_GRID);
      r.a.forEach((a, i) => expect([y, a, r.cost[i]]).toEqual([y, a, expect.closeTo(bce(a, y), 9)]));
      expect(r.crossEntropy).toEqual(r.a.map((a) => expect.closeTo(bce(a, y), 14)));
    }
  });

  it('recovers the closed forms: (a − y)/2 → half the cross-entropy, (a − y)σ′ → ½(a − y)²', () => {
    for (const y of [0, 0.4, 1]) {
      const half = integrateDemandedDelta('half-error', y, DERIVATION_GRID);
      const quad = integrateDemandedDelta('quadratic', y, DERIVATION_GRID);
      DERIVATION_GRID.forEach((a, i) => {
        expect(half.cost[i]).toBeCloseTo(H(y) + (bce(a, y) - H(y)) / 2, 9);
        expect(quad.cost[i]).toBeCloseTo(H(y) + 0.5 * (a - y) ** 2, 11);
      });
    }
  });

  it('has the derivative it was asked for: dC/da = δ/(a(1 − a)) by finite differences', () => {
    const h = 1e-5;
    for (const name of DEMANDED_DELTA_NAMES) {
      for (const y of [0, 0.3]) {
        for (const a of [0.1, 0.45, 0.8]) {
          const [lo, hi] = integrateDemandedDelta(name, y, [a - h, a + h]).cost;
          const delta = demandedStep(name)(0, a, y);
          expect([name, y, a, (hi - lo) / (2 * h)]).toEqual([name, y, a, expect.closeTo(delta / (a * (1 - a)), 6)]);
        }
      }
    }
  });

  it('meets the cross-entropy at its minimum a = y, and the ends of errorOverSlope are the limits', () => {
    const r = integrateDemandedDelta('signed-square', 0.3, [0.3]);
    expect(r.cost[0]).toBeCloseTo(H(0.3), 15);
    expect(errorOverSlope(1e-300, 0)).toBe(1);
    expect(errorOverSlope(0.5, 0.5)).toBe(0);
    expect(errorOverSlope(0.25, 1)).toBe(-4);
  });

  it('rejects a outside (0, 1), y outside [0, 1] and unknown names', () => {
    expect(() => integrateDemandedDelta('error', 0, [0])).toThrow(expect.objectContaining({ field: 'a', index: 0 }));
    expect(() => integrateDemandedDelta('error', 1.5, [0.5])).toThrow(expect.objectContaining({ field: 'y' }));
    expect(() => integrateDemandedDelta('nope' as never, 0, [0.5])).toThrow(expect.objectContaining({ field: 'delta' }));
  });
});

describe('demandedStep', () => {
  it('a − y trains exactly as the cross-entropy does, (a − y)σ′ as the quadratic cost', () => {
    const s = { w: 2, b: 2, eta: 0.15, epochs: 300, x: 1, y: 0 };
    const xent = trainNeuron({ ...s, cost: 'cross-entropy' });
    const quad = trainNeuron({ ...s, cost: 'quadratic' });
    expect(trainNeuronStepping({ ...s, cost: 'cross-entropy' }, demandedStep('error')).trace[300].a).toBe(xent.trace[300].a);
    expect(trainNeuronStepping({ ...s, cost: 'cross-entropy' }, demandedStep('quadratic')).trace[300].a).toBeCloseTo(quad.trace[300].a, 12);
  });
});
