import { describe, expect, it } from 'vitest';
import { FLOAT32_EXP_UNDERFLOW, fastExpNonPositive } from './fastExp.js';

describe('fastExpNonPositive', () => {
  it('is within 1e-10 relative of Math.exp over the float32 range', () => {
    let worst = 0;
    for (let i = 0; i <= 200_000; i++) {
      const x = (FLOAT32_EXP_UNDERFLOW * i) / 200_000;
      const rel = Math.abs(fastExpNonPositive(x) / Math.exp(x) - 1);
      if (rel > worst) worst = rel;
    }
    expect(worst).toBeLessThan(1e-10);
  });

  it('rounds to the same float32 as Math.exp almost everywhere', () => {
    let differ = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = -i * 0.000871;
      if (Math.fround(fastExpNonPositive(x)) !== Math.fround(Math.exp(x))) differ++;
    }
    expect(differ).toBeLessThan(100);
  });

  it('is exactly 1 at 0, 0 below the float32 range and at −Infinity, NaN for NaN', () => {
    expect(fastExpNonPositive(0)).toBe(1);
    expect(fastExpNonPositive(-0)).toBe(1);
    expect(fastExpNonPositive(-88)).toBe(0);
    expect(fastExpNonPositive(-Infinity)).toBe(0);
    expect(fastExpNonPositive(NaN)).toBeNaN();
  });
});
