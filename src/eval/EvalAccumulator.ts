import { neumaierAdd } from '../core/math/index.js';
import { uniformBinEdges } from './binEdges.js';
import { BatchProbabilities } from './BatchProbabilities.js';
import { addBrier, addBrierBatch } from './BrierScore.js';
import { ClasswiseBins } from './ClasswiseBins.js';
import { checkClassBins } from './evalLimits.js';
import type { ResolvedEvalOptions } from './EvalOptions.js';
import type { EvalReport } from './EvalReport.js';
import type { CellWhere } from '../formats/TableBatch.js';
import { evalReport, evalSums, type EvalSums } from './EvalSums.js';
import { addLogLoss, addLogLossBatch } from './LogLoss.js';
import { addRiskCoverage, addRiskCoverageBatch } from './RiskCoverage.js';
import { RowProbabilities } from './RowProbabilities.js';
import { addSmoothEce, addSmoothEceBatch } from './SmoothEce.js';
import { addSpherical, addSphericalBatch } from './SphericalScore.js';
import { TopLabelBins } from './TopLabelBins.js';
import { equalMassGridEdges, EQUAL_MASS_GRID } from './EvalSumsScale.js';
import { kllAdd, kllSketch } from './KllSketch.js';
import { lostBits } from './lostBits.js';
import { addBootstrapRow, bootstrapSums, type BootstrapRow } from './PoissonBootstrap.js';

export interface AccumulatorSetup {
  /** Prediction columns: K ≥ 2, or 1 for the probability (logit, log-probability) of class 1. */
  width: number;
  options: ResolvedEvalOptions;
  classNames?: string[];
  /** Edges of the top-label bins (M + 1 values); equal-width m/M by default. */
  topEdges?: Float64Array;
  /** Called with each row's top-label confidence (equal-mass binning finds its edges from them). */
  onConfidence?: (confidence: number) => void;
  /** Scale (EvalSumsScale.ts): Poisson bootstrap replicates, and sums for equal-mass bins formed later from stats. */
  scale?: AccumulatorScale;
}

export interface AccumulatorScale {
  /** Poisson bootstrap: replicates, seed, and the index of this accumulator's first row among all shards' rows. */
  bootstrap?: { replicates: number; seed: number; rowOffset: number };
  /** Keep the top-label sums on the fine grid with a KLL sketch of the confidences (equal-mass bins from stats), in one pass. */
  equalMassFromStats?: boolean;
}

/**
 * Streaming evaluation of predicted probabilities: rows go in one at a time (`addRow`) or a
 * batch at a time (`addBatch`), each read into probabilities (RowProbabilities) and handed
 * to the parts, which add it to the table of sums (EvalSums); `report()` computes the
 * figures from the sums. Memory is that table, O(classes × bins), whatever the number of
 * rows; every sum is compensated.
 *
 * `addBatch` gives the same table bit for bit as `addRow` over the same rows: each part
 * runs its own loop over the batch, and every slot of the table gets the same terms in the
 * same order, added by the same compensated step (only sums of different slots are
 * interleaved differently, which changes nothing). So how a file is cut into batches never
 * changes a figure.
 *
 * Per row, with weight w and true class y, the parts see:
 * - LogLoss: −log p_y (from the log-probabilities, so logits never pass through exp and log);
 * - TopLabelBins: the top label (the first argmax) and its probability, the confidence;
 * - ClasswiseBins: every class's probability, binned, against [k = y];
 * - BrierScore: Σ_k (p_k − [k = y])²;
 * - RiskCoverage: the confidence and whether the top label is right, for the AURC.
 */
export class EvalAccumulator {
  readonly classes: number;
  /** The table of sums so far. */
  readonly sums: EvalSums;
  private readonly row: RowProbabilities;
  private readonly logClip: number;
  private readonly topLabel: TopLabelBins;
  private readonly classwise: ClasswiseBins;
  private readonly onConfidence: ((c: number) => void) | undefined;
  private readonly rowOffset: number;
  private readonly bootstrapRow: BootstrapRow = { weight: 0, loss: 0, right: 0, brier: 0, spherical: 0, confidence: 0, bin: 0 };
  private readonly batch: BatchProbabilities;
  /** Per row of a batch: its top-label bin, and weight 1 for batches without weights. */
  private bins = new Int32Array(0);
  private ones = new Float64Array(0);

  constructor(setup: AccumulatorSetup) {
    const { width, options } = setup;
    // Before the row's buffers of K values, which a table past the limit must not allocate either.
    checkClassBins(Math.max(2, width), options.bins);
    this.row = new RowProbabilities(width, options.input, options.normalize);
    const K = this.row.classes;
    this.classes = K;
    const scale = setup.scale ?? {};
    const fineGrid = scale.equalMassFromStats === true;
    this.sums = evalSums(K, options, fineGrid ? equalMassGridEdges() : (setup.topEdges ?? uniformBinEdges(options.bins)), setup.classNames);
    this.topLabel = new TopLabelBins(this.sums.topLabel, !fineGrid && setup.topEdges === undefined);
    if (fineGrid) {
      this.sums.equalMassBins = options.bins;
      this.sums.quantileSketch = kllSketch();
    }
    if (scale.bootstrap !== undefined) this.sums.bootstrap = bootstrapSums(scale.bootstrap.replicates, scale.bootstrap.seed, fineGrid ? EQUAL_MASS_GRID : this.sums.topLabel.rows.length);
    this.rowOffset = scale.bootstrap?.rowOffset ?? 0;
    this.classwise = new ClasswiseBins(this.sums.classwise);
    this.logClip = options.clip === undefined ? -Infinity : Math.log(options.clip);
    this.onConfidence = setup.onConfidence;
    this.batch = new BatchProbabilities(this.row, width, options.input, options.normalize);
  }

  /**
   * Adds rows 0 … rows − 1 of a batch: row r's predictions are `values[r·width …]`, its true
   * class `labels[r]` (already checked to be in range), its weight `weights[r]` ≥ 0 (1 for
   * every row when `weights` is undefined). `where(r)` locates row r for errors. Every row
   * is checked before any is added, so a batch with a bad row adds nothing.
   */
  addBatch(values: Float64Array, rows: number, labels: Int32Array, weights: Float64Array | undefined, where: (row: number) => CellWhere): void {
    if (rows === 0) return;
    const batch = this.batch;
    batch.read(values, rows, labels, where);
    if (rows > this.bins.length) {
      const n = Math.max(rows, 2 * this.bins.length);
      this.bins = new Int32Array(n);
      this.ones = new Float64Array(n).fill(1);
    }
    const w = weights ?? this.ones;
    const sums = this.sums;
    const K = this.classes;
    const firstRow = sums.rows;
    sums.rows += rows;
    if (batch.largestSumError > sums.largestRowSumError) sums.largestRowSumError = batch.largestSumError;
    addWeights(sums.weight.sum, sums.weight.compensation, w, rows);
    addLogLossBatch(sums.logLoss, w, batch.logProbability, rows, this.logClip);
    const { p, confidence, right } = batch;
    if (this.onConfidence !== undefined) for (let r = 0; r < rows; r++) this.onConfidence(confidence[r]);
    this.topLabel.addBatch(w, confidence, right, rows, this.bins);
    addSmoothEceBatch(sums.smooth, w, confidence, right, rows);
    this.classwise.addBatch(w, p, labels, rows);
    addBrierBatch(sums.brier, w, p, K, labels, rows);
    addSphericalBatch(sums.spherical, w, p, K, labels, rows);
    addRiskCoverageBatch(sums.riskCoverage, w, confidence, right, rows);
    // Scale (EvalSumsScale.ts).
    if (sums.quantileSketch !== undefined) for (let r = 0; r < rows; r++) kllAdd(sums.quantileSketch, confidence[r]);
    if (sums.bootstrap !== undefined) {
      for (let r = 0; r < rows; r++) this.addBootstrap(firstRow + r, w[r], batch.logProbability[r], labels[r], confidence[r], right[r], this.bins[r], p, r * K);
    }
  }

  /**
   * Adds one row: `values[offset … offset + width)` are its predictions, `label` its true
   * class (already checked to be in range), `weight` ≥ 0. `where` locates the row for errors.
   */
  addRow(values: ArrayLike<number>, offset: number, label: number, weight: number, where: () => CellWhere): void {
    const logProbability = this.row.read(values, offset, label, where);
    const p = this.row.p;
    const K = this.classes;
    const sums = this.sums;
    const rowIndex = sums.rows;
    sums.rows++;
    if (this.row.largestSumError > sums.largestRowSumError) sums.largestRowSumError = this.row.largestSumError;
    neumaierAdd(sums.weight, 0, weight);
    addLogLoss(sums.logLoss, weight, logProbability, this.logClip);
    let top = 0;
    for (let k = 1; k < K; k++) if (p[k] > p[top]) top = k;
    const confidence = p[top];
    this.onConfidence?.(confidence);
    const bin = this.topLabel.add(weight, confidence, top === label ? 1 : 0);
    addSmoothEce(sums.smooth, weight, confidence, top === label ? 1 : 0);
    this.classwise.add(weight, p, label);
    addBrier(sums.brier, weight, p, K, label);
    addSpherical(sums.spherical, weight, p, K, label);
    addRiskCoverage(sums.riskCoverage, weight, confidence, top === label ? 1 : 0);
    // Scale (EvalSumsScale.ts).
    if (sums.quantileSketch !== undefined) kllAdd(sums.quantileSketch, confidence);
    if (sums.bootstrap !== undefined) this.addBootstrap(rowIndex, weight, logProbability, label, confidence, top === label ? 1 : 0, bin, p, 0);
  }

  /** The row's figures, as the parts above summed them, for every bootstrap replicate. */
  private addBootstrap(rowIndex: number, weight: number, logProbability: number, label: number, confidence: number, right: number, bin: number, p: Float64Array, offset: number): void {
    const K = this.classes;
    let squaredError = 0;
    let squares = 0;
    if (K === 2) squaredError = (p[offset + 1] - (label === 1 ? 1 : 0)) ** 2;
    for (let k = 0; k < K; k++) {
      if (K !== 2) squaredError += (p[offset + k] - (k === label ? 1 : 0)) ** 2;
      squares += p[offset + k] * p[offset + k];
    }
    const row = this.bootstrapRow;
    row.weight = weight;
    row.loss = -Math.max(logProbability, this.logClip);
    row.right = right;
    row.brier = squaredError;
    row.spherical = p[offset + label] / Math.sqrt(squares);
    row.confidence = confidence;
    row.bin = bin;
    addBootstrapRow(this.sums.bootstrap!, this.rowOffset + rowIndex, row);
  }

  report(ciLevel?: number): EvalReport {
    return evalReport(this.sums, ciLevel);
  }
}

/** Σw of a batch into the compensated slot (sum, compensation)[0], kept in locals through the loop: bit for bit neumaierAdd row by row. */
function addWeights(sum: Float64Array, compensation: Float64Array, weights: Float64Array, rows: number): void {
  let s = sum[0];
  let c = compensation[0];
  for (let r = 0; r < rows; r++) {
    const x = weights[r];
    const t = s + x;
    c += lostBits(s, x, t);
    s = t;
  }
  sum[0] = s;
  compensation[0] = c;
}
