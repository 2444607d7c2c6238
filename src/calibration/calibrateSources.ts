import { createRng } from '../core/random/createRng.js';
import { shuffleInPlace } from '../core/random/shuffleInPlace.js';
import { XentError } from '../core/XentError.js';
import type { InputKind } from '../eval/EvalOptions.js';
import type { EvalReport } from '../eval/EvalReport.js';
import { evaluateSources, type EvalSources } from '../eval/evaluateSources.js';
import { evaluateStreams } from '../eval/evaluateStreams.js';
import { calibrateRows, fitCalibrator, type CalibrationMethod, type Calibrator, type FitOptions } from './Calibrator.js';
import { ScoreRowsCollector } from './ScoreRowsCollector.js';
import type { ScoreRows } from './ScoreRows.js';
import { arrayTableStream } from './tableStreams.js';

export const MAX_FOLDS = 100;

export interface CalibrateOptions extends FitOptions {
  method: CalibrationMethod;
  /** What the prediction columns hold (default 'probs'), as in `xent eval`. */
  input?: InputKind;
  normalize?: boolean;
  /** Equal-width bins of the ECE before and after (default 15). */
  evalBins?: number;
  /** K-fold cross-validation of the fit: each fold is calibrated by a fit on the others. */
  folds?: number;
  /** Seed of the folds' shuffle (default 1). */
  seed?: number;
}

export interface CalibrationReport {
  method: CalibrationMethod;
  n: number;
  classes: number;
  /** Mean log-loss (nats) of the rows as given, and calibrated by the fit on all of them. */
  logLossBefore: number;
  logLossAfter: number;
  eceBefore: number;
  eceAfter: number;
  calibrator: Calibrator;
  /** With `folds`: the figures of rows calibrated by fits that did not see them. */
  crossValidated?: { folds: number; seed: number; logLossAfter: number; eceAfter: number };
  /** The whole reports, before and after (on all rows). */
  before: EvalReport;
  after: EvalReport;
}

/**
 * Fits a calibrator to predictions and labels in byte sources of any format (the engine of
 * `xent calibrate`): one streamed pass reads the rows, checks them as `xent eval` does and
 * scores them as given; the fit runs on the rows in memory; the calibrated rows are scored
 * by the same engine. With `folds`, the rows are shuffled by a seeded generator into folds
 * and each fold is calibrated by a fit on the rest, so the figures after are out of sample.
 *
 * @example
 * await calibrateSources({ pred: fileByteSource('val-logits.npy', '--pred'), labels: fileByteSource('val-labels.npy', '--labels') }, { method: 'temperature', input: 'logits', folds: 5 })
 */
export async function calibrateSources(sources: EvalSources, options: CalibrateOptions): Promise<CalibrationReport> {
  const folds = options.folds;
  if (folds !== undefined && !(Number.isInteger(folds) && folds >= 2 && folds <= MAX_FOLDS)) {
    throw new XentError(`folds must be a whole number from 2 to ${MAX_FOLDS}, got ${folds}`, { field: 'folds' });
  }
  const input = options.input ?? 'probs';
  const evalOptions = { input, normalize: options.normalize, bins: options.evalBins ?? 15, unit: 'nats' as const };
  const collector = new ScoreRowsCollector(input, options.normalize ?? false, sources.pred.name);
  const before = await evaluateSources(sources, { ...evalOptions, onRow: collector.add });
  const data = collector.finish();
  const fit = fitCalibrator(data, options.method, options);
  const after = await scoreProbabilities(calibrateRows(fit.calibrator, data.scores, data.rows), data, evalOptions.bins);
  const report: CalibrationReport = {
    method: options.method,
    n: data.rows,
    classes: data.classes,
    logLossBefore: before.logLoss,
    logLossAfter: after.logLoss,
    eceBefore: before.ece,
    eceAfter: after.ece,
    calibrator: fit.calibrator,
    before,
    after,
  };
  if (folds !== undefined) {
    const seed = options.seed ?? 1;
    const held = await scoreProbabilities(crossValidatedProbabilities(data, options, folds, seed), data, evalOptions.bins);
    report.crossValidated = { folds, seed, logLossAfter: held.logLoss, eceAfter: held.ece };
  }
  return report;
}

/** Each row's probabilities from a calibrator fitted on the folds that do not hold it. */
function crossValidatedProbabilities(data: ScoreRows, options: CalibrateOptions, folds: number, seed: number): Float64Array {
  if (data.rows < folds) throw new XentError(`${folds} folds need at least ${folds} rows, got ${data.rows}`, { field: 'folds' });
  const order = Int32Array.from({ length: data.rows }, (_, i) => i);
  shuffleInPlace(order, createRng(seed));
  const K = data.classes;
  const out = new Float64Array(data.rows * K);
  for (let f = 0; f < folds; f++) {
    const held = order.filter((_, j) => j % folds === f);
    const kept = order.filter((_, j) => j % folds !== f);
    const { calibrator } = fitCalibrator(subset(data, kept), options.method, options);
    const probabilities = calibrateRows(calibrator, subset(data, held).scores, held.length);
    held.forEach((row, j) => out.set(probabilities.subarray(j * K, j * K + K), row * K));
  }
  return out;
}

function subset(data: ScoreRows, rows: Int32Array): ScoreRows {
  const K = data.classes;
  const scores = new Float64Array(rows.length * K);
  rows.forEach((row, j) => scores.set(data.scores.subarray(row * K, row * K + K), j * K));
  return {
    rows: rows.length,
    classes: K,
    scores,
    labels: Int32Array.from(rows, (row) => data.labels[row]),
    weights: data.weights === null ? null : Float64Array.from(rows, (row) => data.weights![row]),
  };
}

/** The evaluation engine's report of probabilities held in memory. */
function scoreProbabilities(probabilities: Float64Array, data: ScoreRows, bins: number): Promise<EvalReport> {
  return evaluateStreams(
    () => ({
      pred: arrayTableStream('calibrated', probabilities, data.rows, data.classes),
      labels: () => arrayTableStream('labels', data.labels, data.rows, 1),
      weights: data.weights === null ? undefined : arrayTableStream('weights', data.weights, data.rows, 1),
    }),
    { input: 'probs', bins, unit: 'nats' },
  );
}
