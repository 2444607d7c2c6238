import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';

describe('xent tour', () => {
  it('fits an 80-column terminal and spells σ′ one way', async () => {
    const r = await runCli(['tour']);
    expect(r.code).toBe(0);
    const wide = r.stdout.split('\n').filter((line) => [...line].length > 80);
    expect(wide).toEqual([]);
    // σ′ with the prime U+2032, as in derive and the web lab; never an apostrophe.
    expect(r.stdout).toContain('σ′');
    expect(r.stdout).not.toMatch(/σ'/);
  });
});
