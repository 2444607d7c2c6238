// Temperature scaling of the rows #/eval has scored, in its worker: fitted on a bounded
// sample of the rows (src/calibration's reservoir), then every row is scored again with the
// fitted T applied as it streams past, as `xent eval --calibrator` does.
import type { Calibrator } from '../../../src/calibration/Calibrator.js';
import { fitTemperature } from '../../../src/calibration/fitTemperature.js';
import type { ScoreRows } from '../../../src/calibration/ScoreRows.js';
import { calibratedTableStream } from '../../../src/calibration/tableStreams.js';
import { temperatureCurve, temperatureGrid } from '../../../src/calibration/temperatureCurve.js';
import type { EvalOptions } from '../../../src/eval/EvalOptions.js';
import type { EvalReport } from '../../../src/eval/EvalReport.js';
import type { EvaluateSourcesOptions } from '../../../src/eval/evaluateSources.js';
import type { TableStream } from '../../../src/formats/TableBatch.js';

import { RESERVOIR_ROWS, RESERVOIR_SCORES } from '../../../src/calibration/ScoreRowsReservoir.js';

export { ScoreRowsReservoir } from '../../../src/calibration/ScoreRowsReservoir.js';

/** Points of the log-loss curve, log-spaced over T in [0.1, 10] (widened to hold T*). */
export const CURVE_POINTS = 81;

export type EvalCalibration =
  | {
      kind: 'fitted';
      /** Rows the fit saw (the sample) out of the rows scored. */
      sampleRows: number;
      rows: number;
      /** The sample's bounds: at most this many rows and scores (rows × classes). */
      maxRows: number;
      maxScores: number;
      /** T*: 0 and Infinity are the limits fitTemperature may return. */
      temperature: number;
      /** Mean log-loss (nats) of the sample at T = 1 and at T*. */
      logLossBefore: number;
      logLossAfter: number;
      /** The curve: mean log-loss (nats) of the sample at each temperature, increasing T. */
      temperatures: Float64Array;
      logLoss: Float64Array;
      /** Every row scored again at T*, with the page's options. */
      after: EvalReport;
    }
  | { kind: 'unfit'; reason: 'zeroTrueClass' | 'noRows' | 'failed'; message: string };

/**
 * Fits T* on the sample, draws the log-loss curve through it, and scores every row at T*
 * by `rescore` (the page's sources through `evaluateSources` with the options given).
 */
export async function calibrateTemperature(
  sample: ScoreRows,
  rows: number,
  options: EvalOptions,
  rescore: (options: EvaluateSourcesOptions) => Promise<EvalReport>,
): Promise<EvalCalibration> {
  if (sample.rows === 0) return { kind: 'unfit', reason: 'noRows', message: 'no rows to fit on' };
  try {
    const fit = fitTemperature(sample);
    const temperatures = temperatureGrid(fit.temperature, { points: CURVE_POINTS });
    const logLoss = temperatureCurve(sample, temperatures);
    const calibrator: Calibrator = { format: 'xent-calibrator', version: 1, classes: sample.classes, method: 'temperature', temperature: fit.temperature };
    const after = await rescore(temperatureScaledOptions(options, calibrator));
    return { kind: 'fitted', sampleRows: sample.rows, rows, maxRows: RESERVOIR_ROWS, maxScores: RESERVOIR_SCORES, temperature: fit.temperature, logLossBefore: fit.logLossBefore, logLossAfter: fit.logLossAfter, temperatures, logLoss, after };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { kind: 'unfit', reason: /true class has probability 0/.test(message) ? 'zeroTrueClass' : 'failed', message };
  }
}

/** The page's options, scoring the predictions after the calibrator (rows read as the page reads them). */
export function temperatureScaledOptions(options: EvalOptions, calibrator: Calibrator): EvaluateSourcesOptions {
  return {
    ...options,
    // Calibrated rows are probabilities that sum to 1; the file's own kind is read by the calibrator's stream.
    input: 'probs',
    normalize: false,
    mapPredictions: (s: TableStream) => calibratedTableStream(s, calibrator, options.input ?? 'probs', options.normalize ?? false, 'pred'),
  };
}
