import { describe, expect, it } from 'vitest';
import { addSpherical, mergeSphericalSums, sphericalScore, sphericalSums } from './SphericalScore.js';

describe('spherical score', () => {
  it('is p_y/‖p‖₂ in closed form: 1 when certain and right, 0 when p_y = 0, 1/√K for the uniform', () => {
    const of = (p: number[], label: number, w = 1) => {
      const s = sphericalSums();
      addSpherical(s, w, Float64Array.from(p), p.length, label);
      return sphericalScore(s, w);
    };
    expect(of([0, 1, 0], 1)).toBe(1);
    expect(of([0, 1, 0], 0)).toBe(0);
    expect(of([0.25, 0.25, 0.25, 0.25], 2)).toBeCloseTo(0.5, 15);
    // (0.6, 0.8) has norm 1.
    expect(of([0.6, 0.8], 0, 3)).toBeCloseTo(0.6, 15);
  });

  it('weights rows, merges, and is NaN without weight', () => {
    const a = sphericalSums();
    const b = sphericalSums();
    addSpherical(a, 1, Float64Array.from([0.6, 0.8]), 2, 1);
    addSpherical(b, 3, Float64Array.from([0.6, 0.8]), 2, 0);
    mergeSphericalSums(a, b);
    expect(sphericalScore(a, 4)).toBeCloseTo((0.8 + 3 * 0.6) / 4, 15);
    expect(sphericalScore(sphericalSums(), 0)).toBeNaN();
  });
});
