import { XentError } from '../core/XentError.js';
import { neumaierAdd, neumaierMerge, neumaierSums, neumaierValue, type NeumaierSums } from '../core/math/index.js';
import { binOf, uniformBinOf } from './binEdges.js';
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
  /** Per bin: Σw, Σw·confidence, Σw·[top label right], Σw·([right] − confidence). */
  weight: NeumaierSums;
  confidence: NeumaierSums;
  right: NeumaierSums;
  gap: NeumaierSums;
  /** Σw·[right] over all rows, the accuracy's numerator, summed once rather than over bins. */
  allRight: NeumaierSums;
}

export function topLabelSums(edges: Float64Array): TopLabelSums {
  const M = edges.length - 1;
  return { edges: Float64Array.from(edges), rows: new Float64Array(M), weight: neumaierSums(M), confidence: neumaierSums(M), right: neumaierSums(M), gap: neumaierSums(M), allRight: neumaierSums(1) };
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

  /** Adds a row whose top label has probability `confidence`; `right` is 1 when it is the true class, else 0. */
  add(weight: number, confidence: number, right: number): void {
    const s = this.sums;
    const b = this.uniform ? uniformBinOf(s.edges, this.bins, confidence) : binOf(s.edges, confidence);
    s.rows[b]++;
    neumaierAdd(s.weight, b, weight);
    neumaierAdd(s.confidence, b, weight * confidence);
    neumaierAdd(s.right, b, weight * right);
    neumaierAdd(s.gap, b, weight * (right - confidence));
    neumaierAdd(s.allRight, 0, weight * right);
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
  for (const key of ['weight', 'confidence', 'right', 'gap', 'allRight'] as const) neumaierMerge(into[key], from[key]);
}

export interface TopLabelFigures {
  accuracy: number;
  ece: number;
  mce: number;
  bins: CalibrationBin[];
}

/**
 * With W_b, C_b, A_b the bin's Σw, Σw·confidence and Σw·[right], and W = `weightSum`:
 * ECE = Σ_b (W_b / W)·|A_b/W_b − C_b/W_b| = Σ_b |A_b − C_b| / W, and MCE = max_b |A_b − C_b| / W_b
 * over the non-empty bins. A_b − C_b is summed row by row (the `gap` sums), not taken as a
 * difference of two large sums.
 */
export function topLabelFigures(sums: TopLabelSums, weightSum: number): TopLabelFigures {
  const bins: CalibrationBin[] = [];
  let ece = 0;
  let mce = 0;
  for (let b = 0; b < sums.rows.length; b++) {
    const wb = neumaierValue(sums.weight, b);
    const gap = Math.abs(neumaierValue(sums.gap, b));
    if (wb > 0) {
      ece += gap / weightSum;
      mce = Math.max(mce, gap / wb);
    }
    bins.push({
      lower: sums.edges[b],
      upper: sums.edges[b + 1],
      count: sums.rows[b],
      confidence: wb > 0 ? neumaierValue(sums.confidence, b) / wb : NaN,
      accuracy: wb > 0 ? neumaierValue(sums.right, b) / wb : NaN,
    });
  }
  return { accuracy: neumaierValue(sums.allRight, 0) / weightSum, ece, mce, bins };
}
