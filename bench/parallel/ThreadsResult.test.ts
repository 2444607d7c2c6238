import { describe, expect, it } from 'vitest';
import { crossovers, type ThreadsRow } from './ThreadsResult.js';

const row = (family: string, work: number, xent1: number, xent2: number, torch1: number | null, torch2: number | null): ThreadsRow => ({
  shape: [work],
  label: `${family}:${work}`,
  work,
  family,
  xent1,
  xent2,
  torch1,
  torch2,
  ratios: { speedup: xent1 / xent2, torch1: null, torch2: null, torchSpeedup: null },
  spreadMs: {},
});

describe('crossovers', () => {
  it('names the smallest size from which every larger one is faster on all threads, per family', () => {
    const rows = [
      row('a', 4, 2, 1.5, 2, 2.1), // xent faster, but not at the next size: not its crossover
      row('a', 1, 1, 2, 1, 3),
      row('a', 16, 5, 6, 8, 6),
      row('a', 64, 20, 11, 30, 16),
      row('a', 256, 80, 41, 120, 61),
      row('b', 10, 1, 2, null, null),
    ];
    expect(crossovers(rows)).toEqual([
      { family: 'a', xentFrom: 'a:64', torchFrom: 'a:16' },
      { family: 'b', xentFrom: null, torchFrom: null },
    ]);
  });
});
