import { XentError } from '../core/XentError.js';
import { logSigmoid, logSoftmaxStrided, sigmoid } from '../core/math/index.js';
import { SUM_TOLERANCE, type InputKind } from './EvalOptions.js';
import type { CellWhere } from '../formats/TableBatch.js';

/**
 * Turns one row of prediction columns into the probabilities of its K classes, checking
 * it: the first step of every part of the evaluation. `p` holds the last row read.
 *
 * One column is the probability (logit, log-probability) of class 1 of two. Log-probabilities
 * of the true class come from the log domain where the input is in it, so logits never pass
 * through exp and log.
 */
export class RowProbabilities {
  /** Number of classes K: the width, or 2 for one column. */
  readonly classes: number;
  /** Probabilities of the last row read. */
  readonly p: Float64Array;
  private readonly lp: Float64Array;
  /** The largest |Σp − 1| of a row as given (before any normalisation). */
  largestSumError = 0;

  constructor(
    private readonly width: number,
    private readonly input: InputKind,
    private readonly normalize: boolean,
  ) {
    if (!Number.isInteger(width) || width < 1) throw new XentError(`predictions need at least one column, got ${width}`, { field: 'pred' });
    this.classes = Math.max(2, width);
    this.p = new Float64Array(this.classes);
    this.lp = new Float64Array(this.classes);
  }

  /**
   * Reads `values[offset … offset + width)` into `p` and returns log p(label) in nats;
   * throws an XentError at `where` for a row that is not a distribution.
   */
  read(values: ArrayLike<number>, offset: number, label: number, where: () => CellWhere): number {
    return this.width === 1 ? this.readOneColumn(values[offset], label, where) : this.readColumns(values, offset, label, where);
  }

  /**
   * log p of every class of the row `read` last took, into `out[0 … classes)`: from the log
   * domain where the input is in it, so a logit of −800 gives −800, not log(0).
   */
  logProbabilitiesInto(values: ArrayLike<number>, offset: number, out: Float64Array): void {
    const { p, lp, classes: K, input } = this;
    if (this.width === 1) {
      const v = values[offset];
      if (input === 'logits') {
        out[0] = logSigmoid(-v);
        out[1] = logSigmoid(v);
      } else if (input === 'log-probs') {
        out[1] = Math.min(v, 0);
        out[0] = log1mExp(out[1]);
      } else {
        out[0] = Math.log1p(-v);
        out[1] = Math.log(v);
      }
      return;
    }
    for (let k = 0; k < K; k++) out[k] = input === 'probs' ? Math.log(p[k]) : lp[k];
  }

  private readOneColumn(v: number, label: number, where: () => CellWhere): number {
    const p = this.p;
    if (this.input === 'probs') {
      if (!(v >= 0 && v <= 1)) throw rowError(`probability ${v} is outside [0, 1]`, where);
      p[1] = v;
      p[0] = 1 - v;
      return label === 1 ? Math.log(v) : Math.log1p(-v);
    }
    if (this.input === 'logits') {
      if (Number.isNaN(v)) throw rowError('logit is NaN', where);
      p[1] = sigmoid(v);
      p[0] = sigmoid(-v);
      return label === 1 ? logSigmoid(v) : logSigmoid(-v);
    }
    // log-probs: log p_1 ≤ 0, within the same tolerance as a sum of probabilities.
    if (!(v <= Math.log1p(SUM_TOLERANCE))) throw rowError(`log-probability ${v} is above 0`, where);
    const lp1 = Math.min(v, 0);
    const lp0 = log1mExp(lp1);
    p[1] = Math.exp(lp1);
    p[0] = Math.exp(lp0);
    return label === 1 ? lp1 : lp0;
  }

  private readColumns(values: ArrayLike<number>, offset: number, label: number, where: () => CellWhere): number {
    const { p, lp, classes: K, input } = this;
    if (input === 'logits') {
      for (let k = 0; k < K; k++) {
        const v = values[offset + k];
        if (Number.isNaN(v)) throw rowError(`logit of class ${k} is NaN`, where);
        lp[k] = v;
      }
      logSoftmaxStrided(lp, 0, K, 1, lp);
      for (let k = 0; k < K; k++) p[k] = Math.exp(lp[k]);
      return lp[label];
    }
    let sum = 0;
    if (input === 'probs') {
      for (let k = 0; k < K; k++) {
        const v = values[offset + k];
        if (!(v >= 0 && v < Infinity)) throw rowError(`probability ${v} of class ${k} is not a number ≥ 0`, where);
        p[k] = v;
        sum += v;
      }
    } else {
      for (let k = 0; k < K; k++) {
        const v = values[offset + k];
        if (!(v < Infinity)) throw rowError(`log-probability ${v} of class ${k} is not a number < Infinity`, where);
        lp[k] = v;
        p[k] = Math.exp(v);
        sum += p[k];
      }
    }
    const sumError = Math.abs(sum - 1);
    if (sumError > SUM_TOLERANCE && !this.normalize) {
      // K probabilities printed with d decimals are each less than half a unit of the last
      // decimal from what they round, so a distribution's printed sum misses 1 by less than
      // K·½·10^−d: a row within that (strictly, with a margin for the sum's own rounding)
      // could be a distribution as printed, and is used as given. Log-probabilities are
      // printed in another scale and keep the plain tolerance.
      const decimals = input === 'probs' ? printedDecimals(values, offset, K) : null;
      const rounding = decimals === null ? 0 : K * 0.5 * 10 ** -decimals;
      if (!(sumError < rounding * (1 - 1e-9))) {
        const allowed = decimals === null ? '' : `, nor within the ${Number(rounding.toPrecision(6))} that rounding ${K} values to ${decimals} decimals allows`;
        throw rowError(`probabilities sum to ${sum}, not 1 within ${SUM_TOLERANCE}${allowed} (give --normalize to divide by the sum)`, where);
      }
    } else if (sumError > SUM_TOLERANCE && !(sum > 0 && sum < Infinity)) {
      throw rowError(`probabilities sum to ${sum}, which cannot be normalised`, where);
    }
    if (sumError > this.largestSumError) this.largestSumError = sumError;
    if (this.normalize) {
      if (input === 'probs') {
        for (let k = 0; k < K; k++) p[k] /= sum;
      } else {
        logSoftmaxStrided(lp, 0, K, 1, lp);
        for (let k = 0; k < K; k++) p[k] = Math.exp(lp[k]);
      }
    }
    return input === 'probs' ? Math.log(p[label]) : lp[label];
  }
}

/**
 * The decimals a row of probabilities was printed with: the most any of its values shows,
 * a value's being the fewest d for which it is the double nearest a d-decimal number
 * (0.333333 → 6, 0.25 → 2). Trailing zeros do not survive parsing ("0.300000" reads as 0.3),
 * so the row's finest value stands for all of them, as a file written with one format
 * (numpy's `savetxt(fmt='%.6f')`, pandas' `float_format`) prints every value alike. More
 * than 15 decimals is no rounding: null.
 *
 * @example
 * printedDecimals([0.333333, 0.3, 0.366667], 0, 3) // 6
 */
export function printedDecimals(values: ArrayLike<number>, offset: number, count: number): number | null {
  let most = 0;
  for (let k = 0; k < count; k++) {
    const v = values[offset + k];
    let d = 0;
    while (d <= 15 && Number(v.toFixed(d)) !== v) d++;
    if (d > 15) return null;
    most = Math.max(most, d);
  }
  return most;
}

/** log(1 − e^x) for x ≤ 0 without cancellation (Mächler 2012, "Accurately computing log(1 − exp(−|a|))"). */
function log1mExp(x: number): number {
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}

function rowError(problem: string, where: () => CellWhere): XentError {
  const w = where();
  return new XentError(problem, { field: w.field, index: w.index });
}
