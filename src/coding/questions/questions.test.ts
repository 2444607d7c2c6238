import { describe, expect, it } from 'vitest';
import { crossEntropy } from '../../core/info/crossEntropy.js';
import { entropy } from '../../core/info/entropy.js';
import { createRng, type Rng } from '../../core/random/createRng.js';
import { XentError } from '../../core/XentError.js';
import { expectedLength } from './expectedLength.js';
import { huffmanCode } from './huffmanCode.js';
import { canonicalCodes, type PrefixCode } from './PrefixCode.js';
import { playGuess, questionTree } from './questionTree.js';
import { shannonCode, shannonLength } from './shannonCode.js';
import { simulateGuessing } from './simulateGuessing.js';

/** A random distribution with n outcomes, some of them (optionally) zero. */
function randomDistribution(rng: Rng, n: number, zeros = false): number[] {
  const w: number[] = Array.from({ length: n }, () => (zeros && rng.uniform() < 0.2 ? 0 : rng.uniform() ** 3));
  if (!w.some((x) => x > 0)) w[0] = 1;
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
}

/** Checks that the codewords form a prefix code with the stated lengths. */
function expectPrefixCode(code: PrefixCode): void {
  const words = code.codes.filter((c): c is string => c !== null);
  code.codes.forEach((c, k) => expect(c === null ? Infinity : c.length).toBe(code.lengths[k]));
  const sorted = [...words].sort();
  // In lexicographic order, a prefix of a word sorts right before it or its extensions.
  for (let i = 1; i < sorted.length; i++) expect(sorted[i].startsWith(sorted[i - 1])).toBe(false);
  expect(new Set(words).size).toBe(words.length);
}

describe('the worked example p = (1/2, 1/4, 1/8, 1/8), q = (1/8, 1/2, 1/4, 1/8)', () => {
  const p = [1 / 2, 1 / 4, 1 / 8, 1 / 8];
  const q = [1 / 8, 1 / 2, 1 / 4, 1 / 8];

  it('the strategy for p asks 1, 2, 3, 3 questions: 1.75 on average, H(p)', () => {
    const code = huffmanCode(p);
    expect(Array.from(code.lengths)).toEqual([1, 2, 3, 3]);
    expect(code.codes).toEqual(['0', '10', '110', '111']);
    expect(expectedLength(code, p)).toBe(1.75);
    expect(entropy(p)).toBe(1.75);
  });

  it("q's strategy used on p costs 2.375 questions, H(p,q), for Huffman and Shannon alike", () => {
    for (const code of [huffmanCode(q), shannonCode(q)]) {
      // q is dyadic, so both give q's ideal lengths log2(1/q) = 3, 1, 2, 3.
      expect(Array.from(code.lengths)).toEqual([3, 1, 2, 3]);
      // ½·3 + ¼·1 + ⅛·2 + ⅛·3 = 19/8
      expect(expectedLength(code, p)).toBe(2.375);
      expect(crossEntropy(p, q)).toBe(2.375);
    }
  });
});

describe('huffmanCode', () => {
  it('satisfies H(p) ≤ L < H(p) + 1 on its own distribution (300 seeded cases, 1 to 300 outcomes)', () => {
    const rng = createRng(1);
    for (let t = 0; t < 300; t++) {
      const p = randomDistribution(rng, 1 + rng.int(300), t % 2 === 0);
      const code = huffmanCode(p);
      expectPrefixCode(code);
      const h = entropy(p);
      const l = expectedLength(code, p);
      expect(l).toBeGreaterThanOrEqual(h - 1e-12);
      expect(l).toBeLessThan(h + 1);
    }
  });

  it('is optimal for q: no length assignment obeying Kraft does better (brute force, n ≤ 6)', () => {
    const rng = createRng(2);
    for (let t = 0; t < 60; t++) {
      const n = 2 + (t % 5);
      const q = randomDistribution(rng, n);
      expect(expectedLength(huffmanCode(q), q)).toBeCloseTo(bruteForceBest(q), 12);
    }
    // Ties and dyadic cases too.
    for (const q of [[0.25, 0.25, 0.25, 0.25], [0.2, 0.2, 0.2, 0.2, 0.2], [0.4, 0.2, 0.2, 0.1, 0.1], [0.9, 0.05, 0.05]]) {
      expect(expectedLength(huffmanCode(q), q)).toBeCloseTo(bruteForceBest(q), 12);
    }
  });

  it('breaks ties as documented: outcomes before groups, then canonical codewords', () => {
    // Five equal weights: merge {0,1}, then {2,3}, then 4 with {0,1} (the older group).
    const code = huffmanCode([1, 1, 1, 1, 1]);
    expect(Array.from(code.lengths)).toEqual([3, 3, 2, 2, 2]);
    expect(code.codes).toEqual(['110', '111', '00', '01', '10']);
    expect(huffmanCode([1, 1, 1, 1]).codes).toEqual(['00', '01', '10', '11']);
  });

  it('gives no codeword to q_k = 0 and the empty codeword to a certain outcome', () => {
    const code = huffmanCode([0, 1, 0]);
    expect(code.codes).toEqual([null, '', null]);
    expect(expectedLength(code, [0, 1, 0])).toBe(0);
    expect(expectedLength(code, [0.5, 0.5, 0])).toBe(Infinity);
  });

  it('handles 2^16 outcomes and refuses more', () => {
    const rng = createRng(3);
    const p = randomDistribution(rng, 65536);
    const code = huffmanCode(p);
    const l = expectedLength(code, p);
    expect(l).toBeGreaterThanOrEqual(entropy(p) - 1e-9);
    expect(l).toBeLessThan(entropy(p) + 1);
    expect(() => huffmanCode(new Array(65537).fill(1))).toThrow(XentError);
  });

  it('reports bad weights as XentError naming the field and index', () => {
    expect(() => huffmanCode([0.5, -0.5])).toThrow(/negative \(q, index 1\)/);
    expect(() => huffmanCode([0, 0])).toThrow(/sums to 0, .*\(q\)/);
    expect(() => huffmanCode([])).toThrow(/empty/);
  });
});

describe('shannonCode', () => {
  it('used on p, its mean length lies in [H(p,q), H(p,q) + 1) (300 seeded pairs)', () => {
    const rng = createRng(4);
    for (let t = 0; t < 300; t++) {
      const n = 1 + rng.int(200);
      const p = randomDistribution(rng, n, true);
      const q = randomDistribution(rng, n);
      const code = shannonCode(q);
      expectPrefixCode(code);
      const h = crossEntropy(p, q);
      const l = expectedLength(code, p);
      expect(l).toBeGreaterThanOrEqual(h - 1e-12);
      expect(l).toBeLessThan(h + 1);
    }
  });

  it('computes ⌈log2 1/q⌉ exactly, including at powers of two and subnormals', () => {
    expect(shannonLength(1)).toBe(0);
    expect(shannonLength(0.5)).toBe(1);
    expect(shannonLength(0.125)).toBe(3);
    expect(shannonLength(0.4)).toBe(2);
    expect(shannonLength(0.125 * (1 - Number.EPSILON))).toBe(4);
    expect(shannonLength(0.125 * (1 + Number.EPSILON))).toBe(3);
    expect(shannonLength(2 ** -1074)).toBe(1074);
    expect(shannonLength(2 ** -1074 * 3)).toBe(1073);
  });

  it('can waste questions: a branch nobody takes when Kraft sum < 1', () => {
    const root = questionTree(shannonCode([0.4, 0.3, 0.3]));
    // Lengths 2, 2, 2 use three of the four 2-bit words: '11' is never an answer.
    expect(root.yes?.yes).toBeNull();
  });
});

describe('any prefix code', () => {
  it('costs at least H(p) on p (random Kraft-valid lengths, canonical codewords)', () => {
    const rng = createRng(5);
    for (let t = 0; t < 200; t++) {
      const n = 1 + rng.int(40);
      const lengths = randomKraftLengths(rng, n);
      const code: PrefixCode = { kind: 'huffman', weights: new Float64Array(n), lengths, codes: canonicalCodes(lengths) };
      expectPrefixCode(code);
      const p = randomDistribution(rng, n);
      expect(expectedLength(code, p)).toBeGreaterThanOrEqual(entropy(p) - 1e-12);
    }
  });
});

describe('the game', () => {
  it('asks one question per codeword bit, answered truthfully, and ends at the secret', () => {
    const rng = createRng(6);
    for (let t = 0; t < 30; t++) {
      const q = randomDistribution(rng, 2 + rng.int(26), true);
      for (const code of [huffmanCode(q), shannonCode(q)]) {
        const root = questionTree(code);
        expect(root.weight).toBeCloseTo(1, 12);
        code.codes.forEach((word, secret) => {
          const steps = playGuess(root, secret);
          if (word === null) return expect(steps).toBeUndefined();
          expect(steps!.map((s) => (s.answer ? '1' : '0')).join('')).toBe(word);
          steps!.forEach((s) => expect(s.asked.includes(secret)).toBe(s.answer));
        });
      }
    }
  });

  it('simulated mean questions converge to the expected length, reproducibly per seed', () => {
    const p = [0.5, 0.25, 0.125, 0.125];
    const q = [0.125, 0.5, 0.25, 0.125];
    const code = huffmanCode(q);
    const games = 40_000;
    const a = simulateGuessing(code, p, games, createRng(9));
    // Questions per game: 3, 1, 2, 3 with probabilities p; variance Σp l² − L².
    const mean = 2.375;
    const sd = Math.sqrt(0.5 * 9 + 0.25 * 1 + 0.125 * 4 + 0.125 * 9 - mean * mean);
    expect(Math.abs(a.meanQuestions - mean)).toBeLessThan((5 * sd) / Math.sqrt(games));
    expect(simulateGuessing(code, p, games, createRng(9))).toEqual(a);
    expect(a.draws.reduce((s, x) => s + x, 0)).toBe(games);
  });

  it('never draws outcomes with p = 0, and a secret without codeword costs Infinity', () => {
    const sim = simulateGuessing(huffmanCode([0.5, 0.5, 0]), [0.5, 0.5, 0], 1000, createRng(1));
    expect(sim.draws[2]).toBe(0);
    expect(sim.meanQuestions).toBe(1);
    expect(simulateGuessing(huffmanCode([1, 0]), [0.5, 0.5], 100, createRng(1)).meanQuestions).toBe(Infinity);
  });
});

/** Least Σ q l over integer lengths 1..n−1 with Σ 2^−l ≤ 1 (all codes, by enumeration). */
function bruteForceBest(q: number[]): number {
  const n = q.length;
  let best = Infinity;
  const l = new Array<number>(n).fill(1);
  for (;;) {
    if (l.reduce((s, x) => s + 2 ** -x, 0) <= 1) best = Math.min(best, l.reduce((s, x, k) => s + x * q[k], 0));
    let i = 0;
    while (i < n && l[i] === n - 1) l[i++] = 1;
    if (i === n) return best;
    l[i]++;
  }
}

/** Lengths satisfying Kraft's inequality: a random full binary tree's leaf depths, some dropped. */
function randomKraftLengths(rng: Rng, n: number): Float64Array {
  const depths = [0];
  while (depths.length < n) {
    const i = rng.int(depths.length);
    const d = depths[i] + 1;
    depths.splice(i, 1, d, d);
  }
  return Float64Array.from(depths, (d) => d + (rng.uniform() < 0.2 ? 1 : 0));
}
