import type { Exercise } from '../exercises/Exercise.js';
import { WORKED_P, WORKED_Q } from '../state/labState.js';
import { formatMeasure } from '../ui/formatMeasure.js';
import { setProbability } from '../widgets/setProbability.js';
import { measuresOf } from './measuresOf.js';
import type { PanelContext } from './Panel.js';

/**
 * #/entropy's questions. Each reveal puts the case on the bars, so the area, the formula and
 * the numbers below become the evidence for the explanation.
 */
export function entropyExercises(ctx: PanelContext): { dropQ: Exercise; zeroQ: Exercise } {
  const { t } = ctx;
  const unitName = () => t(ctx.state().unit === 'bits' ? 'unit.bits' : 'unit.nats');
  const hpq = (p: readonly number[], q: readonly number[]) => measuresOf(p, q, ctx.state().unit).hpq;

  const dropQ: Exercise = {
    id: 'entropy.dropQ',
    route: 'entropy',
    question: t('ex.entropy.dropQ.q'),
    answer: {
      kind: 'choice',
      choices: [
        { value: 'rise', label: t('ex.entropy.dropQ.rise') },
        { value: 'fall', label: t('ex.entropy.dropQ.fall') },
        { value: 'same', label: t('ex.entropy.dropQ.same') },
      ],
    },
    judge(answer) {
      const p = [...WORKED_P];
      // As dragging B's bar would: the other bars of q share what B gives up, in proportion.
      const q = setProbability(WORKED_Q, 1, 0.25);
      const values = { before: formatMeasure(hpq(p, WORKED_Q)), after: formatMeasure(hpq(p, q)), unit: unitName() };
      ctx.set({ p, q });
      const right = answer === 'fall';
      return { right, feedback: t(right ? 'ex.entropy.dropQ.right' : 'ex.entropy.dropQ.wrong', values) };
    },
  };

  const zeroQ: Exercise = {
    id: 'entropy.zeroQ',
    route: 'entropy',
    question: t('ex.entropy.zeroQ.q'),
    answer: {
      kind: 'choice',
      choices: [
        { value: 'little', label: t('ex.entropy.zeroQ.little') },
        { value: 'double', label: t('ex.entropy.zeroQ.double') },
        { value: 'infinite', label: t('ex.entropy.zeroQ.infinite') },
      ],
    },
    judge(answer) {
      const p = [...WORKED_P];
      const q = setProbability(WORKED_Q, 3, 0);
      ctx.set({ p, q });
      const right = answer === 'infinite';
      return { right, feedback: t(right ? 'ex.entropy.zeroQ.right' : 'ex.entropy.zeroQ.wrong') };
    },
  };
  return { dropQ, zeroQ };
}
