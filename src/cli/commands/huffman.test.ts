import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';

const run = (...argv: string[]) => runCli(argv);

const P = '0.5,0.25,0.125,0.125';
const Q = '0.125,0.5,0.25,0.125';

describe('xent huffman', () => {
  it("reports the worked example as JSON: q's strategy costs H(p,q) = 2.375 questions on p", async () => {
    const r = await run('huffman', '--p', P, '--q', Q, '--json');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(Object.keys(d)).toEqual(['strategy', 'codes', 'entropy', 'crossEntropy', 'expectedLength']);
    expect(d.strategy).toBe('huffman');
    expect(d.codes).toEqual([
      { symbol: 0, p: 0.5, q: 0.125, code: '110' },
      { symbol: 1, p: 0.25, q: 0.5, code: '0' },
      { symbol: 2, p: 0.125, q: 0.25, code: '10' },
      { symbol: 3, p: 0.125, q: 0.125, code: '111' },
    ]);
    expect([d.entropy, d.crossEntropy, d.expectedLength]).toEqual([1.75, 2.375, 2.375]);
  });

  it('answers --code shannon for probabilities at the ends of float64 (q = 1e-16 next to 1)', async () => {
    for (const flags of [['--p', '1e-16,1'], ['--p', '5e-324,1'], ['--p', '0.5,0.5', '--q', '1e-20,1']]) {
      const r = await run('huffman', ...flags, '--code', 'shannon', '--json');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).codes.at(-1).code).toBe('0');
    }
  });

  it('simulates games with a seed: the mean is near the expected length and reproducible', async () => {
    const args = ['huffman', '--p', '0.7,0.2,0.1', '--q', '0.1,0.2,0.7', '--code', 'shannon', '--simulate', '20000', '--seed', '3', '--json'];
    const a = JSON.parse((await run(...args)).stdout);
    const b = JSON.parse((await run(...args)).stdout);
    expect(a).toEqual(b);
    expect(a.strategy).toBe('shannon');
    // Shannon lengths of q: ⌈log2 10⌉ = 4, ⌈log2 5⌉ = 3, ⌈log2 1/0.7⌉ = 1.
    expect(a.codes.map((c: { code: string }) => c.code.length)).toEqual([4, 3, 1]);
    expect(a.expectedLength).toBeCloseTo(0.7 * 4 + 0.2 * 3 + 0.1 * 1, 12);
    expect(a.expectedLength).toBeGreaterThanOrEqual(a.crossEntropy);
    expect(a.expectedLength).toBeLessThan(a.crossEntropy + 1);
    // sd of questions per game ≈ 1.3: 5 standard errors.
    expect(Math.abs(a.meanQuestions - a.expectedLength)).toBeLessThan((5 * 1.3) / Math.sqrt(20000));
  });

  it('prints a readable table by default, and "Infinity" where q rules out an outcome of p', async () => {
    const r = await run('huffman', '--p', P);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^L\s+1\.75\s/m);
    const inf = JSON.parse((await run('huffman', '--p', '0.5,0.5', '--q', '1,0', '--json')).stdout);
    expect(inf.codes[1].code).toBeNull();
    expect(inf.expectedLength).toBe('Infinity');
    expect(inf.crossEntropy).toBe('Infinity');
  });

  it.each([
    [['--p', '0.5,-0.5'], 'value -0.5 is negative (--p, index 1)'],
    [['--p', P, '--q', '0.5,0.5'], 'q has 2 entries but p has 4 (--q)'],
    [['--p', P, '--simulate', '0'], "'0' is not an integer ≥ 1 (--simulate)"],
    [['--p', P, '--seed', '3'], '--seed needs --simulate N (--seed)'],
    [['--q', Q], 'missing distribution: give --p (--p)'],
    [['--p', P, '--code', 'morse'], "option '--code <C>' argument 'morse' is invalid"],
  ])('rejects %j with exit 2 and one line', async (flags, message) => {
    const r = await run('huffman', ...flags);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // One line; it starts with the problem (commander's own messages may add where).
    expect(r.stderr.endsWith('\n') && r.stderr.indexOf('\n') === r.stderr.length - 1).toBe(true);
    expect(r.stderr.startsWith(`xent: error: ${message}`)).toBe(true);
  });
});
