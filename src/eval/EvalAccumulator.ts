import { XentError } from '../core/XentError.js';
import { natsTo } from '../core/info/unit.js';
import { logSigmoid, logSoftmaxStrided, sigmoid } from '../core/math/index.js';
import { binOf, uniformBinEdges, uniformBinOf } from './binEdges.js';
import { compensatedAdd, compensatedValue } from './compensatedAdd.js';
import { SUM_TOLERANCE, type ResolvedEvalOptions } from './EvalOptions.js';
import type { EvalReport } from './EvalReport.js';
import type { CellWhere } from '../formats/TableBatch.js';

export interface AccumulatorSetup {
  /** Prediction columns: K ≥ 2, or 1 for the probability (logit, log-probability) of class 1. */
  width: number;
  options: ResolvedEvalOptions;
  classNames?: string[];
  /** Edges of the top-label bins (M + 1 values); equal-width m/M by default. */
  topEdges?: Float64Array;
  /** Called with each row's top-label confidence (equal-mass binning finds its edges from them). */
  onConfidence?: (confidence: number) => void;
}

/**
 * Streaming evaluation of predicted probabilities: rows go in one at a time, the metrics
 * come out of `report()`. Memory is O(classes × bins) whatever the number of rows; every
 * sum is compensated (Neumaier), so a million rows keep the digits of ten.
 *
 * Per row, with weight w and true class y:
 * - log-loss −log p_y (from the log-probabilities, so logits never pass through exp and log);
 * - the top label is the first argmax, its probability the confidence (Guo et al. 2017);
 * - each class k's probability p_k falls in an equal-width bin, which feeds the class-wise
 *   ECE (Kull et al. 2019) and the Murphy decomposition of the Brier score.
 */
export class EvalAccumulator {
  readonly classes: number;
  private readonly width: number;
  private readonly o: ResolvedEvalOptions;
  private readonly classNames: string[] | undefined;
  private readonly bins: number;
  private readonly topEdges: Float64Array;
  private readonly topUniform: boolean;
  private readonly classEdges: Float64Array;
  private readonly onConfidence: ((c: number) => void) | undefined;
  private readonly logClip: number;
  private readonly p: Float64Array;
  private readonly lp: Float64Array;

  private n = 0;
  private clipped = 0;
  private unitWeights = true;
  private infiniteRows = 0;
  // [weight, w·loss, w·correct, w·brier] with their compensations.
  private readonly totals = new Float64Array(4);
  private readonly totalsC = new Float64Array(4);
  // Weighted Welford-style state for Σ w_i² (ℓ_i − mean)²: finite rows only.
  private finiteW = 0;
  private mean = 0;
  private sq = 0;
  private lin = 0;
  private w2 = 0;
  private finiteN = 0;
  // Top-label bins: rows, Σw, Σw·conf, Σw·correct, Σw·(correct − conf).
  private readonly topCount: Float64Array;
  private readonly topSums: Float64Array[];
  private readonly topComps: Float64Array[];
  // Class-wise bins, index k·M + b: Σw, Σw·p_k, Σw·y_k.
  private readonly classSums: Float64Array[];
  private readonly classComps: Float64Array[];

  constructor(setup: AccumulatorSetup) {
    const { width, options } = setup;
    if (!Number.isInteger(width) || width < 1) throw new XentError(`predictions need at least one column, got ${width}`, { field: 'pred' });
    this.width = width;
    this.classes = Math.max(2, width);
    this.o = options;
    this.classNames = setup.classNames;
    this.bins = options.bins;
    this.classEdges = uniformBinEdges(this.bins);
    this.topEdges = setup.topEdges ?? this.classEdges;
    this.topUniform = setup.topEdges === undefined;
    this.onConfidence = setup.onConfidence;
    this.logClip = options.clip === undefined ? -Infinity : Math.log(options.clip);
    this.p = new Float64Array(this.classes);
    this.lp = new Float64Array(this.classes);
    this.topCount = new Float64Array(this.bins);
    this.topSums = [0, 1, 2, 3].map(() => new Float64Array(this.bins));
    this.topComps = [0, 1, 2, 3].map(() => new Float64Array(this.bins));
    const cells = this.classes * this.bins;
    this.classSums = [0, 1, 2].map(() => new Float64Array(cells));
    this.classComps = [0, 1, 2].map(() => new Float64Array(cells));
  }

  /**
   * Adds one row: `values[offset … offset + width)` are its predictions, `label` its true
   * class (already checked to be in range), `weight` ≥ 0. `where` locates the row for errors.
   */
  addRow(values: ArrayLike<number>, offset: number, label: number, weight: number, where: () => CellWhere): void {
    const lpY = this.toProbabilities(values, offset, label, where);
    const K = this.classes;
    const p = this.p;
    this.n++;
    let logLossY = -lpY;
    if (lpY < this.logClip) {
      logLossY = -this.logClip;
      this.clipped++;
    }
    let top = 0;
    for (let k = 1; k < K; k++) if (p[k] > p[top]) top = k;
    const conf = p[top];
    const correct = top === label ? 1 : 0;
    let brier: number;
    if (K === 2) {
      const d = p[1] - (label === 1 ? 1 : 0);
      brier = d * d;
    } else {
      brier = 0;
      for (let k = 0; k < K; k++) {
        const d = p[k] - (k === label ? 1 : 0);
        brier += d * d;
      }
    }
    const t = this.totals;
    const tc = this.totalsC;
    compensatedAdd(t, tc, 0, weight);
    compensatedAdd(t, tc, 1, weight * logLossY);
    compensatedAdd(t, tc, 2, weight * correct);
    compensatedAdd(t, tc, 3, weight * brier);
    if (logLossY === Infinity) this.infiniteRows++;
    else this.addSpread(weight, logLossY);

    if (this.onConfidence !== undefined) this.onConfidence(conf);
    const b = this.topUniform ? uniformBinOf(this.topEdges, this.bins, conf) : binOf(this.topEdges, conf);
    this.topCount[b]++;
    compensatedAdd(this.topSums[0], this.topComps[0], b, weight);
    compensatedAdd(this.topSums[1], this.topComps[1], b, weight * conf);
    compensatedAdd(this.topSums[2], this.topComps[2], b, weight * correct);
    compensatedAdd(this.topSums[3], this.topComps[3], b, weight * (correct - conf));

    // Class-wise bins: Σw and Σw·p_k in the bin of each class's probability, Σw·y only in
    // the true class's bin (y_k = 0 elsewhere): K + 1 sums a row rather than 3K.
    const M = this.bins;
    const [sw, sp, sy] = this.classSums;
    const [cw, cp, cy] = this.classComps;
    const edges = this.classEdges;
    if (weight !== 1) this.unitWeights = false;
    const unit = this.unitWeights;
    let trueCell = 0;
    for (let k = 0; k < K; k++) {
      const pk = p[k];
      const cell = k * M + uniformBinOf(edges, M, pk);
      if (k === label) trueCell = cell;
      // Sums of ones are exact integers: no compensation needed while every weight is 1.
      if (unit) sw[cell] += 1;
      else compensatedAdd(sw, cw, cell, weight);
      compensatedAdd(sp, cp, cell, weight * pk);
    }
    if (unit) sy[trueCell] += 1;
    else compensatedAdd(sy, cy, trueCell, weight);
  }

  /** Fills this.p with the row's probabilities and returns log p(label); throws on invalid rows. */
  private toProbabilities(values: ArrayLike<number>, offset: number, label: number, where: () => CellWhere): number {
    const p = this.p;
    const lp = this.lp;
    const K = this.classes;
    const input = this.o.input;
    if (this.width === 1) {
      const v = values[offset];
      if (input === 'probs') {
        if (!(v >= 0 && v <= 1)) throw rowError(`probability ${v} is outside [0, 1]`, where);
        p[1] = v;
        p[0] = 1 - v;
        return label === 1 ? Math.log(v) : Math.log1p(-v);
      }
      if (input === 'logits') {
        if (Number.isNaN(v)) throw rowError('logit is NaN', where);
        p[1] = sigmoid(v);
        p[0] = sigmoid(-v);
        return label === 1 ? logSigmoid(v) : logSigmoid(-v);
      }
      // log-probs: log p_1 ≤ 0, within the same tolerance as a sum of probabilities.
      if (!(v <= Math.log1p(SUM_TOLERANCE))) throw rowError(`log-probability ${v} is above 0`, where);
      const lp1 = Math.min(v, 0);
      // log(1 − e^x) without cancellation (Mächler 2012, "Accurately computing log(1 − exp(−|a|))").
      const lp0 = lp1 > -Math.LN2 ? Math.log(-Math.expm1(lp1)) : Math.log1p(-Math.exp(lp1));
      p[1] = Math.exp(lp1);
      p[0] = Math.exp(lp0);
      return label === 1 ? lp1 : lp0;
    }
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
      if (!this.o.normalize || !(sum > 0 && sum < Infinity)) {
        const hint = this.o.normalize ? '' : ' (give --normalize to divide by the sum)';
        throw rowError(`probabilities sum to ${sum}, not 1 within ${SUM_TOLERANCE}${hint}`, where);
      }
    }
    if (this.o.normalize) {
      if (input === 'probs') {
        for (let k = 0; k < K; k++) p[k] /= sum;
      } else {
        logSoftmaxStrided(lp, 0, K, 1, lp);
        for (let k = 0; k < K; k++) p[k] = Math.exp(lp[k]);
      }
    }
    return input === 'probs' ? Math.log(p[label]) : lp[label];
  }

  /**
   * Adds (w, ℓ) to S = Σ w_i² (ℓ_i − mean)², kept exact under the moving mean: with
   * δ = w(ℓ − mean)/W', the old terms become S − 2δT + δ²Q where T = Σ w_i²(ℓ_i − mean)
   * and Q = Σ w_i² (Welford's update, generalised to squared weights).
   */
  private addSpread(w: number, x: number): void {
    if (w === 0) return;
    this.finiteN++;
    const W = this.finiteW + w;
    const delta = (w * (x - this.mean)) / W;
    const mean = this.mean + delta;
    const r = x - mean;
    this.sq += -2 * delta * this.lin + delta * delta * this.w2 + w * w * r * r;
    this.lin += -delta * this.w2 + w * w * r;
    this.w2 += w * w;
    this.mean = mean;
    this.finiteW = W;
  }

  report(): EvalReport {
    const { totals: t, totalsC: tc } = this;
    const W = compensatedValue(t, tc, 0);
    const toUnit = natsTo(this.o.unit);
    const logLossNats = compensatedValue(t, tc, 1) / W;
    // Ratio-estimator standard error of the weighted mean, with the n/(n − 1) correction:
    // for unit weights it is the sample standard deviation over √n.
    const n = this.finiteN;
    const stdErrNats = this.infiniteRows > 0 ? NaN : Math.sqrt((n / (n - 1)) * Math.max(0, this.sq)) / W;

    const M = this.bins;
    const bins = [];
    let ece = 0;
    let mce = 0;
    for (let b = 0; b < M; b++) {
      const wb = compensatedValue(this.topSums[0], this.topComps[0], b);
      const gap = Math.abs(compensatedValue(this.topSums[3], this.topComps[3], b));
      if (wb > 0) {
        ece += gap / W;
        mce = Math.max(mce, gap / wb);
      }
      bins.push({
        lower: this.topEdges[b],
        upper: this.topEdges[b + 1],
        count: this.topCount[b],
        confidence: wb > 0 ? compensatedValue(this.topSums[1], this.topComps[1], b) / wb : NaN,
        accuracy: wb > 0 ? compensatedValue(this.topSums[2], this.topComps[2], b) / wb : NaN,
      });
    }

    const K = this.classes;
    const [sw, sp, sy] = this.classSums;
    const [cw, cp, cy] = this.classComps;
    let classwise = 0;
    let reliability = 0;
    let resolution = 0;
    let uncertainty = 0;
    for (let k = 0; k < K; k++) {
      let yk = 0;
      for (let b = 0; b < M; b++) yk += compensatedValue(sy, cy, k * M + b);
      const base = yk / W;
      // With two classes the Brier score is that of class 1 alone (scikit-learn's brier_score_loss).
      const inBrier = K > 2 || k === 1;
      for (let b = 0; b < M; b++) {
        const cell = k * M + b;
        const wb = compensatedValue(sw, cw, cell);
        if (!(wb > 0)) continue;
        const gap = compensatedValue(sy, cy, cell) - compensatedValue(sp, cp, cell);
        classwise += Math.abs(gap) / W;
        if (inBrier) {
          reliability += (gap * gap) / wb / W;
          const d = compensatedValue(sy, cy, cell) / wb - base;
          resolution += (wb * d * d) / W;
        }
      }
      if (inBrier) uncertainty += base * (1 - base);
    }

    const report: EvalReport = {
      n: this.n,
      classes: K,
      input: this.o.input,
      unit: this.o.unit,
      weightSum: W,
      logLoss: logLossNats * toUnit,
      logLossStdError: stdErrNats * toUnit,
      perplexity: Math.exp(logLossNats),
      accuracy: compensatedValue(t, tc, 2) / W,
      brier: compensatedValue(t, tc, 3) / W,
      brierDecomposition: { reliability, resolution, uncertainty },
      ece,
      mce,
      classwiseEce: classwise / K,
      binning: this.o.binning,
      bins,
      clippedRows: this.clipped,
    };
    if (this.classNames !== undefined) report.classNames = this.classNames;
    return report;
  }
}

function rowError(problem: string, where: () => CellWhere): XentError {
  const w = where();
  return new XentError(problem, { field: w.field, index: w.index });
}
