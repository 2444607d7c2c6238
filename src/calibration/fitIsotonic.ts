import { XentError } from '../core/XentError.js';
import { classColumns } from './oneVsRest.js';
import { checkScoreRows, type ScoreRows } from './ScoreRows.js';

/**
 * An increasing map from a probability to a calibrated probability: linear between the
 * points (x_j, y_j), x increasing, and constant beyond the first and the last.
 */
export interface PiecewiseLinearMap {
  xs: Float64Array;
  ys: Float64Array;
}

/**
 * Isotonic regression (Zadrozny & Elkan, KDD 2002) of each class's probability against
 * [y = k], one class against the rest (see oneVsRest.ts), as scikit-learn's
 * `IsotonicRegression(out_of_bounds='clip')` fits it: rows with the same probability are
 * merged into their weighted mean, the pool-adjacent-violators algorithm (Ayer et al.
 * 1955) gives the weighted least-squares increasing fit, points inside a constant run are
 * dropped, and new probabilities are interpolated linearly between the rest.
 *
 * It minimises squared error, not cross-entropy; the isotonic fit minimises every proper
 * scoring rule among increasing step maps of the training rows (it is the same fit for the
 * log-loss), but its interpolation may give a true class probability 0 on new rows, and
 * then the log-loss is infinite.
 */
export interface IsotonicFit {
  /** One map per calibrated class: class 1 alone for two classes, else every class. */
  maps: PiecewiseLinearMap[];
}

/**
 * @example
 * const data = { rows: 4, classes: 2, scores: Float64Array.of(0, -2, 0, -1, 0, 1, 0, 2), labels: Int32Array.of(0, 1, 0, 1), weights: null };
 * fitIsotonic(data).maps[0].ys // Float64Array [0, 0.5, 0.5, 1]
 */
export function fitIsotonic(data: ScoreRows): IsotonicFit {
  checkScoreRows(data);
  return { maps: classColumns(data).map((column) => fitIncreasingMap(column.probability, column.outcome, data.weights)) };
}

/** The weighted least-squares increasing fit of y on x, as a piecewise linear map. */
export function fitIncreasingMap(x: Float64Array, y: Float64Array, weights: Float64Array | null): PiecewiseLinearMap {
  const order = Array.from(x.keys()).filter((i) => weights === null || weights[i] > 0);
  if (order.length === 0) throw new XentError('no row with positive weight', { field: 'weights' });
  order.sort((a, b) => x[a] - x[b]);
  // Merge equal x into one point of their total weight.
  const px: number[] = [];
  const pw: number[] = [];
  const pwy: number[] = [];
  for (const i of order) {
    const w = weights === null ? 1 : weights[i];
    const last = px.length - 1;
    if (last >= 0 && px[last] === x[i]) {
      pw[last] += w;
      pwy[last] += w * y[i];
    } else {
      px.push(x[i]);
      pw.push(w);
      pwy.push(w * y[i]);
    }
  }
  // Pool adjacent violators: blocks of consecutive points, each at its weighted mean, merged
  // backwards while a block's mean is not below the next one's.
  const blockEnd: number[] = [];
  const blockW: number[] = [];
  const blockWy: number[] = [];
  for (let j = 0; j < px.length; j++) {
    blockEnd.push(j);
    blockW.push(pw[j]);
    blockWy.push(pwy[j]);
    while (blockW.length > 1) {
      const n = blockW.length;
      if (blockWy[n - 2] / blockW[n - 2] < blockWy[n - 1] / blockW[n - 1]) break;
      blockW[n - 2] += blockW[n - 1];
      blockWy[n - 2] += blockWy[n - 1];
      blockEnd[n - 2] = blockEnd[n - 1];
      blockW.pop();
      blockWy.pop();
      blockEnd.pop();
    }
  }
  const fitted = new Float64Array(px.length);
  for (let b = 0, j = 0; b < blockEnd.length; b++) {
    const mean = blockWy[b] / blockW[b];
    for (; j <= blockEnd[b]; j++) fitted[j] = mean;
  }
  // Keep the ends and every point where the fit changes on either side.
  const xs: number[] = [];
  const ys: number[] = [];
  for (let j = 0; j < px.length; j++) {
    if (j === 0 || j === px.length - 1 || fitted[j] !== fitted[j - 1] || fitted[j] !== fitted[j + 1]) {
      xs.push(px[j]);
      ys.push(fitted[j]);
    }
  }
  return { xs: Float64Array.from(xs), ys: Float64Array.from(ys) };
}

/**
 * The map's value at x: linear interpolation as numpy's `interp`, clipped at the ends.
 *
 * @example
 * interpolateMap({ xs: Float64Array.of(0, 1), ys: Float64Array.of(0.2, 0.6) }, 0.5) // 0.4
 */
export function interpolateMap(map: PiecewiseLinearMap, x: number): number {
  const { xs, ys } = map;
  const n = xs.length;
  if (!(x > xs[0])) return ys[0];
  if (x >= xs[n - 1]) return ys[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  const slope = (ys[hi] - ys[lo]) / (xs[hi] - xs[lo]);
  return ys[lo] + slope * (x - xs[lo]);
}

