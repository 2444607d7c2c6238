import { describe, expect, it } from 'vitest';
import { sigmoid } from '../../../src/core/math/sigmoid.js';
import { trainNeuron } from '../../../src/nn/neuron.js';
import { BELOW_A, EXERCISE_START, firstBelow, firstSteps } from './neuronExerciseFacts.js';

describe('the facts behind #/neuron’s exercises', () => {
  it('firstBelow names the first epochs at which a < 0.1, and which cost is first', () => {
    const f = firstBelow();
    for (const [cost, k] of [['quadratic', f.quadratic], ['cross-entropy', f.crossEntropy]] as const) {
      expect(k).toBeDefined();
      const trace = trainNeuron({ ...EXERCISE_START, cost, epochs: k as number }).trace;
      expect(trace[k as number].a).toBeLessThan(BELOW_A);
      expect(trace.slice(0, k).every((r) => r.a >= BELOW_A)).toBe(true);
    }
    expect(f.first).toBe((f.quadratic as number) < (f.crossEntropy as number) ? 'quadratic' : 'cross-entropy');
    // Too few epochs for either: neither gets there, which counts as the same time.
    expect(firstBelow(3)).toEqual({ quadratic: undefined, crossEntropy: undefined, first: 'same', maxEpochs: 3 });
  });

  it('the first steps differ by 1/σ′(4) = 2 + e⁴ + e⁻⁴, the factor the quadratic keeps', () => {
    const s = firstSteps();
    expect(s.a).toBe(sigmoid(4));
    expect(s.sigmaPrime).toBeCloseTo(sigmoid(4) * sigmoid(-4), 15);
    expect(Math.abs(s.ratio - (2 + Math.exp(4) + Math.exp(-4)))).toBeLessThan(1e-9);
    // Δw = −η·δ·x with the cross-entropy's δ = a − y.
    expect(s.crossEntropyDw).toBeCloseTo(-EXERCISE_START.eta * (sigmoid(4) - 0), 14);
  });
});
