import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { bookWidgetStep } from '../../../src/experiments/neuronStepRule.js';
import { trainNeuron } from '../../../src/nn/neuron.js';
import { neuronStepPlain, neuronStepTex, texNumber } from './neuronFormula.js';
import { neuronStepNumbers } from './neuronStepNumbers.js';

describe('texNumber', () => {
  it('writes three significant digits, powers of ten in TeX, and the limits by their signs', () => {
    expect([0.98201379, -0.00260817, 1.234e-5, -2.5e21, 0, 1].map(texNumber)).toEqual(['0.982', '-0.00261', '1.23\\times10^{-5}', '-2.5\\times10^{21}', '0', '1']);
    expect([Infinity, -Infinity].map(texNumber)).toEqual(['\\infty', '-\\infty']);
  });
});

describe('neuronStepTex', () => {
  it('puts the epoch’s numbers in, and KaTeX typesets every epoch of both runs and of the book’s step', () => {
    for (const cost of ['quadratic', 'cross-entropy'] as const) {
      const { trace } = trainNeuron({ cost, w: 2, b: 2, eta: 0.15, epochs: 300, x: 1, y: 0 });
      for (const row of trace) {
        for (const book of cost === 'quadratic' ? [false] : [false, true]) {
          const n = neuronStepNumbers(cost, row.z, 0, 0.15, 1, book ? bookWidgetStep : undefined);
          const tex = neuronStepTex(cost, n, 0.15, 1, book);
          expect(() => katex.renderToString(tex, { displayMode: true, throwOnError: true })).not.toThrow();
          expect(tex).toContain(texNumber(n.dw));
          expect(neuronStepPlain(cost, n, 0.15, 1, book)).toContain(`Δb = ${texNumber(n.db).replace('-', '−')}`);
        }
      }
    }
    // At (2, 2): the quadratic's ∂C/∂z = (0.982 − 0)·0.0177 = 0.0173, the cross-entropy's 0.982.
    expect(neuronStepTex('quadratic', neuronStepNumbers('quadratic', 4, 0, 0.15, 1), 0.15, 1)).toContain('(0.982 - 0) \\times 0.0177');
    expect(neuronStepTex('cross-entropy', neuronStepNumbers('cross-entropy', 4, 0, 0.15, 1), 0.15, 1)).toContain('0.982 - 0 = 0.982');
  });
});
