import type { Translate } from '../i18n/translate.js';
import { h } from '../ui/h.js';
import type { Exercise, ExerciseState, ExerciseVerdict } from './Exercise.js';
import { exerciseState, recordVerdict } from './exerciseProgress.js';
import './exercise.css';

export interface MountOptions {
  /** Called after every verdict, once it is shown and recorded. */
  onVerdict?(verdict: ExerciseVerdict): void;
  /** Called when the learner presses "try again". */
  onReset?(): void;
}

let mounted = 0;

/**
 * The exercise as a form: a fieldset whose legend is the question, native radio inputs or a
 * number input, and a submit button. Submitting calls `judge`, shows its verdict and
 * feedback in a live region and records it; "try again" clears the form. On a later visit
 * the recorded verdict is shown (the explanation is not kept) with "try again".
 *
 * DOM contract (the e2e tests and the other pages rely on it): the root has
 * `data-exercise="<id>"` and `data-exercise-state="unanswered|right|wrong"`, and the
 * explanation is in the element with `data-exercise-feedback`.
 */
export function mountExercise(exercise: Exercise, t: Translate, options: MountOptions = {}): HTMLElement {
  const uid = `exercise-${++mounted}`;
  const legendId = `${uid}-q`;
  const inputs: HTMLInputElement[] = [];
  let controls: HTMLElement;
  if (exercise.answer.kind === 'choice') {
    controls = h(
      'div',
      { class: 'exercise-choices' },
      ...exercise.answer.choices.map((c, i) => {
        const input = h('input', { type: 'radio', name: uid, value: c.value, id: `${uid}-${i}` });
        inputs.push(input);
        return h('label', { class: 'exercise-choice', for: input.id }, input, h('span', {}, c.label));
      }),
    );
  } else {
    const a = exercise.answer;
    const input = h('input', {
      type: 'number',
      id: `${uid}-n`,
      class: 'exercise-number',
      inputmode: 'decimal',
      min: a.min,
      max: a.max,
      step: a.step ?? 'any',
      autocomplete: 'off',
    });
    inputs.push(input);
    controls = h(
      'div',
      { class: 'exercise-number-row' },
      h('label', { for: input.id }, a.unit ? t('exercise.yourAnswerUnit', { unit: a.unit }) : t('exercise.yourAnswer')),
      input,
    );
  }

  const submit = h('button', { type: 'submit', class: 'button exercise-submit' }, t('exercise.check'));
  const verdictLine = h('strong', { class: 'exercise-verdict' });
  const feedbackText = h('span', { class: 'exercise-feedback-text' });
  const feedback = h('div', { class: 'exercise-feedback', 'data-exercise-feedback': '', 'aria-live': 'polite' }, verdictLine, ' ', feedbackText);
  const retry = h('button', { type: 'button', class: 'chip exercise-retry', hidden: true }, t('exercise.tryAgain'));
  // Native controls, validated by the page rather than the browser, so the messages are in the lab's language.
  const form = h(
    'form',
    { class: 'exercise-form', novalidate: true },
    h('fieldset', { class: 'exercise-fieldset' }, h('legend', { id: legendId, class: 'exercise-question' }, exercise.question), controls),
    h('div', { class: 'exercise-actions' }, submit, retry),
  );
  const root = h(
    'section',
    { class: 'exercise', 'data-exercise': exercise.id, 'data-exercise-state': 'unanswered', 'aria-labelledby': `${uid}-badge ${legendId}` },
    h('p', { class: 'exercise-badge', id: `${uid}-badge` }, t('exercise.badge')),
    form,
    feedback,
  );

  const setState = (state: ExerciseState) => {
    root.dataset.exerciseState = state;
    const answered = state !== 'unanswered';
    for (const input of inputs) input.disabled = answered;
    submit.hidden = answered;
    retry.hidden = !answered;
  };
  const say = (verdict: string, text: string) => {
    verdictLine.textContent = verdict;
    feedbackText.textContent = text;
  };

  const answerOf = (): string | undefined => {
    if (exercise.answer.kind === 'choice') {
      const chosen = inputs.find((i) => i.checked);
      if (!chosen) say('', t('exercise.pickOne'));
      return chosen?.value;
    }
    const input = inputs[0];
    const value = input.valueAsNumber;
    const { min, max } = exercise.answer;
    if (input.value.trim() === '' || !Number.isFinite(value)) {
      say('', t('exercise.typeNumber'));
    } else if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      say('', t('exercise.between', { min: min ?? '−∞', max: max ?? '∞' }));
    } else {
      return input.value.trim();
    }
    input.setAttribute('aria-invalid', 'true');
    return undefined;
  };

  let pending = false;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (pending || root.dataset.exerciseState !== 'unanswered') return;
    const answer = answerOf();
    if (answer === undefined) {
      inputs[0]?.focus();
      return;
    }
    inputs[0].removeAttribute('aria-invalid');
    pending = true;
    submit.disabled = true;
    submit.textContent = t('exercise.checking');
    root.setAttribute('aria-busy', 'true');
    Promise.resolve()
      .then(() => exercise.judge(answer))
      .then(
        (verdict) => {
          recordVerdict(exercise.id, verdict.right);
          say(t(verdict.right ? 'exercise.right' : 'exercise.wrong'), verdict.feedback);
          setState(verdict.right ? 'right' : 'wrong');
          retry.focus();
          options.onVerdict?.(verdict);
        },
        (error: unknown) => {
          say('', t('exercise.failed', { error: error instanceof Error ? error.message : String(error) }));
        },
      )
      .finally(() => {
        pending = false;
        submit.disabled = false;
        submit.textContent = t('exercise.check');
        root.removeAttribute('aria-busy');
      });
  });

  retry.addEventListener('click', () => {
    for (const input of inputs) {
      input.checked = false;
      if (input.type === 'number') input.value = '';
    }
    say('', '');
    setState('unanswered');
    inputs[0]?.focus();
    options.onReset?.();
  });

  // A verdict from an earlier visit: shown, and open to a new answer.
  const earlier = exerciseState(exercise.id);
  if (earlier !== 'unanswered') {
    setState(earlier);
    say(t(earlier === 'right' ? 'exercise.right' : 'exercise.wrong'), t(earlier === 'right' ? 'exercise.earlierRight' : 'exercise.earlierWrong'));
  }
  return root;
}
