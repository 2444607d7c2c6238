import { XentError } from '../core/XentError.js';
import type { InfoUnit } from '../core/info/unit.js';
import { neumaierMerge, neumaierSums, neumaierValue, type NeumaierSums } from '../core/math/index.js';
import { brierFigures, brierSums, mergeBrierSums, type BrierSums } from './BrierScore.js';
import { classwiseEce, classwiseMergeProblem, classwiseSums, mergeClasswiseSums, type ClasswiseSums } from './ClasswiseBins.js';
import type { Binning, InputKind, ResolvedEvalOptions } from './EvalOptions.js';
import type { EvalReport } from './EvalReport.js';
import { logLossFigures, logLossSums, mergeLogLossSums, type LogLossSums } from './LogLoss.js';
import { mergeSmoothEceSums, smoothEceFigures, smoothEceSums, type SmoothEceSums } from './SmoothEce.js';
import { mergeRiskCoverageSums, riskCoverageCurve, riskCoverageFigures, riskCoverageSums, type RiskCoverageSums } from './RiskCoverage.js';
import { smoothReliability, smoothReliabilityBand } from './SmoothReliability.js';
import { bandReplicates } from './PoissonBootstrap.js';
import { mergeSphericalSums, sphericalScore, sphericalSums, type SphericalSums } from './SphericalScore.js';
import { mergeTopLabelSums, topLabelFigures, topLabelMergeProblem, topLabelSums, type TopLabelSums } from './TopLabelBins.js';
import { mergeScale, reportIntervals, reportTopLabel, scaleMergeProblem, type EvalSumsScale } from './EvalSumsScale.js';

/**
 * Everything an evaluation keeps: a small table of sums, from which `evalReport` computes
 * every figure. Its size depends on the classes and bins, never on the rows; it holds only
 * numbers and Float64Arrays, so it can be copied or written out, and the sums of shards of
 * the rows merge (`mergeEvalSums`) into the sums of all of them.
 *
 * Each entry is a weighted sum over rows, grouped by bin or by class and bin, so a GROUP BY
 * query can produce the same table. Since every part takes the row's weight, a Poisson
 * bootstrap is more tables fed the same rows with weights w·Poisson(1), and a finer grid
 * (for a smooth ECE) is one more TopLabelSums over finer edges.
 */
export interface EvalSums extends EvalSumsScale {
  /** What the report says about its input; sums merge only with sums of the same settings. */
  settings: EvalSettings;
  /** Rows read, whatever their weight. */
  rows: number;
  /** The largest |Σp − 1| of a row as given (merged by taking the larger). */
  largestRowSumError: number;
  /** Σw over all rows: every mean's denominator. */
  weight: NeumaierSums;
  logLoss: LogLossSums;
  topLabel: TopLabelSums;
  classwise: ClasswiseSums;
  brier: BrierSums;
  /** Top-label residuals on a fine grid of the confidence, for the smooth ECE. */
  smooth: SmoothEceSums;
  spherical: SphericalSums;
  /** Weight and errors per cell of the confidence, for the AURC. */
  riskCoverage: RiskCoverageSums;
}

export interface EvalSettings {
  classes: number;
  input: InputKind;
  unit: InfoUnit;
  binning: Binning;
  classNames?: string[];
}

/**
 * Empty sums for `classes` classes, `options.bins` equal-width class-wise bins and the
 * top-label bins of `topEdges`. Throws before allocating when the class-wise bins would
 * pass MAX_CLASS_BINS.
 */
export function evalSums(classes: number, options: ResolvedEvalOptions, topEdges: Float64Array, classNames?: string[]): EvalSums {
  const classwise = classwiseSums(classes, options.bins);
  const settings: EvalSettings = { classes, input: options.input, unit: options.unit, binning: options.binning };
  if (classNames !== undefined) settings.classNames = classNames;
  return { settings, rows: 0, largestRowSumError: 0, weight: neumaierSums(1), logLoss: logLossSums(), topLabel: topLabelSums(topEdges), classwise, brier: brierSums(), smooth: smoothEceSums(), spherical: sphericalSums(), riskCoverage: riskCoverageSums() };
}

/**
 * Adds `from`'s sums into `into`: the result is the sums of both sets of rows, as one pass
 * over them would give (to a rounding or two). Sums of other settings or bins are refused
 * before anything changes.
 */
export function mergeEvalSums(into: EvalSums, from: EvalSums): void {
  const a = into.settings;
  const b = from.settings;
  if (a.classes !== b.classes || a.input !== b.input || a.unit !== b.unit || a.binning !== b.binning || String(a.classNames) !== String(b.classNames)) {
    throw new XentError('cannot merge sums of evaluations with different classes or options', { field: 'sums' });
  }
  const problem = classwiseMergeProblem(into.classwise, from.classwise) ?? topLabelMergeProblem(into.topLabel, from.topLabel);
  if (problem !== undefined) throw new XentError(problem, { field: 'bins' });
  // Scale: bootstrap replicates and equal-mass bins from stats (EvalSumsScale.ts).
  const scaleProblem = scaleMergeProblem(into, from);
  if (scaleProblem !== undefined) throw new XentError(scaleProblem, { field: 'sums' });
  mergeScale(into, from);
  into.rows += from.rows;
  into.largestRowSumError = Math.max(into.largestRowSumError, from.largestRowSumError);
  neumaierMerge(into.weight, from.weight);
  mergeLogLossSums(into.logLoss, from.logLoss);
  mergeTopLabelSums(into.topLabel, from.topLabel);
  mergeClasswiseSums(into.classwise, from.classwise);
  mergeBrierSums(into.brier, from.brier);
  mergeSmoothEceSums(into.smooth, from.smooth);
  mergeSphericalSums(into.spherical, from.spherical);
  mergeRiskCoverageSums(into.riskCoverage, from.riskCoverage);
}

/** Every figure of the report, from the sums alone; `ciLevel` is the bootstrap intervals' level, when the sums have replicates. */
export function evalReport(sums: EvalSums, ciLevel = 0.95): EvalReport {
  const { settings } = sums;
  const W = neumaierValue(sums.weight, 0);
  const logLoss = logLossFigures(sums.logLoss, W, settings.unit);
  // Scale: equal-mass bins formed from a fine grid, for sums from stats (EvalSumsScale.ts).
  const scaled = reportTopLabel(sums);
  const topLabel = topLabelFigures(scaled.topLabel, W);
  const brier = brierFigures(sums.brier, sums.classwise, W);
  const smooth = smoothEceFigures(sums.smooth, W);
  const riskCoverage = riskCoverageFigures(sums.riskCoverage);
  const report: EvalReport = {
    n: sums.rows,
    classes: settings.classes,
    input: settings.input,
    unit: settings.unit,
    weightSum: W,
    logLoss: logLoss.logLoss,
    logLossStdError: logLoss.logLossStdError,
    perplexity: logLoss.perplexity,
    accuracy: topLabel.accuracy,
    brier: brier.brier,
    sphericalScore: sphericalScore(sums.spherical, W),
    brierDecomposition: brier.brierDecomposition,
    ece: topLabel.ece,
    mce: topLabel.mce,
    debiasedL2Ce: topLabel.debiasedL2Ce,
    smoothEce: smooth.smoothEce,
    smoothEceBandwidth: smooth.smoothEceBandwidth,
    classwiseEce: classwiseEce(sums.classwise, W),
    aurc: riskCoverage.aurc,
    eAurc: riskCoverage.eAurc,
    aurcGridBound: riskCoverage.aurcGridBound,
    riskCoverage: riskCoverageCurve(sums.riskCoverage),
    smoothReliability: smoothReliability(sums.riskCoverage, smooth.smoothEceBandwidth),
    binning: settings.binning,
    bins: topLabel.bins,
    clippedRows: logLoss.clippedRows,
    largestRowSumError: sums.largestRowSumError,
  };
  if (settings.classNames !== undefined) report.classNames = settings.classNames;
  // Scale: how equal-mass edges were found from stats, and the bootstrap's intervals.
  if (scaled.equalMass !== undefined) report.equalMass = scaled.equalMass;
  const ci = reportIntervals(sums, ciLevel, scaled.cellBins);
  if (ci !== undefined) report.ci = ci;
  if (sums.bootstrap !== undefined && Number.isFinite(smooth.smoothEceBandwidth)) {
    report.smoothReliability.band = smoothReliabilityBand(sums.bootstrap.reliability, bandReplicates(sums.bootstrap), smooth.smoothEceBandwidth, ciLevel);
  }
  return report;
}
