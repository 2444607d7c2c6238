import { describe, expect, it } from 'vitest';
import { costs } from '../../../src/nn/Cost.js';
import { trainNeuron, type NeuronCostName } from '../../../src/nn/neuron.js';
import { unitCost } from '../../../src/nn/unitCost.js';
import { bookWidgetStep, trainNeuronStepping } from '../../../src/experiments/neuronStepRule.js';
import { neuronStepNumbers } from './neuronStepNumbers.js';

const COSTS: NeuronCostName[] = ['quadratic', 'cross-entropy'];
const close = (got: number, want: number, rel = 1e-12) => expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.max(1e-300, Math.abs(want)));

describe('neuronStepNumbers', () => {
  it("gives the library's ∂C/∂z, and the step the library takes, at every epoch of its runs", () => {
    for (const [w, b, eta, x, y] of [
      [2, 2, 0.15, 1, 0],
      [0.6, 0.9, 0.15, 1, 0],
      [-1.5, 0.4, 0.3, 1.2, 0.25],
    ]) {
      for (const cost of COSTS) {
        const { trace } = trainNeuron({ cost, w, b, eta, x, y, epochs: 200 });
        for (let k = 0; k < trace.length - 1; k++) {
          const n = neuronStepNumbers(cost, trace[k].z, y, eta, x);
          close(n.a, trace[k].a);
          close(n.dCdz, trace[k].dCdz, 1e-9);
          // The next row is this one moved by the step.
          close(trace[k].w + n.dw, trace[k + 1].w, 1e-9);
          close(trace[k].b + n.db, trace[k + 1].b, 1e-9);
        }
      }
    }
  });

  it('∂C/∂z is the derivative of the cost: central finite differences in z', () => {
    for (const cost of COSTS) {
      for (const y of [0, 0.3, 1]) {
        for (const z of [-6, -2, -0.5, 0, 0.7, 2, 4, 6]) {
          const h = 1e-5;
          const c = (v: number) => unitCost(costs[cost], v, y).cost;
          const fd = (c(z + h) - c(z - h)) / (2 * h);
          const n = neuronStepNumbers(cost, z, y, 0.15, 1);
          expect(Math.abs(n.dCdz - fd)).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd)));
          // σ′(z) too, against σ's own differences.
          const s = (v: number) => neuronStepNumbers(cost, v, y, 1, 1).a;
          expect(Math.abs(n.sigmaPrime - (s(z + h) - s(z - h)) / (2 * h))).toBeLessThan(1e-9);
        }
      }
    }
  });

  it("the quadratic's ∂C/∂z is the cross-entropy's times σ′(z): at (2, 2) the first steps differ 1/σ′(4) ≈ 56.6 times", () => {
    const q = neuronStepNumbers('quadratic', 4, 0, 0.15, 1);
    const xe = neuronStepNumbers('cross-entropy', 4, 0, 0.15, 1);
    close(q.dCdz, xe.dCdz * q.sigmaPrime, 1e-14);
    close(xe.dw / q.dw, 1 + Math.exp(4) + 1 + Math.exp(-4), 1e-12);
    expect(xe.dw / q.dw).toBeCloseTo(56.6, 1);
  });

  it("with the book's rule the step is the library's stepped run's", () => {
    const s = { cost: 'cross-entropy', w: 2, b: 2, eta: 0.005, epochs: 50, x: 1, y: 0 } as const;
    const { trace } = trainNeuronStepping(s, bookWidgetStep);
    for (let k = 0; k < trace.length - 1; k++) {
      const n = neuronStepNumbers('cross-entropy', trace[k].z, 0, s.eta, 1, bookWidgetStep);
      close(n.step, trace[k].step, 1e-12);
      close(trace[k].w + n.dw, trace[k + 1].w, 1e-12);
      expect(n.step).not.toBe(n.dCdz);
    }
  });

  it('is defined at the ends: a saturated neuron has σ′ = 0 and finite steps', () => {
    const n = neuronStepNumbers('quadratic', 800, 0, 0.15, 1);
    expect([n.a, n.sigmaPrime, n.dCdz, n.dw]).toEqual([1, 0, 0, -0]);
    expect(neuronStepNumbers('cross-entropy', -800, 1, 0.15, 1).dCdz).toBe(-1);
    expect(Number.isNaN(neuronStepNumbers('quadratic', Number.NaN, 0, 0.15, 1).dCdz)).toBe(true);
  });
});
