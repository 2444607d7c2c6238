import { natsTo, type InfoUnit } from '../core/info/unit.js';
import { neumaierAdd, neumaierMerge, neumaierSums, neumaierValue, type NeumaierSums } from '../core/math/index.js';
import { lostBits } from './lostBits.js';

/**
 * The sums behind the log-loss, its standard error and the perplexity. Losses ℓ are in
 * nats; rows of weight 0 count in `rows` only.
 *
 * The moments are taken about a shift c, the loss of the first row that entered them,
 * rather than about 0: the spread Σw²(ℓ − mean)² is then a small difference of small
 * sums (exactly 0 when every loss is the same), where raw moments would cancel digits
 * in proportion to mean² / variance.
 */
export interface LogLossSums {
  /** Rows whose true-class probability was raised to the clip. */
  clippedRows: number;
  /** Rows of positive weight with an infinite loss (probability 0 on the true class). */
  infiniteRows: number;
  /** Rows of positive weight with a finite loss: the n of the standard error. */
  finiteRows: number;
  /** c, or NaN while no row has entered the moments. */
  shift: number;
  /** Over the finite rows of positive weight: [Σw, Σwℓ, Σw(ℓ−c), Σw², Σw²(ℓ−c), Σw²(ℓ−c)²]. */
  moments: NeumaierSums;
}

const W = 0;
const WL = 1;
const WD = 2;
const W2 = 3;
const W2D = 4;
const W2D2 = 5;

export function logLossSums(): LogLossSums {
  return { clippedRows: 0, infiniteRows: 0, finiteRows: 0, shift: NaN, moments: neumaierSums(6) };
}

/** Adds a row of weight `weight` whose true class has log-probability `logProbability`, raised to `logClip` (−Infinity for no clip). */
export function addLogLoss(sums: LogLossSums, weight: number, logProbability: number, logClip: number): void {
  let loss = -logProbability;
  if (logProbability < logClip) {
    loss = -logClip;
    sums.clippedRows++;
  }
  if (weight === 0) return;
  if (loss === Infinity) {
    sums.infiniteRows++;
    return;
  }
  if (sums.finiteRows++ === 0) sums.shift = loss;
  const m = sums.moments;
  const d = loss - sums.shift;
  const w2 = weight * weight;
  neumaierAdd(m, W, weight);
  neumaierAdd(m, WL, weight * loss);
  neumaierAdd(m, WD, weight * d);
  neumaierAdd(m, W2, w2);
  neumaierAdd(m, W2D, w2 * d);
  neumaierAdd(m, W2D2, w2 * d * d);
}

/**
 * addLogLoss over rows 0 … rows − 1 of a batch, in order: row r of weight `weights[r]` and
 * true-class log-probability `logProbability[r]`. The six moments are kept in locals
 * through the loop with the same compensated step, so the sums are bit for bit those of
 * addLogLoss row by row.
 */
export function addLogLossBatch(sums: LogLossSums, weights: Float64Array, logProbability: Float64Array, rows: number, logClip: number): void {
  const { sum, compensation } = sums.moments;
  let sw = sum[W], cw = compensation[W];
  let swl = sum[WL], cwl = compensation[WL];
  let swd = sum[WD], cwd = compensation[WD];
  let sw2 = sum[W2], cw2 = compensation[W2];
  let sw2d = sum[W2D], cw2d = compensation[W2D];
  let sw2d2 = sum[W2D2], cw2d2 = compensation[W2D2];
  let clipped = sums.clippedRows;
  let infinite = sums.infiniteRows;
  let finite = sums.finiteRows;
  let shift = sums.shift;
  for (let r = 0; r < rows; r++) {
    const lp = logProbability[r];
    let loss = -lp;
    if (lp < logClip) {
      loss = -logClip;
      clipped++;
    }
    const w = weights[r];
    if (w === 0) continue;
    if (loss === Infinity) {
      infinite++;
      continue;
    }
    if (finite++ === 0) shift = loss;
    const d = loss - shift;
    const w2 = w * w;
    let x = w;
    let t = sw + x;
    cw += lostBits(sw, x, t);
    sw = t;
    x = w * loss;
    t = swl + x;
    cwl += lostBits(swl, x, t);
    swl = t;
    x = w * d;
    t = swd + x;
    cwd += lostBits(swd, x, t);
    swd = t;
    x = w2;
    t = sw2 + x;
    cw2 += lostBits(sw2, x, t);
    sw2 = t;
    x = w2 * d;
    t = sw2d + x;
    cw2d += lostBits(sw2d, x, t);
    sw2d = t;
    x = w2 * d * d;
    t = sw2d2 + x;
    cw2d2 += lostBits(sw2d2, x, t);
    sw2d2 = t;
  }
  sum[W] = sw;
  compensation[W] = cw;
  sum[WL] = swl;
  compensation[WL] = cwl;
  sum[WD] = swd;
  compensation[WD] = cwd;
  sum[W2] = sw2;
  compensation[W2] = cw2;
  sum[W2D] = sw2d;
  compensation[W2D] = cw2d;
  sum[W2D2] = sw2d2;
  compensation[W2D2] = cw2d2;
  sums.clippedRows = clipped;
  sums.infiniteRows = infinite;
  sums.finiteRows = finite;
  sums.shift = shift;
}

/**
 * Adds the sums of other rows into `into`. Where the shifts differ, `from`'s moments are
 * first moved to `into`'s shift: with e = c_from − c_into, each of its rows has
 * ℓ − c_into = (ℓ − c_from) + e, so Σw(ℓ−c_into) = Σw(ℓ−c_from) + eΣw,
 * Σw²(ℓ−c_into) = Σw²(ℓ−c_from) + eΣw², and Σw²(ℓ−c_into)² = Σw²(ℓ−c_from)² + 2eΣw²(ℓ−c_from) + e²Σw².
 */
export function mergeLogLossSums(into: LogLossSums, from: LogLossSums): void {
  into.clippedRows += from.clippedRows;
  into.infiniteRows += from.infiniteRows;
  if (from.finiteRows === 0) return;
  if (into.finiteRows === 0) into.shift = from.shift;
  into.finiteRows += from.finiteRows;
  const e = from.shift - into.shift;
  if (e === 0) {
    neumaierMerge(into.moments, from.moments);
    return;
  }
  const f = from.moments;
  const [w, wd, w2, w2d, w2d2] = [W, WD, W2, W2D, W2D2].map((i) => neumaierValue(f, i));
  const m = into.moments;
  neumaierAdd(m, W, w);
  neumaierAdd(m, WL, neumaierValue(f, WL));
  neumaierAdd(m, WD, wd + e * w);
  neumaierAdd(m, W2, w2);
  neumaierAdd(m, W2D, w2d + e * w2);
  neumaierAdd(m, W2D2, w2d2 + 2 * e * w2d + e * e * w2);
}

export interface LogLossFigures {
  logLoss: number;
  logLossStdError: number;
  perplexity: number;
  clippedRows: number;
}

/**
 * The weighted mean loss Σwℓ / Σw in `unit`, its standard error and exp(mean in nats).
 * `weightSum` is Σw over all rows, the mean's denominator.
 *
 * The standard error is the ratio estimator's, √(n/(n−1) · Σw²(ℓ − mean)²) / Σw, with the
 * n/(n − 1) correction so that for unit weights it is the sample standard deviation over
 * √n. With d = mean − c = Σw(ℓ−c)/Σw, ℓ − mean = (ℓ − c) − d, so
 * Σw²(ℓ − mean)² = Σw²(ℓ−c)² − 2dΣw²(ℓ−c) + d²Σw². It is NaN with an infinite loss, or with
 * fewer than two rows (no spread to estimate).
 */
export function logLossFigures(sums: LogLossSums, weightSum: number, unit: InfoUnit): LogLossFigures {
  const m = sums.moments;
  const meanNats = sums.infiniteRows > 0 ? Infinity : neumaierValue(m, WL) / weightSum;
  let stdErrNats = NaN;
  const n = sums.finiteRows;
  if (sums.infiniteRows === 0 && n >= 2) {
    const d = neumaierValue(m, WD) / neumaierValue(m, W);
    const spread = neumaierValue(m, W2D2) - 2 * d * neumaierValue(m, W2D) + d * d * neumaierValue(m, W2);
    stdErrNats = Math.sqrt((n / (n - 1)) * Math.max(0, spread)) / weightSum;
  }
  const toUnit = natsTo(unit);
  return { logLoss: meanNats * toUnit, logLossStdError: stdErrNats * toUnit, perplexity: Math.exp(meanNats), clippedRows: sums.clippedRows };
}
