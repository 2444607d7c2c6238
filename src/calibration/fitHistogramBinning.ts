import { XentError } from '../core/XentError.js';
import { uniformBinEdges, uniformBinOf } from '../eval/binEdges.js';
import { classColumns } from './oneVsRest.js';
import { checkScoreRows, type ScoreRows } from './ScoreRows.js';

/**
 * Histogram binning (Zadrozny & Elkan, ICML 2001): each class's probability, one class
 * against the rest (oneVsRest.ts), falls in one of M equal-width bins, (m−1)/M < p ≤ m/M as
 * in `xent eval`, and is replaced by the weighted share of that class among the training
 * rows in the bin. A bin no training row fell in has no evidence, and keeps its midpoint.
 */
export interface HistogramBinningFit {
  bins: number;
  /** One row of M calibrated probabilities per calibrated class (class 1 alone for two classes). */
  values: Float64Array[];
}

export const MAX_HISTOGRAM_BINS = 10_000;

/**
 * @example
 * const data = { rows: 3, classes: 2, scores: Float64Array.of(0, -3, 0, -3, 0, 3), labels: Int32Array.of(0, 1, 1), weights: null };
 * fitHistogramBinning(data, 2).values[0] // Float64Array [0.5, 1]
 */
export function fitHistogramBinning(data: ScoreRows, bins: number): HistogramBinningFit {
  if (!Number.isInteger(bins) || bins < 1 || bins > MAX_HISTOGRAM_BINS) {
    throw new XentError(`bins must be a whole number from 1 to ${MAX_HISTOGRAM_BINS}, got ${bins}`, { field: 'bins' });
  }
  checkScoreRows(data);
  const edges = uniformBinEdges(bins);
  const values = classColumns(data).map(({ probability, outcome }) => {
    const weight = new Float64Array(bins);
    const hits = new Float64Array(bins);
    for (let i = 0; i < probability.length; i++) {
      const w = data.weights === null ? 1 : data.weights[i];
      const b = uniformBinOf(edges, bins, probability[i]);
      weight[b] += w;
      hits[b] += w * outcome[i];
    }
    return weight.map((w, b) => (w > 0 ? hits[b] / w : (edges[b] + edges[b + 1]) / 2));
  });
  return { bins, values };
}

/** The calibrated probability of p under one class's bin values and the edges `uniformBinEdges(values.length)`. */
export function histogramValue(values: ArrayLike<number>, edges: Float64Array, p: number): number {
  return values[uniformBinOf(edges, values.length, p)];
}
