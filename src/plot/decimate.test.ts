import { describe, expect, it } from 'vitest';
import { decimate } from './decimate.js';

describe('decimate', () => {
  it('returns short series unchanged', () => {
    expect(decimate([0, 1, 2], [5, 6, 7], 1)).toEqual({ x: [0, 1, 2], y: [5, 6, 7] });
  });

  it('keeps each bucket’s ends, extremes and first non-finite value, in order', () => {
    const x = Array.from({ length: 10 }, (_, i) => i);
    expect(decimate(x, [0, 5, 0, 0, 0, 0, 0, 0, -5, 0], 1)).toEqual({ x: [0, 1, 8, 9], y: [0, 5, -5, 0] });
    expect(decimate(x, [1, 1, NaN, 1, 1, 9, 1, 1, 1, 1], 2)).toEqual({ x: [0, 2, 4, 5, 6, 9], y: [1, NaN, 1, 9, 1, 1] });
  });

  it('thins a million points to a few thousand without losing a spike or a zigzag', () => {
    const n = 1_000_001;
    const x = Array.from({ length: n }, (_, i) => i);
    // A zigzag of amplitude 1 around a decay, and one spike: every 7th point would keep
    // one side of the zigzag only.
    const y = x.map((i) => Math.exp(-i / 1e5) + (i % 2 === 0 ? 1 : -1));
    y[777_777] = 50;
    const d = decimate(x, y);
    expect(d.x.length).toBeLessThanOrEqual(4000);
    expect(d.x[0]).toBe(0);
    expect(d.x.at(-1)).toBe(n - 1);
    expect(Math.max(...d.y)).toBe(50);
    for (let b = 0; b < d.x.length - 1; b++) expect(d.x[b + 1]).toBeGreaterThan(d.x[b]);
    // Both sides of the zigzag are kept near the end of the run.
    const tail = d.y.slice(-8);
    expect(tail.some((v) => v > 0.5) && tail.some((v) => v < -0.5)).toBe(true);
  });
});
