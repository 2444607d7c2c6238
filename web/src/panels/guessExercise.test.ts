import { describe, expect, it } from 'vitest';
import { createGuessingGame, expectedLength, huffmanCode, shannonCode } from '../../../src/coding/index.js';
import { translator } from '../i18n/translate.js';
import { closeEnough, GUESS_ROUNDS, guessMeanExercise } from './guessExercise.js';

const P = [0.5, 0.25, 0.125, 0.125];
const Q = [0.125, 0.5, 0.25, 0.125];

describe('guessMeanExercise', () => {
  it('judges against the tree’s Σ p·length, which 1,000 played rounds always land near', () => {
    for (const code of [huffmanCode(Q), shannonCode(Q), huffmanCode(P), huffmanCode([0.05, 0.05, 0.3, 0.6])]) {
      const expected = expectedLength(code, P);
      for (let seed = 1; seed <= 40; seed++) {
        const game = createGuessingGame(code, P, seed);
        game.playRounds(GUESS_ROUNDS);
        // The reveal's mean agrees with the judged answer, so a right answer is never contradicted by the rounds shown.
        expect(closeEnough(game.means.at(-1)!, expected)).toBe(true);
      }
    }
  });

  it('calls the worked example’s 2.375 questions right, and 1.75 (H(p)) wrong', () => {
    const code = huffmanCode(Q);
    const facts = { expected: () => expectedLength(code, P), hp: () => 1.75, hpq: () => 2.375, play: () => 2.4 };
    const exercise = guessMeanExercise(translator('en'), facts);
    expect(exercise.judge('2.4')).toMatchObject({ right: true });
    expect(exercise.judge('2.2')).toMatchObject({ right: true });
    const wrong = exercise.judge('1.75');
    expect(wrong).toMatchObject({ right: false });
    expect((wrong as { feedback: string }).feedback).toContain('2.375');
  });

  it('says why no number is right when a letter can never be found', () => {
    const exercise = guessMeanExercise(translator('zh'), { expected: () => Infinity, hp: () => 1, hpq: () => Infinity, play: () => NaN });
    expect(exercise.judge('3')).toEqual({ right: false, feedback: translator('zh')('ex.guess.mean.never') });
  });
});
