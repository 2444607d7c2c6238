import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';

const run = (...argv: string[]) => runCli(argv);

describe('xent derive', () => {
  it('reports y, the grid and maxAbsError as JSON', async () => {
    const r = await run('derive', '--y', '0.25', '--json');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(Object.keys(d)).toEqual(['y', 'grid', 'maxAbsError']);
    expect(d.y).toBe(0.25);
    expect(d.maxAbsError).toBeLessThan(1e-8);
    for (const row of d.grid) {
      expect(Object.keys(row)).toEqual(['a', 'integral', 'closedForm', 'absError']);
      expect(row.closedForm).toBeCloseTo(-(0.25 * Math.log(row.a) + 0.75 * Math.log(1 - row.a)), 12);
    }
    expect(d.grid.map((row: { a: number }) => row.a)).toContain(0.999);
  });

  it('defaults to y = 0 and prints a table with the 1/6 heuristic', async () => {
    const r = await run('derive');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^0\.5\s+0\.69314718056\s+0\.69314718056\s/m);
    expect(r.stdout).toMatch(/^largest \|error\| = /m);
    expect(r.stdout).toContain('∫₀¹ a(1 − a) da = 0.166666666667 = 1/6');
  });

  it.each([
    [['--y', '1.5'], 'target 1.5 must lie in [0, 1] (--y)'],
    [['--y', 'half'], "'half' is not a number (--y)"],
    [['--y', 'NaN'], 'target NaN must lie in [0, 1] (--y)'],
  ])('rejects %j with exit 2', async (flags, message) => {
    const r = await run('derive', ...flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`xent: error: ${message}\n`);
  });
});
