/**
 * How a learner answers: by picking one of a few choices, or by typing a number.
 * `value` is what `judge` receives; `label` is shown (already translated).
 */
export type ExerciseAnswer =
  | { kind: 'choice'; choices: { value: string; label: string }[] }
  | { kind: 'number'; min?: number; max?: number; step?: number; unit?: string };

/** The judgement of one answer; `feedback` explains the result in 2–3 sentences, translated. */
export interface ExerciseVerdict {
  right: boolean;
  feedback: string;
}

/**
 * A question asked before the page shows the answer: the learner commits to a prediction,
 * then `judge` reveals the result (it may drive the live view, e.g. run the experiment) and
 * says why the prediction was right or wrong.
 */
export interface Exercise {
  /** Unique, e.g. 'entropy.dropQ': the key of the learner's progress. */
  id: string;
  /** The route the exercise lives on, e.g. 'entropy'. */
  route: string;
  /** Already translated. */
  question: string;
  answer: ExerciseAnswer;
  /** Reveals the result (may drive the live view, e.g. run the experiment) and judges the answer. */
  judge(answer: string): ExerciseVerdict | Promise<ExerciseVerdict>;
}

export type ExerciseState = 'unanswered' | 'right' | 'wrong';
