import { toDistribution, assertSameLength } from '../../core/info/toDistribution.js';
import { categoricalSampler } from '../../core/random/categoricalSampler.js';
import { createRng } from '../../core/random/createRng.js';
import type { PrefixCode } from './PrefixCode.js';
import { playGuess, questionTree, type AskedQuestion } from './questionTree.js';

/** What one step of the game did: drew a secret, asked one question, or found the secret. */
export type GuessingEvent =
  | { readonly kind: 'drawn'; readonly round: number; readonly secret: number }
  | {
      readonly kind: 'asked';
      readonly round: number;
      readonly secret: number;
      /** 1 for the first question of the round. */
      readonly question: number;
      /** "Is the secret one of these?" */
      readonly asked: readonly number[];
      readonly answer: boolean;
      /** The answers so far as a codeword prefix ('1' = yes): where the round is in the tree. */
      readonly answers: string;
    }
  | { readonly kind: 'found'; readonly round: number; readonly secret: number; readonly questions: number };

export type GuessingFound = Extract<GuessingEvent, { kind: 'found' }>;

/** The computer's side of the guessing game: secrets drawn from p, asked for with the questions of a code. */
export interface GuessingGame {
  /** Rounds finished. */
  readonly rounds: number;
  /** means[i]: mean questions over rounds 1..i+1 (Infinity once a secret had no codeword). */
  readonly means: readonly number[];
  /** One step: draw the next secret, or ask the round's next question, or finish the round. */
  step(): GuessingEvent;
  /**
   * Finishes the round in progress, if any, then plays whole rounds until `rounds` have
   * been finished in this call; returns the last round's end.
   */
  playRounds(rounds: number): GuessingFound | undefined;
}

/**
 * The seeded guessing game the lab animates: each round draws a secret from p
 * (`categoricalSampler` on a stream `createRng(seed)`) and asks the yes/no questions of
 * `code` until it is found. The secrets depend only on the seed and p, not on how the
 * rounds are stepped through, so a round played question by question and one played at
 * once count the same, and `xent huffman --simulate N --seed S` draws the same secrets.
 *
 * @example
 * const game = createGuessingGame(huffmanCode([0.5, 0.25, 0.25]), [0.5, 0.25, 0.25], 1);
 * game.playRounds(1000);
 * game.means.at(-1) // close to 1.5
 */
export function createGuessingGame(code: PrefixCode, p: ArrayLike<number>, seed: number): GuessingGame {
  const pd = toDistribution(p, 'p', { normalize: true });
  assertSameLength(pd, code.lengths);
  const root = questionTree(code);
  const draw = categoricalSampler(pd);
  const rng = createRng(seed);
  const means: number[] = [];
  let totalQuestions = 0;
  let current: { secret: number; steps: readonly AskedQuestion[]; shown: number } | undefined;

  function finish(secret: number): GuessingFound {
    const questions = code.lengths[secret];
    totalQuestions += questions;
    means.push(totalQuestions / (means.length + 1));
    current = undefined;
    return { kind: 'found', round: means.length, secret, questions };
  }

  function step(): GuessingEvent {
    if (current === undefined) {
      const secret = draw(rng);
      // A secret without a codeword has no questions to ask: the round ends at once, costing Infinity.
      current = { secret, steps: playGuess(root, secret) ?? [], shown: 0 };
      return { kind: 'drawn', round: means.length + 1, secret };
    }
    const { secret, steps } = current;
    if (current.shown < steps.length && code.codes[secret] !== null) {
      const question = ++current.shown;
      const { asked, answer } = steps[question - 1];
      return { kind: 'asked', round: means.length + 1, secret, question, asked, answer, answers: (code.codes[secret] ?? '').slice(0, question) };
    }
    return finish(secret);
  }

  function playRounds(rounds: number): GuessingFound | undefined {
    let last: GuessingFound | undefined;
    if (current !== undefined) last = finish(current.secret);
    for (let i = last ? 1 : 0; i < rounds; i++) last = finish(draw(rng));
    return last;
  }

  return {
    get rounds() {
      return means.length;
    },
    means,
    step,
    playRounds,
  };
}
