import { describe, expect, it } from 'vitest';
import { trainNeuron } from '../nn/neuron.js';
import { deltaCurves, neuronFigureData, neuronPresetFigure } from './neuronFigure.js';
import { NEURON_PRESETS } from './neuronPresets.js';

describe('neuronPresetFigure', () => {
  it("seed: both costs from (0.6, 0.9) and from (2, 2), η = 0.15, 300 epochs, x = 1, y = 0", () => {
    const fig = neuronPresetFigure('seed');
    expect(fig.runs.map((r) => [r.cost, r.w0, r.b0, r.eta, r.x, r.y, r.trace.length])).toEqual([
      ['quadratic', 0.6, 0.9, 0.15, 1, 0, 301],
      ['cross-entropy', 0.6, 0.9, 0.15, 1, 0, 301],
      ['quadratic', 2, 2, 0.15, 1, 0, 301],
      ['cross-entropy', 2, 2, 0.15, 1, 0, 301],
    ]);
    expect(fig.note).toBeUndefined();
    // The golden values through the figure's own runs.
    expect(fig.runs[2].trace[150].a).toBeCloseTo(0.9334, 4);
    expect(fig.runs[3].trace[50].a).toBeCloseTo(0.0985, 4);
  });

  it('nielsen: cross-entropy at η = 0.005, with a note computed from the runs', () => {
    const fig = neuronPresetFigure('nielsen');
    expect(fig.runs.map((r) => r.eta)).toEqual([0.15, 0.005, 0.15, 0.005]);
    const q = trainNeuron({ cost: 'quadratic', w: 2, b: 2, eta: 0.15, epochs: 300, x: 1, y: 0 });
    const ce = trainNeuron({ cost: 'cross-entropy', w: 2, b: 2, eta: 0.005, epochs: 300, x: 1, y: 0 });
    expect(fig.note).toContain('Not like with like');
    expect(fig.note).toContain('30 times smaller');
    expect(fig.note).toContain(`to ${Number(q.trace[300].a.toPrecision(3))} with the quadratic`);
    expect(fig.note).toContain(`only to ${Number(ce.trace[300].a.toPrecision(3))} with the cross-entropy`);
    // At η = 0.005 the saturated cross-entropy run ends further from the target than the quadratic one.
    expect(ce.trace[300].a).toBeGreaterThan(q.trace[300].a);
  });

  it('takes another epoch count, and every preset shares x and y across its runs', () => {
    expect(neuronPresetFigure('seed', 20).runs.every((r) => r.trace.length === 21)).toBe(true);
    // The note tells the race as it ended: at 50 epochs the quadratic run has not left its
    // plateau and the cross-entropy is ahead; at 0 epochs there was no race.
    const q50 = trainNeuron({ cost: 'quadratic', w: 2, b: 2, eta: 0.15, epochs: 50, x: 1, y: 0 }).trace[50].a;
    const ce50 = trainNeuron({ cost: 'cross-entropy', w: 2, b: 2, eta: 0.005, epochs: 50, x: 1, y: 0 }).trace[50].a;
    expect(ce50).toBeLessThan(q50);
    const note50 = neuronPresetFigure('nielsen', 50).note;
    expect(note50).toContain(`50 epochs take a from 0.982 to ${Number(q50.toPrecision(3))} with the quadratic cost and to`);
    expect(note50).not.toContain('only');
    const note0 = neuronPresetFigure('nielsen', 0).note;
    expect(note0).toContain('Not like with like');
    expect(note0).not.toContain('epochs take a');
    for (const preset of Object.values(NEURON_PRESETS)) expect(preset.runs.length).toBeGreaterThan(1);
  });
});

describe('deltaCurves', () => {
  it('samples σ′(z) and both deltas in closed form', () => {
    const c = deltaCurves(0.3, -6, 6, 13);
    expect(c.z).toEqual([-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6]);
    c.z.forEach((z, i) => {
      const a = 1 / (1 + Math.exp(-z));
      expect(c.sigmoidPrime[i]).toBeCloseTo(a * (1 - a), 14);
      expect(c.quadraticDelta[i]).toBeCloseTo((a - 0.3) * a * (1 - a), 14);
      expect(c.crossEntropyDelta[i]).toBeCloseTo(a - 0.3, 14);
    });
    expect(c.sigmoidPrime[6]).toBe(0.25);
  });

  it('covers every z the runs visit', () => {
    const fig = neuronFigureData('wide', [{ cost: 'cross-entropy', w: 5, b: 5, eta: 0.1, epochs: 5, x: 1, y: 0 }]);
    expect(fig.deltaCurves.z[0]).toBe(-10);
    expect(fig.deltaCurves.z.at(-1)).toBe(10);
    expect(neuronFigureData('narrow', []).deltaCurves.z.at(-1)).toBe(6);
    const far = neuronFigureData('far', [{ cost: 'quadratic', w: 1e6, b: 0, eta: 0.1, epochs: 1, x: 1, y: 0 }]);
    expect(far.deltaCurves.z.at(-1)).toBe(40);
  });
});
