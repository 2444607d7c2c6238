import type { EvalReport } from '../../../src/eval/EvalReport.js';
import type { Exercise } from '../exercises/Exercise.js';
import { formatSignificant as fmt } from '../ui/formatSignificant.js';
import type { CalibrationSlot } from './calibrationSlot.js';
import type { PanelContext } from './Panel.js';

/**
 * #/eval's questions. Each reveal scores the over-confident example, so the answer is on
 * the page: its reliability diagram under the diagonal, then the fitted temperature.
 */
export function evalExercises(ctx: PanelContext, calibration: CalibrationSlot): { overconfident: Exercise; temperature: Exercise } {
  const { t } = ctx;
  const showExample = () => ctx.set({ evalExample: 'overconfident' });

  const overconfident: Exercise = {
    id: 'eval.overconfident',
    route: 'eval',
    question: t('ex.eval.overconfident.q'),
    answer: {
      kind: 'choice',
      choices: [
        { value: 'over', label: t('ex.eval.overconfident.over') },
        { value: 'under', label: t('ex.eval.overconfident.under') },
        { value: 'calibrated', label: t('ex.eval.overconfident.calibrated') },
      ],
    },
    async judge(answer) {
      showExample();
      const evidence = topBin(await calibration.whenScored());
      const right = answer === 'over';
      const key = right ? 'ex.eval.overconfident.right' : answer === 'under' ? 'ex.eval.overconfident.wrongUnder' : 'ex.eval.overconfident.wrongCalibrated';
      return { right, feedback: t(key, evidence) };
    },
  };

  const temperature: Exercise = {
    id: 'eval.temperature',
    route: 'eval',
    question: t('ex.eval.temperature.q'),
    answer: {
      kind: 'choice',
      choices: [
        { value: 'above', label: t('ex.eval.temperature.above') },
        { value: 'below', label: t('ex.eval.temperature.below') },
        { value: 'one', label: t('ex.eval.temperature.one') },
      ],
    },
    async judge(answer) {
      showExample();
      const { before, calibration: fit } = await calibration.whenFitted();
      if (fit.kind !== 'fitted') throw new Error(t('evalLab.unfitOther'));
      const values = {
        t: fmt(fit.temperature, 4),
        before: fmt(before.logLoss, 4),
        after: fmt(fit.after.logLoss, 4),
        eceBefore: fmt(before.ece, 3),
        eceAfter: fmt(fit.after.ece, 3),
        unit: t(before.unit === 'bits' ? 'unit.bits' : 'unit.nats'),
      };
      const right = answer === (fit.temperature > 1 ? 'above' : fit.temperature < 1 ? 'below' : 'one');
      const key = right ? 'ex.eval.temperature.right' : answer === 'below' ? 'ex.eval.temperature.wrongBelow' : 'ex.eval.temperature.wrongOne';
      return { right, feedback: t(key, values) };
    },
  };
  return { overconfident, temperature };
}

/** The most confident filled bin of the diagram: what the model says there and how often it is right, in percent. */
function topBin(r: EvalReport): { says: string; right: string } {
  const bin = [...r.bins].reverse().find((b) => b.count > 0);
  const percent = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '—' : `${Math.round(100 * x)}%`);
  return { says: percent(bin?.confidence), right: percent(bin?.accuracy) };
}
