import { softmaxStrided } from '../core/math/softmax.js';
import type { ScoreRows } from './ScoreRows.js';

/**
 * Calibrators that map one probability at a time (isotonic, histogram binning) treat K
 * classes one against the rest, as scikit-learn's `CalibratedClassifierCV` does: each
 * class's probability is mapped by its own calibrator against the indicator [y = k], and
 * the mapped values are divided by their sum (uniform where every one is 0). With two
 * classes only class 1 is mapped and p₀ = 1 − p₁.
 */
export function calibratedClasses(classes: number): number[] {
  return classes === 2 ? [1] : Array.from({ length: classes }, (_, k) => k);
}

/** Each calibrated class's column: the probabilities softmax(scores) gives it, and [y = k]. */
export function classColumns(data: ScoreRows): Array<{ probability: Float64Array; outcome: Float64Array }> {
  const { rows, classes: K, scores, labels } = data;
  const row = new Float64Array(K);
  const probabilities = new Float64Array(K);
  const columns = calibratedClasses(K).map(() => ({ probability: new Float64Array(rows), outcome: new Float64Array(rows) }));
  const chosen = calibratedClasses(K);
  for (let i = 0; i < rows; i++) {
    row.set(scores.subarray(i * K, i * K + K));
    softmaxStrided(row, 0, K, 1, probabilities);
    for (let c = 0; c < chosen.length; c++) {
      columns[c].probability[i] = probabilities[chosen[c]];
      columns[c].outcome[i] = labels[i] === chosen[c] ? 1 : 0;
    }
  }
  return columns;
}

/** The row of K probabilities from the calibrated values of `calibratedClasses(K)`. */
export function combineOneVsRest(mapped: ArrayLike<number>, classes: number, out: Float64Array): void {
  if (classes === 2) {
    out[1] = mapped[0];
    out[0] = 1 - mapped[0];
    return;
  }
  let sum = 0;
  for (let k = 0; k < classes; k++) sum += mapped[k];
  for (let k = 0; k < classes; k++) out[k] = sum > 0 ? mapped[k] / sum : 1 / classes;
}
