import './labExercises.css';
import { deriveCrossEntropy } from '../../../src/experiments/deriveCrossEntropy.js';
import type { Exercise } from '../exercises/Exercise.js';
import { mountExercise } from '../exercises/mountExercise.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Translate } from '../i18n/translate.js';

export interface DerivationExerciseView {
  t: Translate;
  /** The target y the page integrates at. */
  y(): number;
  /** Marks the page's integral, just below the question, as the answer (false: unmarks it). */
  showIntegral(shown: boolean): void;
}

const WHY: Record<string, MessageKey> = {
  quadratic: 'derivation.ex.whyQuadratic',
  'cross-entropy': 'derivation.ex.whyRight',
  'log-likelihood': 'derivation.ex.whyLogLikelihood',
  none: 'derivation.ex.whyNone',
};

/**
 * #/derivation's question: which cost δ = a − y integrates to. The reveal is the page's own
 * integral, and the feedback quotes how closely the library's numeric integral of
 * (a − y)/(a(1 − a)) meets the binary cross-entropy at the page's y.
 */
export function derivationExercise(view: DerivationExerciseView): Exercise {
  const { t } = view;
  return {
    id: 'derivation.integrate',
    route: 'derivation',
    question: t('derivation.ex.q'),
    answer: {
      kind: 'choice',
      choices: [
        { value: 'quadratic', label: t('derivation.ex.quadratic') },
        { value: 'cross-entropy', label: t('derivation.ex.crossEntropy') },
        { value: 'log-likelihood', label: t('derivation.ex.logLikelihood') },
        { value: 'none', label: t('derivation.ex.none') },
      ],
    },
    judge(answer) {
      const y = view.y();
      const { maxAbsError } = deriveCrossEntropy(y);
      view.showIntegral(true);
      const feedback = `${t('derivation.ex.feedback', { err: maxAbsError.toExponential(1), y })} ${t(WHY[answer] ?? 'derivation.ex.whyNone')}`;
      return { right: answer === 'cross-entropy', feedback };
    },
  };
}

export function mountDerivationExercise(view: DerivationExerciseView): HTMLElement {
  return mountExercise(derivationExercise(view), view.t, { onReset: () => view.showIntegral(false) });
}
