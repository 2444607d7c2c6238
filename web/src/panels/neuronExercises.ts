import './labExercises.css';
import type { Exercise } from '../exercises/Exercise.js';
import { mountExercise } from '../exercises/mountExercise.js';
import type { Translate } from '../i18n/translate.js';
import { NEURON_DEFAULTS, NEURON_LIMITS, type LabState } from '../state/labState.js';
import { formatSignificant } from '../ui/formatSignificant.js';
import { BELOW_A, EXERCISE_START, STEP_TOLERANCE, firstBelow, firstSteps } from './neuronExerciseFacts.js';

export interface NeuronExerciseView {
  t: Translate;
  set(patch: Partial<LabState>): void;
  /** Plays the run from the shown epoch to the end; resolves when it stops. */
  play(): Promise<void>;
  /** Marks a level of a on the output chart (undefined: none). */
  markA(level: number | undefined): void;
}

/** The exercises' start as #/neuron's settings, shown at epoch 0. */
function startState(epochs: number): Partial<LabState> {
  const { w, b, eta, x, y } = EXERCISE_START;
  return { ...NEURON_DEFAULTS, nw: w, nb: b, eta, nx: x, ny: y, epochs, at: 0, step: 'true' };
}

/**
 * #/neuron's two questions, each answered by the library: which cost first gets a below
 * 0.1 from the saturated start (the reveal plays both runs), and how many times larger the
 * cross-entropy's first step is (the reveal shows epoch 0, where the formula has it).
 */
export function neuronExercises(view: NeuronExerciseView): Exercise[] {
  const { t } = view;
  const three = (v: number) => formatSignificant(v, 3);
  const belowQuestion: Exercise = {
    id: 'neuron.firstBelow',
    route: 'neuron',
    question: t('neuron.ex.firstBelow.q'),
    answer: {
      kind: 'choice',
      choices: [
        { value: 'quadratic', label: t('neuron.ex.choice.quadratic') },
        { value: 'cross-entropy', label: t('neuron.ex.choice.crossEntropy') },
        { value: 'same', label: t('neuron.ex.choice.same') },
      ],
    },
    async judge(answer) {
      const facts = firstBelow(NEURON_LIMITS.epochs[1]);
      // Long enough to see both cross 0.1, in round fifties.
      const last = Math.max(facts.quadratic ?? 0, facts.crossEntropy ?? 0, 250);
      view.set(startState(Math.min(NEURON_LIMITS.epochs[1], Math.ceil((last * 1.15) / 50) * 50)));
      view.markA(BELOW_A);
      await view.play();
      const sp = three(firstSteps().sigmaPrime);
      const values = { quad: facts.quadratic ?? '—', xent: facts.crossEntropy ?? '—', sp, max: facts.maxEpochs };
      return { right: answer === facts.first, feedback: t(facts.first === 'cross-entropy' ? 'neuron.ex.firstBelow.xent' : 'neuron.ex.firstBelow.other', values) };
    },
  };
  const stepQuestion: Exercise = {
    id: 'neuron.step',
    route: 'neuron',
    question: t('neuron.ex.step.q'),
    answer: { kind: 'number', min: 0, max: 100000 },
    judge(answer) {
      const s = firstSteps();
      view.set(startState(NEURON_DEFAULTS.epochs));
      const given = Number(answer);
      return {
        right: Math.abs(given - s.ratio) <= STEP_TOLERANCE * Math.abs(s.ratio),
        feedback: t('neuron.ex.step.feedback', { quad: three(s.quadraticDw), xent: three(s.crossEntropyDw), ratio: three(s.ratio), a: three(s.a), answer: formatSignificant(given, 4) }),
      };
    },
  };
  return [belowQuestion, stepQuestion];
}

/** The exercises mounted, for the panel to place. */
export function mountNeuronExercises(view: NeuronExerciseView): HTMLElement[] {
  return neuronExercises(view).map((e) => mountExercise(e, view.t, { onReset: () => view.markA(undefined) }));
}
