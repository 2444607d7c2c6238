import { logSoftmaxStrided } from '../core/math/logSoftmax.js';
import { NeumaierAccumulator } from '../core/math/neumaierSum.js';
import { XentError } from '../core/XentError.js';
import { uniformBinEdges } from '../eval/binEdges.js';
import { applyDirichlet, DEFAULT_DIRICHLET_PENALTY, fitDirichlet, type DirichletOptions } from './fitDirichlet.js';
import { fitHistogramBinning, histogramValue } from './fitHistogramBinning.js';
import { fitIsotonic, interpolateMap } from './fitIsotonic.js';
import { fitPlatt, plattLogOdds } from './fitPlatt.js';
import { fitTemperature } from './fitTemperature.js';
import { applyVectorScaling, fitVectorScaling } from './fitVectorScaling.js';
import { calibratedClasses, combineOneVsRest } from './oneVsRest.js';
import { checkScoreRows, type ScoreRows } from './ScoreRows.js';

export type CalibrationMethod = 'temperature' | 'vector' | 'dirichlet' | 'platt' | 'isotonic' | 'histogram';
export const CALIBRATION_METHODS: readonly CalibrationMethod[] = ['temperature', 'vector', 'dirichlet', 'platt', 'isotonic', 'histogram'];

/** What a fitted calibrator holds: its method's parameters, plain numbers, JSON as they are. */
export type CalibratorParameters =
  | { method: 'temperature'; temperature: number }
  | { method: 'vector'; weights: number[]; biases: number[] }
  | { method: 'dirichlet'; matrix: number[]; intercepts: number[]; offDiagonalPenalty: number; interceptPenalty: number }
  | { method: 'platt'; a: number; b: number }
  | { method: 'isotonic'; maps: Array<{ xs: number[]; ys: number[] }> }
  | { method: 'histogram'; bins: number; values: number[][] };

/**
 * A fitted calibrator as it is saved: `"format": "xent-calibrator"` and a version, so a
 * reader can refuse what it does not know, the number of classes it was fitted on, and
 * the parameters. Scores in are logits or log-probabilities (see ScoreRows); out come
 * probabilities.
 */
export type Calibrator = { format: 'xent-calibrator'; version: 1; classes: number } & CalibratorParameters;

export interface CalibrationFit {
  calibrator: Calibrator;
  /** Mean log-loss (nats) of the rows before and after. */
  logLossBefore: number;
  logLossAfter: number;
}

export interface FitOptions extends DirichletOptions {
  /** Bins for `histogram` (default 15). */
  bins?: number;
}

/**
 * Fits a calibrator by name. Temperature, vector and Platt scaling minimise the
 * cross-entropy of the rows; isotonic regression and histogram binning are the classic
 * non-parametric maps. The log-loss after is measured by applying the calibrator, so it is
 * the same figure `calibrateRows` then gives.
 *
 * @example
 * const data = { rows: 2, classes: 2, scores: Float64Array.of(0, 4, 4, 0), labels: Int32Array.of(1, 1), weights: null };
 * fitCalibrator(data, 'temperature').calibrator.temperature // Infinity
 */
export function fitCalibrator(data: ScoreRows, method: CalibrationMethod, options: FitOptions = {}): CalibrationFit {
  checkScoreRows(data);
  const parameters = fitParameters(data, method, options);
  const calibrator = { format: 'xent-calibrator', version: 1, classes: data.classes, ...parameters } as Calibrator;
  const before = meanLogLoss(data, identityProbabilities(data));
  const after = meanLogLoss(data, calibrateRows(calibrator, data.scores, data.rows));
  return { calibrator, logLossBefore: before, logLossAfter: after };
}

function fitParameters(data: ScoreRows, method: CalibrationMethod, options: FitOptions): CalibratorParameters {
  switch (method) {
    case 'temperature':
      return { method, temperature: fitTemperature(data).temperature };
    case 'vector': {
      const fit = fitVectorScaling(data, { minimizer: options.minimizer });
      return { method, weights: Array.from(fit.weights), biases: Array.from(fit.biases) };
    }
    case 'dirichlet': {
      const fit = fitDirichlet(data, options);
      return {
        method,
        matrix: Array.from(fit.matrix),
        intercepts: Array.from(fit.intercepts),
        offDiagonalPenalty: options.offDiagonalPenalty ?? DEFAULT_DIRICHLET_PENALTY,
        interceptPenalty: options.interceptPenalty ?? DEFAULT_DIRICHLET_PENALTY,
      };
    }
    case 'platt': {
      const fit = fitPlatt(data);
      return { method, a: fit.a, b: fit.b };
    }
    case 'isotonic':
      return { method, maps: fitIsotonic(data).maps.map((m) => ({ xs: Array.from(m.xs), ys: Array.from(m.ys) })) };
    case 'histogram': {
      const fit = fitHistogramBinning(data, options.bins ?? 15);
      return { method, bins: fit.bins, values: fit.values.map((v) => Array.from(v)) };
    }
    default:
      throw new XentError(`unknown method '${String(method)}' (expected ${CALIBRATION_METHODS.join(', ')})`, { field: 'method' });
  }
}

/**
 * The calibrated probabilities of `rows` rows of scores (row-major, `calibrator.classes`
 * per row).
 *
 * @example
 * const calibrator = { format: 'xent-calibrator', version: 1, classes: 2, method: 'temperature', temperature: 2 } as const;
 * calibrateRows(calibrator, Float64Array.of(0, 2 * Math.LN2), 1) // Float64Array [0.333333, 0.666667]
 */
export function calibrateRows(calibrator: Calibrator, scores: Float64Array, rows: number): Float64Array {
  const K = calibrator.classes;
  if (scores.length !== rows * K) throw new XentError(`holds ${scores.length} scores, expected ${rows} rows × ${K} classes`, { field: 'scores' });
  const out = new Float64Array(rows * K);
  const row = new Float64Array(K);
  const mapped = new Float64Array(K);
  const logProbabilities = calibrator.method === 'dirichlet' ? new Float64Array(rows * K) : null;
  const edges = calibrator.method === 'histogram' ? uniformBinEdges(calibrator.bins) : null;
  const maps = calibrator.method === 'isotonic' ? calibrator.maps.map((m) => ({ xs: Float64Array.from(m.xs), ys: Float64Array.from(m.ys) })) : null;
  const classes = calibratedClasses(K);
  for (let i = 0, o = 0; i < rows; i++, o += K) {
    switch (calibrator.method) {
      case 'temperature':
        if (calibrator.temperature === 0) {
          argmaxProbabilities(scores, o, K, out.subarray(o, o + K));
          continue;
        }
        for (let k = 0; k < K; k++) row[k] = temperatureScore(scores[o + k], calibrator.temperature);
        break;
      case 'vector':
        applyVectorScaling(calibrator.weights, calibrator.biases, scores, o, row, 0);
        break;
      case 'dirichlet':
        logSoftmaxStrided(scores, o, K, 1, logProbabilities!);
        applyDirichlet(calibrator.matrix, calibrator.intercepts, logProbabilities!, o, row);
        break;
      case 'platt':
        row[0] = 0;
        row[1] = plattLogOdds(calibrator.a, calibrator.b, scores[o + 1] - scores[o]);
        break;
      case 'isotonic':
      case 'histogram': {
        probabilitiesOf(scores, o, K, row);
        for (let c = 0; c < classes.length; c++) {
          const p = row[classes[c]];
          mapped[c] = calibrator.method === 'isotonic' ? interpolateMap(maps![c], p) : histogramValue(calibrator.values[c], edges!, p);
        }
        combineOneVsRest(mapped, K, out.subarray(o, o + K));
        continue;
      }
    }
    probabilitiesOf(row, 0, K, out.subarray(o, o + K));
  }
  return out;
}

/** s/T, with the limit T = Infinity: every finite score 0, so uniform over them. */
function temperatureScore(score: number, temperature: number): number {
  if (score === -Infinity) return -Infinity;
  if (temperature === Infinity) return 0;
  return score / temperature;
}

/** The limit T → 0: the mass shared by the classes tied at the row's largest score. */
function argmaxProbabilities(scores: ArrayLike<number>, offset: number, K: number, out: Float64Array): void {
  let m = -Infinity;
  let ties = 0;
  for (let k = 0; k < K; k++) {
    const s = scores[offset + k];
    if (s > m) {
      m = s;
      ties = 1;
    } else if (s === m) ties++;
  }
  for (let k = 0; k < K; k++) out[k] = scores[offset + k] === m ? 1 / ties : 0;
}

function probabilitiesOf(scores: ArrayLike<number>, offset: number, K: number, out: Float64Array): void {
  const row = Float64Array.from({ length: K }, (_, k) => scores[offset + k]);
  logSoftmaxStrided(row, 0, K, 1, out);
  for (let k = 0; k < K; k++) out[k] = Math.exp(out[k]);
}

function identityProbabilities(data: ScoreRows): Float64Array {
  const out = new Float64Array(data.rows * data.classes);
  for (let i = 0, o = 0; i < data.rows; i++, o += data.classes) probabilitiesOf(data.scores, o, data.classes, out.subarray(o, o + data.classes));
  return out;
}

/** Σ w·(−log p_y) / Σ w, in nats. */
export function meanLogLoss(data: ScoreRows, probabilities: Float64Array): number {
  const total = new NeumaierAccumulator();
  const weight = new NeumaierAccumulator();
  for (let i = 0; i < data.rows; i++) {
    const w = data.weights === null ? 1 : data.weights[i];
    if (w === 0) continue;
    total.add(-w * Math.log(probabilities[i * data.classes + data.labels[i]]));
    weight.add(w);
  }
  return total.value() / weight.value();
}

