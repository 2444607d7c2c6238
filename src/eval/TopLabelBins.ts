import { XentError } from '../core/XentError.js';
import { neumaierAdd, neumaierMerge, neumaierSums, neumaierValue, type NeumaierSums } from '../core/math/index.js';
import { binOf, uniformBinOf } from './binEdges.js';
import { lostBits } from './lostBits.js';
import type { CalibrationBin } from './EvalReport.js';

/**
 * The sums behind accuracy, ECE, MCE and the reliability diagram: each row's top label
 * (the first argmax) and its probability, the confidence, binned by confidence
 * (Guo et al. 2017, "On calibration of modern neural networks", ICML).
 */
export interface TopLabelSums {
  /** Bin b holds edges[b] < confidence ≤ edges[b + 1]. */
  edges: Float64Array;
  /** Rows per bin, unweighted. */
  rows: Float64Array;
  /** Per bin: Σw, Σw·confidence, Σw·[top label right], Σw·([right] − confidence), Σw². */
  weight: NeumaierSums;
  confidence: NeumaierSums;
  right: NeumaierSums;
  gap: NeumaierSums;
  /** Σw² per bin: with Σw, the bin's effective number of rows (Σw)²/Σw², for the debiased L2 error. */
  weightSquares: NeumaierSums;
  /** Σw·[right] over all rows, the accuracy's numerator, summed once rather than over bins. */
  allRight: NeumaierSums;
}

export function topLabelSums(edges: Float64Array): TopLabelSums {
  const M = edges.length - 1;
  return { edges: Float64Array.from(edges), rows: new Float64Array(M), weight: neumaierSums(M), confidence: neumaierSums(M), right: neumaierSums(M), gap: neumaierSums(M), weightSquares: neumaierSums(M), allRight: neumaierSums(1) };
}

/** Adds rows to TopLabelSums, finding each one's bin in O(1) for equal-width edges. */
export class TopLabelBins {
  private readonly bins: number;

  /** @param uniform whether the edges are m/M (uniformBinEdges), for the O(1) bin lookup */
  constructor(
    readonly sums: TopLabelSums,
    private readonly uniform: boolean,
  ) {
    this.bins = sums.rows.length;
  }

  /** Adds a row whose top label has probability `confidence`; `right` is 1 when it is the true class, else 0. Returns the row's bin. */
  add(weight: number, confidence: number, right: number): number {
    const s = this.sums;
    const b = this.uniform ? uniformBinOf(s.edges, this.bins, confidence) : binOf(s.edges, confidence);
    s.rows[b]++;
    neumaierAdd(s.weight, b, weight);
    neumaierAdd(s.confidence, b, weight * confidence);
    neumaierAdd(s.right, b, weight * right);
    neumaierAdd(s.gap, b, weight * (right - confidence));
    neumaierAdd(s.weightSquares, b, weight * weight);
    neumaierAdd(s.allRight, 0, weight * right);
    return b;
  }

  /**
   * `add` over rows 0 … rows − 1 of a batch, in order, writing row r's bin to `binOut[r]`;
   * bit for bit the sums of `add` row by row (each slot gets the same terms in the same
   * order, `allRight` kept in locals through the loop).
   */
  addBatch(weights: Float64Array, confidence: Float64Array, right: Uint8Array, rows: number, binOut: Int32Array): void {
    const s = this.sums;
    const { edges, rows: counts } = s;
    const M = this.bins;
    const uniform = this.uniform;
    const allRight = s.allRight;
    let sRight = allRight.sum[0];
    let cRight = allRight.compensation[0];
    for (let r = 0; r < rows; r++) {
      const weight = weights[r];
      const c = confidence[r];
      const y = right[r];
      const b = uniform ? uniformBinOf(edges, M, c) : binOf(edges, c);
      binOut[r] = b;
      counts[b]++;
      neumaierAdd(s.weight, b, weight);
      neumaierAdd(s.confidence, b, weight * c);
      neumaierAdd(s.right, b, weight * y);
      neumaierAdd(s.gap, b, weight * (y - c));
      neumaierAdd(s.weightSquares, b, weight * weight);
      const x = weight * y;
      const t = sRight + x;
      cRight += lostBits(sRight, x, t);
      sRight = t;
    }
    allRight.sum[0] = sRight;
    allRight.compensation[0] = cRight;
  }
}

/** Why `from` cannot merge into `into`, or undefined when it can. */
export function topLabelMergeProblem(into: TopLabelSums, from: TopLabelSums): string | undefined {
  const same = into.edges.length === from.edges.length && into.edges.every((x, i) => Object.is(x, from.edges[i]));
  return same ? undefined : 'cannot merge top-label sums binned by different edges';
}

/** Adds the sums of other rows, binned by the same edges, into `into`. */
export function mergeTopLabelSums(into: TopLabelSums, from: TopLabelSums): void {
  const problem = topLabelMergeProblem(into, from);
  if (problem !== undefined) throw new XentError(problem, { field: 'bins' });
  for (let b = 0; b < into.rows.length; b++) into.rows[b] += from.rows[b];
  for (const key of ['weight', 'confidence', 'right', 'gap', 'weightSquares', 'allRight'] as const) neumaierMerge(into[key], from[key]);
}

export interface TopLabelFigures {
  accuracy: number;
  ece: number;
  mce: number;
  debiasedL2Ce: number;
  bins: CalibrationBin[];
}

/**
 * With W_b, C_b, A_b the bin's Σw, Σw·confidence and Σw·[right], and W = `weightSum`:
 * ECE = Σ_b (W_b / W)·|A_b/W_b − C_b/W_b| = Σ_b |A_b − C_b| / W, and MCE = max_b |A_b − C_b| / W_b
 * over the non-empty bins. A_b − C_b is summed row by row (the `gap` sums), not taken as a
 * difference of two large sums.
 *
 * The debiased L2 calibration error (Kumar, Liang & Ma 2019, "Verified uncertainty
 * calibration", NeurIPS, §5) corrects the plug-in Σ_b (n_b/n)(p̄_b − ȳ_b)², whose every term
 * is biased upwards by the variance of the bin's accuracy ȳ_b: with true accuracy μ_b,
 * E[(p̄_b − ȳ_b)²] = (p̄_b − μ_b)² + Var ȳ_b. With weights, ȳ_b = A_b/W_b has variance
 * μ_b(1 − μ_b)·S_b/W_b², S_b = Σw², i.e. μ_b(1 − μ_b)/n_b with the effective count
 * n_b = W_b²/S_b (Kish), and E[ȳ_b(1 − ȳ_b)] = μ_b(1 − μ_b)(1 − 1/n_b), so
 * ȳ_b(1 − ȳ_b)/(n_b − 1) estimates Var ȳ_b without bias. Hence
 *   L2² = Σ_b (W_b/W)·[(p̄_b − ȳ_b)² − ȳ_b(1 − ȳ_b)/(n_b − 1)],
 * which without weights is the paper's estimator (n_b the bin's rows). A bin with fewer
 * than two rows, or with n_b ≤ 1 (all its weight on one row), contributes 0: its variance
 * cannot be estimated. debiasedL2Ce = √max(0, L2²) — the estimate of L2² can be negative
 * when the model is close to calibrated, and then the error is reported as 0.
 */
export function topLabelFigures(sums: TopLabelSums, weightSum: number): TopLabelFigures {
  const bins: CalibrationBin[] = [];
  let ece = 0;
  let mce = 0;
  let l2 = 0;
  for (let b = 0; b < sums.rows.length; b++) {
    const wb = neumaierValue(sums.weight, b);
    const gap = Math.abs(neumaierValue(sums.gap, b));
    if (wb > 0) {
      ece += gap / weightSum;
      mce = Math.max(mce, gap / wb);
      const effective = (wb * wb) / neumaierValue(sums.weightSquares, b);
      if (sums.rows[b] >= 2 && effective > 1) {
        const accuracy = neumaierValue(sums.right, b) / wb;
        const difference = gap / wb;
        l2 += (wb / weightSum) * (difference * difference - (accuracy * (1 - accuracy)) / (effective - 1));
      }
    }
    bins.push({
      lower: sums.edges[b],
      upper: sums.edges[b + 1],
      count: sums.rows[b],
      confidence: wb > 0 ? neumaierValue(sums.confidence, b) / wb : NaN,
      accuracy: wb > 0 ? neumaierValue(sums.right, b) / wb : NaN,
    });
  }
  return { accuracy: neumaierValue(sums.allRight, 0) / weightSum, ece, mce, debiasedL2Ce: Math.sqrt(Math.max(0, l2)), bins };
}
