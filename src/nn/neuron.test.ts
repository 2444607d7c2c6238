import { describe, expect, it } from 'vitest';
import { XentError } from '../core/XentError.js';
import { costs } from './Cost.js';
import { trainNeuron, type NeuronSettings } from './neuron.js';
import { unitCost } from './unitCost.js';

const seed: NeuronSettings = { cost: 'quadratic', w: 2, b: 2, eta: 0.15, epochs: 300, x: 1, y: 0 };

// Independent of the library: the logistic function and both costs written out again.
const logistic = (z: number) => 1 / (1 + Math.exp(-z));
const closedForm = {
  quadratic: { C: (a: number, y: number) => ((a - y) * (a - y)) / 2, delta: (a: number, y: number) => (a - y) * a * (1 - a) },
  'cross-entropy': { C: (a: number, y: number) => -(y * Math.log(a) + (1 - y) * Math.log(1 - a)), delta: (a: number, y: number) => a - y },
} as const;

describe('trainNeuron: the golden values (Nielsen chapter 3, computed independently)', () => {
  it('quadratic cost from (2, 2), η = 0.15: a = 0.982, 0.9334, 0.2028 at epochs 0, 150, 300', () => {
    const { trace } = trainNeuron(seed);
    expect(trace).toHaveLength(301);
    expect(trace[0].a).toBeCloseTo(0.982, 4);
    expect(trace[150].a).toBeCloseTo(0.9334, 4);
    expect(trace[300].a).toBeCloseTo(0.2028, 4);
  });

  it('cross-entropy from (2, 2), η = 0.15: a = 0.0985 at epoch 50', () => {
    const { trace } = trainNeuron({ ...seed, cost: 'cross-entropy' });
    expect(trace[50].a).toBeCloseTo(0.0985, 4);
    // The same start with the quadratic cost is still saturated at epoch 50.
    expect(trainNeuron(seed).trace[50].a).toBeGreaterThan(0.97);
  });
});

describe('trainNeuron: every step against the update recomputed in closed form', () => {
  const cases: NeuronSettings[] = [
    seed,
    { ...seed, cost: 'cross-entropy' },
    { cost: 'quadratic', w: 0.6, b: 0.9, eta: 0.15, epochs: 300, x: 1, y: 0 },
    { cost: 'cross-entropy', w: -1.3, b: 0.4, eta: 0.8, epochs: 120, x: -2.5, y: 0.7 },
    { cost: 'quadratic', w: 3, b: -1, eta: 2, epochs: 80, x: 0.5, y: 1 },
  ];
  it.each(cases)('$cost from ($w, $b), η = $eta, x = $x, y = $y', (s) => {
    const run = trainNeuron(s);
    expect(run).toMatchObject({ cost: s.cost, w0: s.w, b0: s.b, eta: s.eta, x: s.x, y: s.y });
    expect(run.trace).toHaveLength(s.epochs + 1);
    const f = closedForm[s.cost];
    let w = s.w;
    let b = s.b;
    run.trace.forEach((row, k) => {
      const z = w * s.x + b;
      const a = logistic(z);
      expect(row.epoch).toBe(k);
      expect(row.w).toBeCloseTo(w, 12);
      expect(row.b).toBeCloseTo(b, 12);
      expect(row.z).toBeCloseTo(z, 12);
      expect(row.a).toBeCloseTo(a, 12);
      expect(row.cost).toBeCloseTo(f.C(a, s.y), 12);
      expect(row.dCdz).toBeCloseTo(f.delta(a, s.y), 12);
      w -= s.eta * f.delta(a, s.y) * s.x;
      b -= s.eta * f.delta(a, s.y);
    });
  });

  it('dCdz is ∂C/∂z by central finite differences', () => {
    for (const name of ['quadratic', 'cross-entropy'] as const) {
      for (const [z, y] of [[-3, 0], [0.4, 0.3], [2.5, 1], [4, 0]]) {
        const h = 1e-5;
        const C = (zz: number) => closedForm[name].C(logistic(zz), y);
        const numeric = (C(z + h) - C(z - h)) / (2 * h);
        const { trace } = trainNeuron({ cost: name, w: 0, b: z, eta: 1, epochs: 0, x: 1, y });
        expect(trace[0].dCdz).toBeCloseTo(numeric, 8);
      }
    }
  });
});

describe('trainNeuron: edges', () => {
  it('epochs = 0 gives the start alone', () => {
    const { trace } = trainNeuron({ ...seed, epochs: 0 });
    expect(trace).toEqual([{ epoch: 0, w: 2, b: 2, z: 4, a: logistic(4), cost: logistic(4) ** 2 / 2, dCdz: expect.any(Number) }]);
  });

  it('is symmetric: target 1 from (−w, −b) mirrors target 0 from (w, b)', () => {
    for (const cost of ['quadratic', 'cross-entropy'] as const) {
      const zero = trainNeuron({ ...seed, cost }).trace;
      const one = trainNeuron({ ...seed, cost, w: -2, b: -2, y: 1 }).trace;
      one.forEach((row, k) => {
        expect(row.a).toBeCloseTo(1 - zero[k].a, 12);
        expect(row.cost).toBeCloseTo(zero[k].cost, 12);
      });
    }
  });

  it('x = 0 leaves w alone and trains the bias only', () => {
    const { trace } = trainNeuron({ ...seed, cost: 'cross-entropy', x: 0 });
    expect(trace.every((r) => r.w === 2)).toBe(true);
    expect(trace[300].b).toBeLessThan(0);
  });

  it('keeps the cross-entropy finite where σ(z) rounds to 1 (z = 200 costs ≈ 200 nats)', () => {
    const { trace } = trainNeuron({ ...seed, cost: 'cross-entropy', w: 100, b: 100, x: 1, epochs: 1 });
    expect(trace[0].a).toBe(1);
    expect(trace[0].cost).toBeCloseTo(200, 10);
    // Where σ(z) is accurate, the stable form equals the textbook fn(a, y).
    for (const z of [-30, -5, -0.1, 0, 0.7, 12]) {
      for (const y of [0, 0.2, 1]) {
        expect(unitCost(costs['cross-entropy'], z, y).cost).toBeCloseTo(closedForm['cross-entropy'].C(logistic(z), y), 9);
      }
    }
  });

  it('reports what float64 gives when an enormous step overflows the weight', () => {
    const { trace } = trainNeuron({ ...seed, cost: 'cross-entropy', eta: 1e308, x: 10, epochs: 2 });
    // Step 1: w = 2 − 1e308·0.99…·10 overflows to −Infinity, so z = −Infinity, a = 0, and
    // with y = 0 the cost and its gradient are exactly 0.
    expect(trace[1]).toMatchObject({ w: -Infinity, z: -Infinity, a: 0, cost: 0, dCdz: 0 });
    expect(trace[2].w).toBe(-Infinity);
  });

  it.each([
    [{ eta: 0 }, 'learning rate 0 must be > 0 (eta)'],
    [{ eta: -0.1 }, 'learning rate -0.1 must be > 0 (eta)'],
    [{ eta: NaN }, 'value NaN must be a finite number (eta)'],
    [{ y: 1.5 }, 'target 1.5 must lie in [0, 1] (y)'],
    [{ y: -0.01 }, 'target -0.01 must lie in [0, 1] (y)'],
    [{ epochs: 2.5 }, 'epochs 2.5 must be a non-negative integer (epochs)'],
    [{ epochs: -1 }, 'epochs -1 must be a non-negative integer (epochs)'],
    [{ w: Infinity }, 'value Infinity must be a finite number (w)'],
    [{ x: NaN }, 'value NaN must be a finite number (x)'],
    [{ cost: 'log-likelihood' }, "unknown cost 'log-likelihood', expected quadratic or cross-entropy (cost)"],
  ])('rejects %o', (patch, message) => {
    const settings = { ...seed, ...patch } as NeuronSettings;
    expect(() => trainNeuron(settings)).toThrow(XentError);
    expect(() => trainNeuron(settings)).toThrow(message);
  });
});
