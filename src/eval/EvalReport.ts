import type { InfoUnit } from '../core/info/unit.js';
import type { Binning, InputKind } from './EvalOptions.js';
import type { EqualMassFromStats } from './EqualMassFromStats.js';
import type { BootstrapIntervals } from './PoissonBootstrap.js';
import type { RiskCoverageCurve } from './RiskCoverage.js';
import type { SmoothReliability } from './SmoothReliability.js';

/** One calibration bin of the top-label confidence: lower < confidence ≤ upper. */
export interface CalibrationBin {
  lower: number;
  upper: number;
  /** Rows in the bin (unweighted). */
  count: number;
  /** Weighted mean confidence in the bin; NaN for an empty bin. */
  confidence: number;
  /** Weighted fraction of the bin's rows whose top label is right; NaN for an empty bin. */
  accuracy: number;
}

/** The Murphy (1973) decomposition brier = reliability − resolution + uncertainty (exact when the forecasts are constant within each bin). */
export interface BrierDecomposition {
  reliability: number;
  resolution: number;
  uncertainty: number;
}

export interface EvalReport {
  /** Rows evaluated. */
  n: number;
  /** Number of classes K (2 for a single column of probabilities). */
  classes: number;
  /** Class names from the predictions' header, when it had one. */
  classNames?: string[];
  input: InputKind;
  unit: InfoUnit;
  /** Σ weights (n without weights). */
  weightSum: number;
  /** Mean of −log p(true class), in `unit`. */
  logLoss: number;
  /** Standard error of that mean over rows, in `unit`. */
  logLossStdError: number;
  /** exp(log-loss in nats), the same in every unit. */
  perplexity: number;
  accuracy: number;
  /** Mean over rows of Σ_k (p_k − [k = y])²; with two classes (p_1 − [y = 1])², scikit-learn's brier_score_loss. */
  brier: number;
  brierDecomposition: BrierDecomposition;
  /** Mean of p_y/‖p‖₂, the spherical score (Gneiting & Raftery 2007): proper, higher is better, in [0, 1]. */
  sphericalScore: number;
  ece: number;
  mce: number;
  /**
   * Debiased L2 calibration error over the top-label bins (Kumar, Liang & Ma 2019):
   * √max(0, Σ_b (W_b/W)[(conf_b − acc_b)² − acc_b(1 − acc_b)/(n_b − 1)]), n_b the bin's
   * effective rows (Σw)²/Σw²; bins with n_b ≤ 1 or fewer than two rows add 0.
   */
  debiasedL2Ce: number;
  /**
   * Smooth ECE of the top label (Błasiok & Nakkiran 2023): ∫|kernel-smoothed residual × density|
   * with a reflected Gaussian kernel at the bandwidth σ* = smoothEce; computed on a grid of
   * 2^14 intervals of the confidence, within 0.121·(2^-14/σ*)² of the rows' value.
   */
  smoothEce: number;
  /** The bandwidth σ* of the smooth ECE (equal to it, or 4·2^-14 when that is larger). */
  smoothEceBandwidth: number;
  classwiseEce: number;
  /**
   * Area under the risk–coverage curve of selective prediction (Geifman & El-Yaniv 2017):
   * rows kept from the most confident down, risk the error rate of the kept rows, rows of
   * equal confidence kept together; accumulated per cell of a 2^14 grid of the confidence
   * (exact when a cell's confidences are equal, else within `aurcGridBound`).
   */
  aurc: number;
  /** AURC less the ideal ranking's r + (1 − r)·ln(1 − r) at the same error rate r. */
  eAurc: number;
  /** Σ_cells (W_c/W)·(W_c/C_c), C_c the weight of the cell and every cell above it: a bound on |aurc − the AURC of the rows' own confidences|. */
  aurcGridBound: number;
  /** The risk–coverage curve whose area is `aurc`, thinned to a few hundred points for drawing. */
  riskCoverage: RiskCoverageCurve;
  /**
   * The smoothed reliability diagram at σ* = smoothEceBandwidth (src/eval/SmoothReliability.ts):
   * ŷ(t) and the density δ̂(t) at t = k/256, with a bootstrap band when the sums have replicates.
   */
  smoothReliability: SmoothReliability;
  binning: Binning;
  bins: CalibrationBin[];
  /** Rows whose true-class probability was raised to `clip` in the log-loss. */
  clippedRows: number;
  /** The largest |Σp − 1| of a row as given: rows off by no more than their printed decimals allow are used as they are. */
  largestRowSumError: number;
  // Scale (EvalSumsScale.ts): present only for bootstrapped sums, or equal-mass bins from stats.
  /** Poisson bootstrap percentile intervals at `ci.level` (with --bootstrap). */
  ci?: BootstrapIntervals;
  /** How the equal-mass edges were found from stats (the KLL sketch or the fine grid) and their actual rank error. */
  equalMass?: EqualMassFromStats;
}
