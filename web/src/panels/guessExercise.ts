import type { Exercise } from '../exercises/Exercise.js';
import type { Translate } from '../i18n/translate.js';
import { formatMeasure } from '../ui/formatMeasure.js';

/** What the exercise needs from #/guess: the tree's numbers, and a way to play it. */
export interface GuessFacts {
  /** Σ p_k·length_k of the current tree, in questions (Infinity if a letter is never found). */
  expected(): number;
  hp(): number;
  hpq(): number;
  /** Plays `rounds` fresh rounds on the page and returns their mean number of questions. */
  play(rounds: number): number;
}

export const GUESS_ROUNDS = 1000;

/**
 * How close a guess must be: a quarter of a question, or 10% of the answer. 1,000 rounds
 * put the sample mean within a few hundredths of a question of Σ p·length (its standard
 * error is sd(length)/√1000), so the learner is judged against the tree, not the luck.
 */
export function closeEnough(guess: number, expected: number): boolean {
  return Math.abs(guess - expected) <= Math.max(0.25, 0.1 * expected);
}

/** #/guess: predict the mean number of questions of the tree on the page, then play 1,000 rounds. */
export function guessMeanExercise(t: Translate, facts: GuessFacts): Exercise {
  return {
    id: 'guess.meanQuestions',
    route: 'guess',
    question: t('ex.guess.mean.q', { n: GUESS_ROUNDS.toLocaleString('en') }),
    answer: { kind: 'number', min: 0, max: 30, step: 0.1, unit: t('ex.guess.mean.unit') },
    judge(answer) {
      const guess = Number(answer);
      const expected = facts.expected();
      if (!Number.isFinite(expected)) return { right: false, feedback: t('ex.guess.mean.never') };
      const mean = facts.play(GUESS_ROUNDS);
      const values = {
        guess: answer,
        mean: formatMeasure(mean, 2),
        expected: formatMeasure(expected, 3),
        hp: formatMeasure(facts.hp(), 3),
        hpq: formatMeasure(facts.hpq(), 3),
        n: GUESS_ROUNDS.toLocaleString('en'),
      };
      const right = closeEnough(guess, expected);
      return { right, feedback: t(right ? 'ex.guess.mean.right' : 'ex.guess.mean.wrong', values) };
    },
  };
}
