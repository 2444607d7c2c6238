import type { EvalReport } from '../../../src/eval/EvalReport.js';
import type { Translate } from '../i18n/translate.js';
import type { Lang } from '../state/labState.js';
import { h } from '../ui/h.js';
import type { EvalCalibration } from './evalCalibration.js';

export interface CalibrationSlot {
  element: HTMLElement;
  /** The rows are scored and the worker is fitting: show that, with the report as given. */
  pending(before: EvalReport): void;
  /** The worker's fit: draw it (the view is loaded on first use). */
  show(calibration: EvalCalibration): void;
  clear(): void;
  /** The report of the next rows scored (or of the rows shown, when nothing is running). */
  whenScored(): Promise<EvalReport>;
  /** The next fit, with the report it goes with (or the fit shown, when nothing is running). */
  whenFitted(): Promise<{ before: EvalReport; calibration: EvalCalibration }>;
}

/**
 * #/eval's calibration section, as the panel sees it: a place on the page, and the view
 * (calibrationView.ts, with its figures and slider) loaded only once a fit is on its way.
 */
export function calibrationSlot(t: Translate, lang: Lang): CalibrationSlot {
  const element = h('section', { class: 'card eval-calibration', hidden: true, 'data-calibration-state': 'none', 'aria-labelledby': 'eval-calibration-title' });
  let before: EvalReport | undefined;
  let fitted: EvalCalibration | undefined;
  let shown = 0;
  const scoredWaiters: ((r: EvalReport) => void)[] = [];
  const fittedWaiters: ((f: { before: EvalReport; calibration: EvalCalibration }) => void)[] = [];
  const view = () => import('./calibrationView.js');
  return {
    element,
    pending(report) {
      before = report;
      fitted = undefined;
      for (const resolve of scoredWaiters.splice(0)) resolve(report);
      shown++;
      element.hidden = false;
      element.dataset.calibrationState = 'fitting';
      element.replaceChildren(h('h3', { id: 'eval-calibration-title' }, t('evalLab.title')), h('p', { class: 'hint', role: 'status' }, t('evalLab.fitting')));
      void view();
    },
    show(calibration) {
      const mine = shown;
      const report = before;
      if (report === undefined) return;
      fitted = calibration;
      for (const resolve of fittedWaiters.splice(0)) resolve({ before: report, calibration });
      void view().then((m) => {
        if (mine === shown) m.renderCalibration(element, report, calibration, t, lang);
      });
    },
    clear() {
      before = undefined;
      fitted = undefined;
      shown++;
      element.hidden = true;
      element.dataset.calibrationState = 'none';
      element.replaceChildren();
    },
    whenScored() {
      if (before !== undefined) return Promise.resolve(before);
      return new Promise((resolve) => scoredWaiters.push(resolve));
    },
    whenFitted() {
      if (before !== undefined && fitted !== undefined) return Promise.resolve({ before, calibration: fitted });
      return new Promise((resolve) => fittedWaiters.push(resolve));
    },
  };
}
