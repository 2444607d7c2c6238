import { describe, expect, it } from 'vitest';
import { codingSection } from './codingSection.js';

describe('the coding stop of the tour', () => {
  it('shows H(p), H(p,q) as questions and a payload per letter next to its cross-entropy', () => {
    const text = codingSection.render();
    expect(text).toMatch(/^questions, strategy for p\s+1\.75\s+= H\(p\) = 1\.75/m);
    expect(text).toMatch(/^questions, strategy for q\s+2\.375\s+= H\(p,q\) = 2\.375/m);
    const ce = Number(/^cross-entropy\s+([\d.]+) bits\/letter/m.exec(text)![1]);
    const payload = Number(/^real payload\s+([\d.]+) bits\/letter/m.exec(text)![1]);
    // 20000 letters from p: the empirical entropy is within a few hundredths of H(p) = 1.75.
    expect(Math.abs(ce - 1.75)).toBeLessThan(0.03);
    expect(Math.abs(payload - ce)).toBeLessThan(0.005);
  });
});
