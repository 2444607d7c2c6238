import type { TrainConfig } from '../../../src/nn/trainNetwork.js';
import type { Exercise } from '../exercises/Exercise.js';
import type { Translate } from '../i18n/translate.js';
import type { LabState } from '../state/labState.js';
import type { MnistSession } from './mnistSession.js';

/** Accuracies closer than this (in percentage points) count as a tie. */
export const TIE_POINTS = 0.5;

export type Leader = 'cross-entropy' | 'quadratic' | 'tie';

/** Which run leads, from the two measured test accuracies (fractions), ties within TIE_POINTS. */
export function leaderOf(crossEntropyAccuracy: number, quadraticAccuracy: number): Leader {
  const points = 100 * (crossEntropyAccuracy - quadraticAccuracy);
  return Math.abs(points) < TIE_POINTS ? 'tie' : points > 0 ? 'cross-entropy' : 'quadratic';
}

/** The two runs the exercise trains: the preset "Large N(0, 1) weights", for one epoch. */
export const LEADER_RUNS: Partial<LabState> = {
  mnistCost: 'cross-entropy',
  mnistEta: 0.5,
  mnistInit: 'large',
  mnistHidden: 30,
  mnistLambda: 0,
  vsCost: 'quadratic',
  vsEta: 0.5,
  vsInit: 'large',
  vsHidden: 30,
  vsLambda: 0,
  mnistEpochs: 1,
};

export interface MnistExerciseView {
  t: Translate;
  set(patch: Partial<LabState>): void;
  /** Starts the two runs the state describes in the session. */
  train(): void;
  session: MnistSession;
}

/**
 * #/mnist's question: with N(0, 1) weights, which cost leads after one epoch. The reveal
 * trains both runs in the page's worker, in view of the curves and the weights, and the
 * verdict and its explanation follow from the accuracies measured, whichever way they fall.
 */
export function mnistLeaderExercise(view: MnistExerciseView): Exercise {
  const { t, session } = view;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return {
    id: 'mnist.leader',
    route: 'mnist',
    question: t('mnist.ex.q', { tie: TIE_POINTS }),
    answer: {
      kind: 'choice',
      choices: [
        { value: 'cross-entropy', label: t('mnist.ex.crossEntropy') },
        { value: 'quadratic', label: t('mnist.ex.quadratic') },
        { value: 'tie', label: t('mnist.ex.tie') },
      ],
    },
    async judge(answer) {
      view.set(LEADER_RUNS);
      view.train();
      const runs = session.runs;
      const status = await session.settled();
      const accuracy = (cost: TrainConfig['cost']) => runs.find((r) => r.config.cost === cost)?.epochs.at(-1)?.testAccuracy;
      const xent = accuracy('cross-entropy');
      const quad = accuracy('quadratic');
      if (session.runs !== runs || status.kind !== 'finished' || xent === undefined || quad === undefined) {
        throw new Error(status.kind === 'failed' ? t('mnist.failed', { message: status.message }) : t('mnist.ex.notRun'));
      }
      const leader = leaderOf(xent, quad);
      const key = leader === 'cross-entropy' ? 'mnist.ex.leadXent' : leader === 'quadratic' ? 'mnist.ex.leadQuad' : 'mnist.ex.leadTie';
      return { right: answer === leader, feedback: t(key, { xent: pct(xent), quad: pct(quad), tie: TIE_POINTS }) };
    },
  };
}
