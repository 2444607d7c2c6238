import { describe, expect, it } from 'vitest';
import { categoricalSampler } from '../../core/random/categoricalSampler.js';
import { createRng } from '../../core/random/createRng.js';
import { createGuessingGame, type GuessingEvent } from './guessingGame.js';
import { huffmanCode } from './huffmanCode.js';
import { shannonCode } from './shannonCode.js';
import { simulateGuessing } from './simulateGuessing.js';

const p = [0.5, 0.25, 0.125, 0.125];
const q = [0.125, 0.5, 0.25, 0.125];

describe('createGuessingGame', () => {
  it('steps through a round: the draw, one event per question of the codeword, the find', () => {
    const code = huffmanCode(q);
    const game = createGuessingGame(code, p, 1);
    for (let round = 1; round <= 20; round++) {
      const drawn = game.step();
      expect(drawn).toMatchObject({ kind: 'drawn', round });
      const secret = (drawn as Extract<GuessingEvent, { kind: 'drawn' }>).secret;
      const codeword = code.codes[secret] as string;
      for (let i = 1; i <= codeword.length; i++) {
        const asked = game.step();
        expect(asked).toMatchObject({ kind: 'asked', round, secret, question: i, answers: codeword.slice(0, i), answer: codeword[i - 1] === '1' });
        // The answer is the truth about the set asked.
        if (asked.kind === 'asked') expect(asked.asked.includes(secret)).toBe(asked.answer);
      }
      expect(game.step()).toEqual({ kind: 'found', round, secret, questions: codeword.length });
      expect(game.rounds).toBe(round);
    }
  });

  it('counts the same as `simulateGuessing` with the seed, however the rounds are played', () => {
    const code = shannonCode(q);
    const reference = simulateGuessing(code, p, 500, createRng(42));
    const stepped = createGuessingGame(code, p, 42);
    // Some rounds step by step (one left half-done), the rest at once.
    for (let i = 0; i < 37; i++) stepped.step();
    const last = stepped.playRounds(500 - stepped.rounds);
    expect(stepped.rounds).toBe(500);
    expect(last?.round).toBe(500);
    expect(stepped.means[499]).toBe(reference.meanQuestions);
    const atOnce = createGuessingGame(code, p, 42);
    atOnce.playRounds(500);
    expect(atOnce.means).toEqual(stepped.means);
    // The running means, from the secrets the seed draws.
    const rng = createRng(42);
    const draw = categoricalSampler(p);
    let total = 0;
    const means = Array.from({ length: 500 }, (_, i) => (total += code.lengths[draw(rng)]) / (i + 1));
    expect(atOnce.means).toEqual(means);
  });

  it('settles at the expected length Σ p·length, here H(p,q) = 2.375', () => {
    const game = createGuessingGame(huffmanCode(q), p, 9);
    game.playRounds(20_000);
    const sd = Math.sqrt(0.5 * 9 + 0.25 * 1 + 0.125 * 4 + 0.125 * 9 - 2.375 ** 2);
    expect(Math.abs((game.means.at(-1) as number) - 2.375)).toBeLessThan((5 * sd) / Math.sqrt(20_000));
  });

  it('ends a round at once, costing Infinity, when the secret has no codeword', () => {
    const game = createGuessingGame(huffmanCode([1, 0]), [0, 1], 3);
    expect(game.step()).toEqual({ kind: 'drawn', round: 1, secret: 1 });
    expect(game.step()).toEqual({ kind: 'found', round: 1, secret: 1, questions: Infinity });
    expect(game.means).toEqual([Infinity]);
  });

  it('rejects a p that is not a distribution over the code’s outcomes', () => {
    expect(() => createGuessingGame(huffmanCode(q), [0.5, 0.5], 1)).toThrow(/p/);
    expect(() => createGuessingGame(huffmanCode(q), [1, -1, 0, 0], 1)).toThrow(/\(p, index 1\)/);
  });
});
