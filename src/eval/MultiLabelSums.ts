import { XentError } from '../core/XentError.js';
import { natsTo, type InfoUnit } from '../core/info/unit.js';
import { neumaierAdd, neumaierMerge, neumaierSums, neumaierValue, type NeumaierSums } from '../core/math/index.js';
import { uniformBinEdges, uniformBinOf } from './binEdges.js';
import { checkClassBins } from './evalLimits.js';
import type { InputKind, ResolvedEvalOptions } from './EvalOptions.js';
import { RowProbabilities } from './RowProbabilities.js';
import type { CellWhere } from '../formats/TableBatch.js';

/**
 * Multi-label predictions: L labels, each its own yes/no question, so each column of a row
 * is one binary probability p (or logit, or log-probability) and each label column a 0/1
 * answer y. Every figure is that of a binary classifier, per label:
 * - log-loss: the binary cross-entropy −[y·log p + (1 − y)·log(1 − p)] (scikit-learn's
 *   `log_loss` of the column), from the log domain where the input is in it;
 * - Brier: (p − y)² (scikit-learn's `brier_score_loss`);
 * - ECE: over M equal-width bins of p, (m−1)/M < p ≤ m/M, Σ_b (W_b/W)·|mean y − mean p|, the
 *   calibration curve's gap (scikit-learn's `calibration_curve` bins the same way but closes
 *   its bins on the left: the two differ only for a p exactly on an inner edge);
 * - accuracy at 0.5: [p > 0.5] = y, the top label of (1 − p, p) as `xent eval` reads one column.
 * `macro` is the plain mean of the L per-label figures; `micro` pools the N·L answers as
 * one binary problem (its accuracy is 1 − the Hamming loss).
 *
 * The sums, like EvalSums, are sized by labels × bins and never by rows, and merge.
 */
export interface MultiLabelSums {
  labels: number;
  bins: number;
  input: InputKind;
  unit: InfoUnit;
  labelNames?: string[];
  rows: number;
  /** Σw over rows. */
  weight: NeumaierSums;
  /** Per label: Σw·loss (nats), Σw·(p − y)², Σw·[right at 0.5], Σw·y. */
  loss: NeumaierSums;
  squaredError: NeumaierSums;
  right: NeumaierSums;
  positives: NeumaierSums;
  /** Rows of positive weight whose loss is infinite (p = 0 on the answer), per label. */
  infinite: Float64Array;
  /** Cells whose answer's probability was raised to the clip. */
  clippedCells: number;
  /** Per label and bin, cell l·M + b: Σw, Σw·p, Σw·y. */
  binWeight: NeumaierSums;
  binProbability: NeumaierSums;
  binOutcome: NeumaierSums;
}

export interface MultiLabelFigures {
  logLoss: number;
  brier: number;
  ece: number;
  accuracy: number;
}

export interface PerLabelFigures extends MultiLabelFigures {
  /** 0-based column of the label. */
  label: number;
  /** Its name, from the predictions' header. */
  name?: string;
  /** Σw·y: the weight of the rows where the label holds. */
  positives: number;
}

export interface MultiLabelReport {
  n: number;
  labels: number;
  labelNames?: string[];
  input: InputKind;
  unit: InfoUnit;
  weightSum: number;
  bins: number;
  perLabel: PerLabelFigures[];
  macro: MultiLabelFigures;
  micro: MultiLabelFigures;
  clippedCells: number;
}

/** Empty sums for `labels` labels and `options.bins` bins; throws before allocating past MAX_CLASS_BINS. */
export function multiLabelSums(labels: number, options: ResolvedEvalOptions, labelNames?: string[]): MultiLabelSums {
  checkClassBins(labels, options.bins);
  const cells = labels * options.bins;
  const sums: MultiLabelSums = {
    labels,
    bins: options.bins,
    input: options.input,
    unit: options.unit,
    rows: 0,
    weight: neumaierSums(1),
    loss: neumaierSums(labels),
    squaredError: neumaierSums(labels),
    right: neumaierSums(labels),
    positives: neumaierSums(labels),
    infinite: new Float64Array(labels),
    clippedCells: 0,
    binWeight: neumaierSums(cells),
    binProbability: neumaierSums(cells),
    binOutcome: neumaierSums(cells),
  };
  if (labelNames !== undefined) sums.labelNames = labelNames;
  return sums;
}

/** Adds rows to MultiLabelSums, checking each prediction and each 0/1 answer. */
export class MultiLabelAccumulator {
  readonly sums: MultiLabelSums;
  private readonly cell: RowProbabilities;
  private readonly edges: Float64Array;
  private readonly logClip: number;

  constructor(labels: number, options: ResolvedEvalOptions, labelNames?: string[]) {
    this.sums = multiLabelSums(labels, options, labelNames);
    // One column of RowProbabilities is exactly one binary prediction, with its checks.
    this.cell = new RowProbabilities(1, options.input, false);
    this.edges = uniformBinEdges(options.bins);
    this.logClip = options.clip === undefined ? -Infinity : Math.log(options.clip);
  }

  /**
   * Adds one row: `pred[predOffset …)` and `answers[answerOffset …)` hold its L predictions
   * and 0/1 answers; `whereAnswer(l)` locates answer l for errors, `wherePred` the row.
   */
  addRow(pred: ArrayLike<number>, predOffset: number, answers: ArrayLike<number>, answerOffset: number, weight: number, wherePred: () => CellWhere, whereAnswer: (label: number) => CellWhere): void {
    const s = this.sums;
    const L = s.labels;
    const M = s.bins;
    const p = this.cell.p;
    s.rows++;
    neumaierAdd(s.weight, 0, weight);
    for (let l = 0; l < L; l++) {
      const y = answers[answerOffset + l];
      if (y !== 0 && y !== 1) {
        const w = whereAnswer(l);
        throw new XentError(`label ${y} is not 0 or 1`, { field: w.field, index: w.index });
      }
      let logProbability = this.cell.read(pred, predOffset + l, y, wherePred);
      if (logProbability < this.logClip) {
        logProbability = this.logClip;
        s.clippedCells++;
      }
      const p1 = p[1];
      if (weight === 0) continue;
      if (logProbability === -Infinity) s.infinite[l]++;
      else neumaierAdd(s.loss, l, -weight * logProbability);
      const d = p1 - y;
      neumaierAdd(s.squaredError, l, weight * d * d);
      if ((p1 > 0.5 ? 1 : 0) === y) neumaierAdd(s.right, l, weight);
      if (y === 1) neumaierAdd(s.positives, l, weight);
      const cell = l * M + uniformBinOf(this.edges, M, p1);
      neumaierAdd(s.binWeight, cell, weight);
      neumaierAdd(s.binProbability, cell, weight * p1);
      if (y === 1) neumaierAdd(s.binOutcome, cell, weight);
    }
  }
}

/** Adds `from`'s sums into `into` (the same labels, bins and settings). */
export function mergeMultiLabelSums(into: MultiLabelSums, from: MultiLabelSums): void {
  if (into.labels !== from.labels || into.bins !== from.bins || into.input !== from.input || into.unit !== from.unit || String(into.labelNames) !== String(from.labelNames)) {
    throw new XentError('cannot merge sums of multi-label evaluations with different labels or options', { field: 'sums' });
  }
  into.rows += from.rows;
  into.clippedCells += from.clippedCells;
  for (let l = 0; l < into.labels; l++) into.infinite[l] += from.infinite[l];
  for (const key of ['weight', 'loss', 'squaredError', 'right', 'positives', 'binWeight', 'binProbability', 'binOutcome'] as const) neumaierMerge(into[key], from[key]);
}

/** Every figure, from the sums alone; NaN where the weights sum to 0. */
export function multiLabelReport(sums: MultiLabelSums): MultiLabelReport {
  const { labels: L, bins: M } = sums;
  const W = neumaierValue(sums.weight, 0);
  const toUnit = natsTo(sums.unit);
  const perLabel: PerLabelFigures[] = [];
  let microLoss = 0;
  let microInfinite = 0;
  let microSquared = 0;
  let microRight = 0;
  const pooled = { weight: new Float64Array(M), probability: new Float64Array(M), outcome: new Float64Array(M) };
  for (let l = 0; l < L; l++) {
    const loss = neumaierValue(sums.loss, l);
    const squared = neumaierValue(sums.squaredError, l);
    const right = neumaierValue(sums.right, l);
    microLoss += loss;
    microInfinite += sums.infinite[l];
    microSquared += squared;
    microRight += right;
    let gaps = 0;
    for (let b = 0; b < M; b++) {
      const cell = l * M + b;
      const w = neumaierValue(sums.binWeight, cell);
      const wp = neumaierValue(sums.binProbability, cell);
      const wy = neumaierValue(sums.binOutcome, cell);
      pooled.weight[b] += w;
      pooled.probability[b] += wp;
      pooled.outcome[b] += wy;
      // W_b/W·|Σwy/W_b − Σwp/W_b| = |Σwy − Σwp|/W.
      if (w > 0) gaps += Math.abs(wy - wp);
    }
    const figures: PerLabelFigures = {
      label: l,
      positives: neumaierValue(sums.positives, l),
      logLoss: sums.infinite[l] > 0 ? Infinity : (loss / W) * toUnit,
      brier: squared / W,
      ece: gaps / W,
      accuracy: right / W,
    };
    if (sums.labelNames !== undefined) figures.name = sums.labelNames[l];
    perLabel.push(figures);
  }
  let pooledGaps = 0;
  for (let b = 0; b < M; b++) if (pooled.weight[b] > 0) pooledGaps += Math.abs(pooled.outcome[b] - pooled.probability[b]);
  const mean = (key: keyof MultiLabelFigures) => perLabel.reduce((total, f) => total + f[key], 0) / L;
  const report: MultiLabelReport = {
    n: sums.rows,
    labels: L,
    input: sums.input,
    unit: sums.unit,
    weightSum: W,
    bins: M,
    perLabel,
    macro: { logLoss: mean('logLoss'), brier: mean('brier'), ece: mean('ece'), accuracy: mean('accuracy') },
    micro: {
      logLoss: microInfinite > 0 ? Infinity : (microLoss / (L * W)) * toUnit,
      brier: microSquared / (L * W),
      ece: pooledGaps / (L * W),
      accuracy: microRight / (L * W),
    },
    clippedCells: sums.clippedCells,
  };
  if (sums.labelNames !== undefined) report.labelNames = sums.labelNames;
  return report;
}
