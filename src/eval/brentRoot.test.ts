import { describe, expect, it } from 'vitest';
import { brentRoot } from './brentRoot.js';

describe('brentRoot (Brent 1973)', () => {
  it('finds closed-form roots within the tolerance, in few evaluations', () => {
    const cases: [string, (x: number) => number, number, number, number][] = [
      ['x² − 2', (x) => x * x - 2, 0, 2, Math.SQRT2],
      ['cos x − x', (x) => Math.cos(x) - x, 0, 1, 0.7390851332151607],
      ['e^−x − x (decreasing)', (x) => Math.exp(-x) - x, 0, 1, 0.5671432904097838],
      ['(x − 1/3)³, flat at the root', (x) => (x - 1 / 3) ** 3, 0, 1, 1 / 3],
      ['a step: sign(x − 0.3)', (x) => (x > 0.3 ? 1 : -1), 0, 1, 0.3],
    ];
    for (const [name, f, a, b, root] of cases) {
      let calls = 0;
      const counted = (x: number) => (calls++, f(x));
      const x = brentRoot(counted, a, b, f(a), f(b), 1e-13);
      expect(Math.abs(x - root), name).toBeLessThanOrEqual(1e-13);
      // Bisection to 1e-13 from a width of 1–2 takes 44 evaluations; a simple root takes Brent a
      // handful, a flat or a jumping f more, within about 44².
      expect(calls, name).toBeLessThanOrEqual(name.includes('step') || name.includes('flat') ? 44 * 44 : 12);
    }
  });

  it('returns an end where f is 0', () => {
    expect(brentRoot((x) => x - 1, 1, 2, 0, 1, 1e-12)).toBe(1);
    expect(brentRoot((x) => x - 2, 1, 2, -1, 0, 1e-12)).toBe(2);
  });
});
