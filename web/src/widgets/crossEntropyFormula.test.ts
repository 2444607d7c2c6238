import { describe, expect, it } from 'vitest';
import { crossEntropyArea } from './crossEntropyArea.js';
import { crossEntropyFormulaTex } from './crossEntropyFormula.js';

describe('crossEntropyFormulaTex', () => {
  it('substitutes the worked example’s numbers: ½·3 + ¼·1 + ⅛·2 + ⅛·3 = 2.375 bits', () => {
    const p = [0.5, 0.25, 0.125, 0.125];
    const q = [0.125, 0.5, 0.25, 0.125];
    const tex = crossEntropyFormulaTex(crossEntropyArea(p, q), q, 'bits');
    expect(tex.definition).toBe('H(p,q) = \\sum_k p_k \\, \\log_2 \\frac{1}{q_k}');
    expect(tex.substituted[0]).toBe('{0.500 \\cdot \\log_2 \\dfrac{1}{0.125}}');
    expect(tex.values).toEqual(['1.500', '0.250', '0.250', '0.375']);
    expect(tex.total).toBe('2.375');
  });

  it('writes ∞ for a term whose q_k is 0, 0 for one whose p_k is 0, and ln in nats', () => {
    const q = [0.5, 0, 0.5];
    const tex = crossEntropyFormulaTex(crossEntropyArea([0.5, 0.5, 0], q, 'nats'), q, 'nats');
    expect(tex.substituted[1]).toBe('{0.500 \\cdot \\ln \\dfrac{1}{0}}');
    expect(tex.values).toEqual([(0.5 * Math.LN2).toFixed(3), '\\infty', '0.000']);
    expect(tex.total).toBe('\\infty');
  });
});
