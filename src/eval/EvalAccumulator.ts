import { neumaierAdd } from '../core/math/index.js';
import { uniformBinEdges } from './binEdges.js';
import { addBrier } from './BrierScore.js';
import { ClasswiseBins } from './ClasswiseBins.js';
import { checkClassBins } from './evalLimits.js';
import type { ResolvedEvalOptions } from './EvalOptions.js';
import type { EvalReport } from './EvalReport.js';
import type { CellWhere } from '../formats/TableBatch.js';
import { evalReport, evalSums, type EvalSums } from './EvalSums.js';
import { addLogLoss } from './LogLoss.js';
import { RowProbabilities } from './RowProbabilities.js';
import { addSmoothEce } from './SmoothEce.js';
import { addSpherical } from './SphericalScore.js';
import { TopLabelBins } from './TopLabelBins.js';
import { equalMassGridEdges, EQUAL_MASS_GRID } from './EvalSumsScale.js';
import { kllAdd, kllSketch } from './KllSketch.js';
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
 * Streaming evaluation of predicted probabilities: rows go in one at a time, each read
 * into probabilities (RowProbabilities) and handed to the parts, which add it to the
 * table of sums (EvalSums); `report()` computes the figures from the sums. Memory is that
 * table, O(classes × bins), whatever the number of rows; every sum is compensated.
 *
 * Per row, with weight w and true class y, the parts see:
 * - LogLoss: −log p_y (from the log-probabilities, so logits never pass through exp and log);
 * - TopLabelBins: the top label (the first argmax) and its probability, the confidence;
 * - ClasswiseBins: every class's probability, binned, against [k = y];
 * - BrierScore: Σ_k (p_k − [k = y])².
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
    // Scale (EvalSumsScale.ts).
    if (sums.quantileSketch !== undefined) kllAdd(sums.quantileSketch, confidence);
    if (sums.bootstrap !== undefined) this.addBootstrap(rowIndex, weight, logProbability, label, confidence, top === label ? 1 : 0, bin);
  }

  /** The row's figures, as the parts above summed them, for every bootstrap replicate. */
  private addBootstrap(rowIndex: number, weight: number, logProbability: number, label: number, confidence: number, right: number, bin: number): void {
    const p = this.row.p;
    const K = this.classes;
    let squaredError = 0;
    let squares = 0;
    if (K === 2) squaredError = (p[1] - (label === 1 ? 1 : 0)) ** 2;
    for (let k = 0; k < K; k++) {
      if (K !== 2) squaredError += (p[k] - (k === label ? 1 : 0)) ** 2;
      squares += p[k] * p[k];
    }
    const row = this.bootstrapRow;
    row.weight = weight;
    row.loss = -Math.max(logProbability, this.logClip);
    row.right = right;
    row.brier = squaredError;
    row.spherical = p[label] / Math.sqrt(squares);
    row.confidence = confidence;
    row.bin = bin;
    addBootstrapRow(this.sums.bootstrap!, this.rowOffset + rowIndex, row);
  }

  report(ciLevel?: number): EvalReport {
    return evalReport(this.sums, ciLevel);
  }
}
