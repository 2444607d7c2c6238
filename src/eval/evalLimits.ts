import { XentError } from '../core/XentError.js';
import { RISK_COVERAGE_GRID } from './RiskCoverage.js';
import { SMOOTH_ECE_GRID } from './SmoothEce.js';

/**
 * Every limit of evaluation, in one place. Memory is bounded whatever the number of rows:
 * what grows is the table of sums (src/eval/EvalSums.ts), whose size these limits cap.
 */

/** Largest number of calibration bins M: more than this describes noise, not calibration. */
export const MAX_BINS = 100000;

/** Largest number of equal-mass bins: each unresolved edge may hold a 256 KB histogram during a pass (ConfidenceQuantiles). */
export const MAX_QUANTILE_BINS = 256;

/** Confidences a pass of equal-mass binning may keep to finish edges by sorting (8 MB), rather than one more histogram pass. */
export const QUANTILE_COLLECT_LIMIT = 1 << 20;

/**
 * Largest classes × bins: the class-wise bins hold three compensated sums (48 bytes) per
 * class and bin, so this many take 192 MiB. It also caps the classes, at 4,194,304 with
 * one bin; at 16 bins a language model's vocabulary of 256,000 tokens still fits.
 */
export const MAX_CLASS_BINS = 1 << 22;

/** Bytes of the table of sums for `classes` classes and `bins` bins (the per-row buffers of K values are not counted). */
export function evalSumsBytes(classes: number, bins: number): number {
  const classBins = 3 * 2 * classes * bins;
  // Top-label bins: M + 1 edges, M row counts, five compensated sums per bin.
  const topBins = bins + 1 + bins + 5 * 2 * bins;
  // Totals: Σw, the log-loss moments, Σw·[right], Σw·Brier, Σw·spherical, all compensated.
  const totals = 2 * (1 + 6 + 1 + 1 + 1);
  // The smooth ECE's residuals on 2^14 + 1 nodes, compensated (256 KiB).
  const smooth = 2 * (SMOOTH_ECE_GRID + 1);
  // The AURC's weight and errors per cell of the same grid, compensated, and each cell's least and greatest confidence (768 KiB).
  const riskCoverage = 6 * (RISK_COVERAGE_GRID + 1);
  return 8 * (classBins + topBins + totals + smooth + riskCoverage);
}

/** Throws, before anything is allocated, when the class-wise bins of `classes` × `bins` would pass MAX_CLASS_BINS. */
export function checkClassBins(classes: number, bins: number): void {
  const cells = classes * bins;
  // Written so that NaN passes: an invalid count is the caller's error to name.
  if (!(cells > MAX_CLASS_BINS)) return;
  const mib = Math.round(evalSumsBytes(classes, bins) / 2 ** 20);
  throw new XentError(
    `${classes} classes × ${bins} bins make ${cells} class-wise bins (${mib} MiB of sums), more than the ${MAX_CLASS_BINS} allowed; use fewer bins`,
    { field: 'bins' },
  );
}
