import { neumaierAdd, neumaierMerge, neumaierSums, neumaierValue, type NeumaierSums } from '../core/math/index.js';
import type { ClasswiseSums } from './ClasswiseBins.js';
import { lostBits } from './lostBits.js';
import type { BrierDecomposition } from './EvalReport.js';

/**
 * The Brier score (Brier 1950, "Verification of forecasts expressed in terms of probability",
 * Monthly Weather Review 78) is summed row by row; its Murphy decomposition is read from the
 * class-wise bins, so this part adds a single sum of its own.
 */
export interface BrierSums {
  /** Σw·Σ_k (p_k − y_k)², or Σw·(p_1 − y_1)² with two classes. */
  squaredError: NeumaierSums;
}

export function brierSums(): BrierSums {
  return { squaredError: neumaierSums(1) };
}

/**
 * Adds a row of K class probabilities `p` with true class `label`. With two classes the
 * score is that of class 1 alone (scikit-learn's brier_score_loss), half the sum over both.
 */
export function addBrier(sums: BrierSums, weight: number, p: Float64Array, classes: number, label: number): void {
  let squaredError: number;
  if (classes === 2) {
    const d = p[1] - (label === 1 ? 1 : 0);
    squaredError = d * d;
  } else {
    squaredError = 0;
    for (let k = 0; k < classes; k++) {
      const d = p[k] - (k === label ? 1 : 0);
      squaredError += d * d;
    }
  }
  neumaierAdd(sums.squaredError, 0, weight * squaredError);
}

/** addBrier over rows 0 … rows − 1 of a batch, in order (row r's probabilities at p[r·classes …]): bit for bit the same sum. */
export function addBrierBatch(sums: BrierSums, weights: Float64Array, p: Float64Array, classes: number, labels: Int32Array, rows: number): void {
  let s = sums.squaredError.sum[0];
  let c = sums.squaredError.compensation[0];
  for (let r = 0; r < rows; r++) {
    const offset = r * classes;
    const label = labels[r];
    let squaredError: number;
    if (classes === 2) {
      const d = p[offset + 1] - (label === 1 ? 1 : 0);
      squaredError = d * d;
    } else {
      squaredError = 0;
      for (let k = 0; k < classes; k++) {
        const d = p[offset + k] - (k === label ? 1 : 0);
        squaredError += d * d;
      }
    }
    const x = weights[r] * squaredError;
    const t = s + x;
    c += lostBits(s, x, t);
    s = t;
  }
  sums.squaredError.sum[0] = s;
  sums.squaredError.compensation[0] = c;
}

export function mergeBrierSums(into: BrierSums, from: BrierSums): void {
  neumaierMerge(into.squaredError, from.squaredError);
}

export interface BrierFigures {
  brier: number;
  brierDecomposition: BrierDecomposition;
}

/**
 * The Brier score and its decomposition brier ≈ reliability − resolution + uncertainty.
 *
 * One class (drop k): rows i of weight w_i, forecast p_i, outcome y_i ∈ {0, 1}, grouped in
 * bins b of p with W_b = Σ_{i∈b} w_i, p̄_b = Σ_{i∈b} w_i p_i / W_b, ō_b = Σ_{i∈b} w_i y_i / W_b,
 * and ō = Σ_i w_i y_i / W.
 * In bin b, p_i − y_i = (p̄_b − ō_b) + (ō_b − y_i) + (p_i − p̄_b). When the forecast is
 * constant in the bin the last term is 0, and
 *   Σ_{i∈b} w_i(p_i − y_i)² = W_b(p̄_b − ō_b)² + 2(p̄_b − ō_b)·Σ_{i∈b} w_i(ō_b − y_i) + Σ_{i∈b} w_i(ō_b − y_i)²,
 * whose middle term is 0 by the definition of ō_b, and whose last is W_b ō_b(1 − ō_b)
 * because y² = y. The variance of y splits into within and between bins,
 * Σ_b W_b ō_b(1 − ō_b) = W ō(1 − ō) − Σ_b W_b(ō_b − ō)², so dividing by W,
 *   brier = Σ_b W_b(p̄_b − ō_b)²/W − Σ_b W_b(ō_b − ō)²/W + ō(1 − ō)
 *         = reliability − resolution + uncertainty
 * (Murphy 1973, "A new vector partition of the probability score", J. Appl. Meteor. 12).
 * When p varies within bins, the identity gains (1/W)Σ_b Σ_{i∈b} w_i[(p_i − p̄_b)² − 2(p_i − p̄_b)(y_i − ō_b)],
 * the within-bin variance of the forecast less twice its within-bin covariance with the
 * outcome (Stephenson, Coelho and Jolliffe 2008, "Two extra components in the Brier score
 * decomposition", Weather and Forecasting 23); it vanishes as bins narrow.
 *
 * K classes: the Brier score is the sum over classes of each class's binary score, so the
 * terms are summed over classes, each class binned by its own probability p_k: Murphy's
 * scalar partition of the N-state score (Murphy 1972, "Scalar and vector partitions of the
 * probability score: Part II. N-state situation", J. Appl. Meteor. 11). With two classes
 * only class 1 counts, as in the score. In the sums, W_b(p̄_b − ō_b)² = (Σ_{i∈b} w_i y_i − Σ_{i∈b} w_i p_i)² / W_b.
 */
export function brierFigures(sums: BrierSums, classwise: ClasswiseSums, weightSum: number): BrierFigures {
  const { classes: K, bins: M } = classwise;
  const W = weightSum;
  let reliability = 0;
  let resolution = 0;
  let uncertainty = 0;
  for (let k = K === 2 ? 1 : 0; k < K; k++) {
    let outcomes = 0;
    for (let b = 0; b < M; b++) outcomes += neumaierValue(classwise.outcome, k * M + b);
    const base = outcomes / W;
    for (let b = 0; b < M; b++) {
      const cell = k * M + b;
      const wb = neumaierValue(classwise.weight, cell);
      if (!(wb > 0)) continue;
      const yb = neumaierValue(classwise.outcome, cell);
      const gap = yb - neumaierValue(classwise.probability, cell);
      reliability += (gap * gap) / wb / W;
      const d = yb / wb - base;
      resolution += (wb * d * d) / W;
    }
    uncertainty += base * (1 - base);
  }
  return { brier: neumaierValue(sums.squaredError, 0) / W, brierDecomposition: { reliability, resolution, uncertainty } };
}
