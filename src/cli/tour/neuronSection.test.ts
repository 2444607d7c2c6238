import { describe, expect, it } from 'vitest';
import { trainNeuron } from '../../nn/neuron.js';
import { neuronSection } from './neuronSection.js';

describe('tour: the single neuron', () => {
  it('shows the saturated start learning slowly with the quadratic cost and fast with the cross-entropy', () => {
    const text = neuronSection.render();
    const q = trainNeuron({ cost: 'quadratic', w: 2, b: 2, eta: 0.15, epochs: 300, x: 1, y: 0 }).trace;
    const ce = trainNeuron({ cost: 'cross-entropy', w: 2, b: 2, eta: 0.15, epochs: 300, x: 1, y: 0 }).trace;
    const row50 = text.split('\n').find((l) => l.startsWith('50 '));
    expect(row50?.split(/\s+/).map(Number)).toEqual([50, Number(q[50].a.toPrecision(4)), Number(ce[50].a.toPrecision(4))]);
    expect(text).toMatch(/^300\s+0\.2028\s+0\.01201$/m);
    expect(text).toContain('within ');
    expect(text).toContain('= 0.1667');
  });
});
