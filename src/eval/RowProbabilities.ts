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
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      if (!this.normalize || !(sum > 0 && sum < Infinity)) {
        const hint = this.normalize ? '' : ' (give --normalize to divide by the sum)';
        throw rowError(`probabilities sum to ${sum}, not 1 within ${SUM_TOLERANCE}${hint}`, where);
      }
    }
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

/** log(1 − e^x) for x ≤ 0 without cancellation (Mächler 2012, "Accurately computing log(1 − exp(−|a|))"). */
function log1mExp(x: number): number {
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}

function rowError(problem: string, where: () => CellWhere): XentError {
  const w = where();
  return new XentError(problem, { field: w.field, index: w.index });
}
