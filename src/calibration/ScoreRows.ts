import { XentError } from '../core/XentError.js';

/**
 * A model's scores for N rows of K classes, held row-major, with the true class of each
 * row and optional row weights: what a calibrator is fitted on.
 *
 * `scores` are logits as the model gave them, or log-probabilities (log p) when the model
 * gave probabilities: softmax turns either into probabilities, and every calibrator here
 * maps scores to new scores. Entries may be −Infinity (a class given probability 0), never
 * +Infinity or NaN.
 */
export interface ScoreRows {
  rows: number;
  classes: number;
  /** rows × classes, row-major. */
  scores: Float64Array;
  /** The true class of each row, 0 ≤ label < classes. */
  labels: Int32Array;
  /** Non-negative row weights, or null for weight 1 each. */
  weights: Float64Array | null;
}

/**
 * Checks the shapes and values a fit relies on, naming the first bad entry. A true class
 * with score −Infinity is refused: its log-loss is infinite at every setting of every
 * calibrator, so nothing can be fitted (clip the probabilities first).
 *
 * @example
 * checkScoreRows({ rows: 1, classes: 2, scores: Float64Array.of(0, 1), labels: Int32Array.of(1), weights: null }) // passes
 */
export function checkScoreRows(data: ScoreRows, field = 'scores'): void {
  const { rows, classes, scores, labels, weights } = data;
  if (!Number.isInteger(classes) || classes < 2) throw new XentError(`needs at least 2 classes, got ${classes}`, { field });
  if (!Number.isInteger(rows) || rows < 1) throw new XentError('needs at least one row', { field });
  if (scores.length !== rows * classes) throw new XentError(`holds ${scores.length} scores, expected ${rows} rows × ${classes} classes`, { field });
  if (labels.length !== rows) throw new XentError(`holds ${labels.length} labels, expected ${rows}`, { field: 'labels' });
  if (weights !== null && weights.length !== rows) throw new XentError(`holds ${weights.length} weights, expected ${rows}`, { field: 'weights' });
  let weightSum = 0;
  for (let i = 0; i < rows; i++) {
    const y = labels[i];
    if (!(y >= 0 && y < classes)) throw new XentError(`label ${y} is not a class index 0…${classes - 1}`, { field: 'labels', index: i });
    if (weights !== null) {
      const w = weights[i];
      if (!(w >= 0 && w < Infinity)) throw new XentError(`weight ${w} is not a finite non-negative number`, { field: 'weights', index: i });
      weightSum += w;
    }
    for (let k = 0, o = i * classes; k < classes; k++, o++) {
      const s = scores[o];
      if (s !== s || s === Infinity) throw new XentError(`score ${s} is not finite or −Infinity`, { field, index: `row ${i}, class ${k}` });
    }
    if (scores[i * classes + y] === -Infinity) {
      throw new XentError('the true class has probability 0, so the log-loss is infinite whatever is fitted (clip the probabilities)', { field, index: `row ${i}` });
    }
  }
  if (weights !== null && !(weightSum > 0)) throw new XentError('the weights sum to 0', { field: 'weights' });
}

/** The weight of row i. */
export function rowWeight(data: ScoreRows, i: number): number {
  return data.weights === null ? 1 : data.weights[i];
}

/** Σ of the row weights. */
export function totalWeight(data: ScoreRows): number {
  if (data.weights === null) return data.rows;
  let total = 0;
  for (let i = 0; i < data.rows; i++) total += data.weights[i];
  return total;
}

/** `array`'s values at the start of a new array of the same type and `length` elements: the step by which row stores grow. */
export function withRoomFor<T extends Float64Array | Int32Array>(array: T, length: number): T {
  const grown = (array instanceof Float64Array ? new Float64Array(length) : new Int32Array(length)) as T;
  grown.set(array);
  return grown;
}
