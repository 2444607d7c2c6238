import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { BUSY_LOAD_PER_CORE, freeCores } from './freeCores.js';

describe('freeCores', () => {
  it('offers every core up to a load of BUSY_LOAD_PER_CORE per core, and one above it', () => {
    expect(BUSY_LOAD_PER_CORE).toBe(2);
    expect(freeCores(2, 0)).toBe(2);
    expect(freeCores(2, 3.6)).toBe(2);
    expect(freeCores(2, 4)).toBe(2);
    expect(freeCores(2, 4.01)).toBe(1);
    expect(freeCores(2, 18.7)).toBe(1);
    expect(freeCores(8, 15)).toBe(8);
    expect(freeCores(1, 0)).toBe(1);
  });

  it('counts a load it cannot read as none, and defaults to this machine', () => {
    expect(freeCores(4, NaN)).toBe(4);
    const here = freeCores();
    expect(here === 1 || here === availableParallelism()).toBe(true);
  });
});
