import { describe, expect, it } from 'vitest';
import { costs } from '../nn/Cost.js';
import { trainNeuron, type NeuronSettings } from '../nn/neuron.js';
import { unitCost } from '../nn/unitCost.js';
import { bookWidgetStep, trainNeuronStepping } from './neuronStepRule.js';

const base: NeuronSettings = { cost: 'cross-entropy', w: 2, b: 2, eta: 0.005, epochs: 300, x: 1, y: 0 };

describe('trainNeuronStepping', () => {
  it('without a rule is trainNeuron number for number, for both costs', () => {
    for (const cost of ['quadratic', 'cross-entropy'] as const) {
      const s = { ...base, cost, eta: 0.15, w: 0.6, b: 0.9 };
      const stepped = trainNeuronStepping(s);
      expect(stepped.trace.map(({ step: _step, ...row }) => row)).toEqual(trainNeuron(s).trace);
      expect(stepped.trace.every((r) => r.step === r.dCdz)).toBe(true);
    }
  });

  it("the book widget's step is ∂C/∂a of the cross-entropy (finite differences), not ∂C/∂z", () => {
    for (const y of [0, 0.3, 1]) {
      for (const z of [-6, -1, 0, 0.5, 4]) {
        const a = 1 / (1 + Math.exp(-z));
        const h = 1e-5 * Math.min(a, 1 - a); // central differences, relative to the distance to 0 or 1
        const c = (t: number) => -(y * Math.log(t) + (1 - y) * Math.log(1 - t));
        const dCda = (c(a + h) - c(a - h)) / (2 * h);
        expect(Math.abs(bookWidgetStep(z, a, y) / dCda - 1)).toBeLessThan(1e-7);
        // and ∂C/∂z is that times σ'(z) = a(1 − a): the factor the widget leaves out
        expect(Math.abs(unitCost(costs['cross-entropy'], z, y).dCdz / (dCda * a * (1 - a)) - 1)).toBeLessThan(1e-7);
      }
    }
  });

  it('reproduces the numbers quoted for (2, 2) at η = 0.005: a = 0.048 as the widget steps, 0.78 by gradient descent', () => {
    const widget = trainNeuronStepping(base, bookWidgetStep);
    const proper = trainNeuronStepping(base);
    expect(widget.trace[300].a).toBeCloseTo(0.048, 3);
    expect(proper.trace[300].a).toBeCloseTo(0.78, 2);
    // The widget's first step is 1 + e⁴ = 55.6 against the true δ = σ(4) = 0.982.
    expect(widget.trace[0].step).toBeCloseTo(1 + Math.exp(4), 10);
    expect(widget.trace[0].dCdz).toBeCloseTo(1 / (1 + Math.exp(-4)), 14);
  });

  it('validates like trainNeuron', () => {
    expect(() => trainNeuronStepping({ ...base, eta: 0 }, bookWidgetStep)).toThrow(expect.objectContaining({ field: 'eta' }));
  });
});
