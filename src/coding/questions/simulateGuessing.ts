import { XentError } from '../../core/XentError.js';
import { assertSameLength, toDistribution } from '../../core/info/toDistribution.js';
import { categoricalSampler } from '../../core/random/categoricalSampler.js';
import type { Rng } from '../../core/random/createRng.js';
import type { PrefixCode } from './PrefixCode.js';

export interface GuessingSimulation {
  /** Number of games played. */
  readonly games: number;
  /** Questions asked over all games (Infinity if a secret had no codeword). */
  readonly totalQuestions: number;
  /** totalQuestions / games: converges to the expected length as games grow. */
  readonly meanQuestions: number;
  /** How often each outcome was drawn. */
  readonly draws: Uint32Array;
}

/**
 * Plays the guessing game `games` times: draws each secret from p with the seeded `rng`
 * (`categoricalSampler`: the inverse CDF of one uniform per game) and asks the questions of
 * `code` until the secret is identified, counting them. A secret with no codeword
 * (the strategy ruled it out) makes the count Infinity, as H(p, q) is then.
 *
 * @example
 * simulateGuessing(huffmanCode([0.5, 0.5]), [0.5, 0.5], 1000, createRng(1)).meanQuestions // 1
 */
export function simulateGuessing(code: PrefixCode, p: ArrayLike<number>, games: number, rng: Rng): GuessingSimulation {
  if (!Number.isSafeInteger(games) || games < 1) {
    throw new XentError(`games ${games} must be a positive integer`, { field: 'simulate' });
  }
  const pd = toDistribution(p, 'p', { normalize: true });
  assertSameLength(pd, code.lengths);
  const draw = categoricalSampler(pd);
  const draws = new Uint32Array(pd.length);
  let totalQuestions = 0;
  for (let g = 0; g < games; g++) {
    const k = draw(rng);
    draws[k]++;
    totalQuestions += questionsToFind(code, k);
  }
  return { games, totalQuestions, meanQuestions: totalQuestions / games, draws };
}

/** Questions asked to find `secret`: one per answer, i.e. one per bit of its codeword. */
function questionsToFind(code: PrefixCode, secret: number): number {
  const codeword = code.codes[secret];
  return codeword === null ? Infinity : codeword.length;
}

