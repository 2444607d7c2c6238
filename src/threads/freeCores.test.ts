import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { freeCores } from './freeCores.js';

describe('freeCores', () => {
  it('takes the rounded load average off the cores, leaving at least one', () => {
    expect(freeCores(2, 0)).toBe(2);
    expect(freeCores(2, 0.4)).toBe(2);
    expect(freeCores(2, 0.6)).toBe(1);
    expect(freeCores(2, 3.5)).toBe(1);
    expect(freeCores(2, 18.7)).toBe(1);
    expect(freeCores(8, 2.2)).toBe(6);
    expect(freeCores(1, 0)).toBe(1);
  });

  it('counts a load it cannot read as none, and defaults to this machine', () => {
    expect(freeCores(4, NaN)).toBe(4);
    expect(freeCores(4, -1)).toBe(4);
    const here = freeCores();
    expect(here).toBeGreaterThanOrEqual(1);
    expect(here).toBeLessThanOrEqual(availableParallelism());
  });
});
