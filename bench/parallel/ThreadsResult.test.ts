import { describe, expect, it } from 'vitest';
import { crossovers, type ThreadsRow } from './ThreadsResult.js';
import { unitSplit } from './mnistControl.js';

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

describe('unitSplit', () => {
  it('covers the units once, in order, the calling thread first with its share', () => {
    expect(unitSplit(2, 100, 0.35)).toEqual([[0, 35], [35, 100]]);
    expect(unitSplit(3, 31, 0.2)).toEqual([[0, 6], [6, 18], [18, 31]]);
    expect(unitSplit(1, 30, 0.2)).toEqual([[0, 30]]);
    expect(unitSplit(2, 10, 0)).toEqual([[0, 0], [0, 10]]);
  });
});
