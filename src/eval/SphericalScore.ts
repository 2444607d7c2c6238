import { neumaierAdd, neumaierMerge, neumaierSums, neumaierValue, type NeumaierSums } from '../core/math/index.js';
import { lostBits } from './lostBits.js';

/**
 * The spherical score p_y/‖p‖₂ (Good 1971; Gneiting & Raftery 2007, "Strictly proper scoring
 * rules, prediction, and estimation", JASA 102, §3.3 with α = 2): strictly proper and
 * positively oriented, 1 for a certain right answer, 0 when the true class gets 0. Unlike
 * the log-loss it stays bounded, so one row of p_y = 0 does not decide the mean.
 * ‖p‖₂² = Σ p_k² ≥ 1/K for probabilities summing to 1, so the plain sum of squares cannot
 * underflow.
 */
export interface SphericalSums {
  /** Σw·p_y/‖p‖₂. */
  score: NeumaierSums;
}

export function sphericalSums(): SphericalSums {
  return { score: neumaierSums(1) };
}

/** Adds a row of K class probabilities `p` with true class `label`. */
export function addSpherical(sums: SphericalSums, weight: number, p: Float64Array, classes: number, label: number): void {
  let squares = 0;
  for (let k = 0; k < classes; k++) squares += p[k] * p[k];
  neumaierAdd(sums.score, 0, (weight * p[label]) / Math.sqrt(squares));
}

/** addSpherical over rows 0 … rows − 1 of a batch, in order (row r's probabilities at p[r·classes …]): bit for bit the same sum. */
export function addSphericalBatch(sums: SphericalSums, weights: Float64Array, p: Float64Array, classes: number, labels: Int32Array, rows: number): void {
  let s = sums.score.sum[0];
  let c = sums.score.compensation[0];
  for (let r = 0; r < rows; r++) {
    const offset = r * classes;
    let squares = 0;
    for (let k = 0; k < classes; k++) squares += p[offset + k] * p[offset + k];
    const x = (weights[r] * p[offset + labels[r]]) / Math.sqrt(squares);
    const t = s + x;
    c += lostBits(s, x, t);
    s = t;
  }
  sums.score.sum[0] = s;
  sums.score.compensation[0] = c;
}

export function mergeSphericalSums(into: SphericalSums, from: SphericalSums): void {
  neumaierMerge(into.score, from.score);
}

/** The weighted mean spherical score; NaN when W is 0. */
export function sphericalScore(sums: SphericalSums, weightSum: number): number {
  return neumaierValue(sums.score, 0) / weightSum;
}
