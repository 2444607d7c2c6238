import type { CellWhere } from '../formats/TableBatch.js';
import { SUM_TOLERANCE, type InputKind } from './EvalOptions.js';
import type { RowProbabilities } from './RowProbabilities.js';

/**
 * RowProbabilities for a batch of rows at once: reads and checks every row, and leaves per
 * row what the parts of the evaluation consume, so that each part runs its own loop over
 * typed arrays. Row r's K probabilities are at `p[r·K …]`; where the columns are
 * probabilities used as given (K ≥ 2 columns, no --normalize) `p` is the batch's values
 * themselves, and nothing is copied.
 *
 * A row of probabilities whose values are numbers ≥ 0 summing to 1 within SUM_TOLERANCE is
 * read here, with the same operations in the same order as RowProbabilities.read; every
 * other row (a value out of range, a sum outside the tolerance, which the printed-rounding
 * rule may still accept) and every row of other inputs goes through RowProbabilities.read
 * itself, which throws its errors with their messages.
 */
export class BatchProbabilities {
  readonly classes: number;
  /** Row r's probabilities at p[r·classes …], valid after `read`. */
  p: Float64Array;
  /** log p of row r's true class, in nats. */
  logProbability = new Float64Array(0);
  /** Row r's top label (the first argmax) and its probability, the confidence. */
  top = new Int32Array(0);
  confidence = new Float64Array(0);
  /** 1 where the top label is the true class, else 0. */
  right = new Uint8Array(0);
  private own = new Float64Array(0);
  private readonly direct: boolean;
  private whereRow: (row: number) => CellWhere = () => ({ field: '', index: '' });
  private currentRow = 0;
  private readonly whereCurrent = () => this.whereRow(this.currentRow);

  constructor(
    private readonly row: RowProbabilities,
    private readonly width: number,
    input: InputKind,
    normalize: boolean,
  ) {
    this.classes = row.classes;
    this.direct = input === 'probs' && width >= 2 && !normalize;
    this.p = this.own;
  }

  /**
   * Reads rows 0 … rows − 1 of `values` (width values each), with true classes `labels`;
   * throws an XentError, as RowProbabilities.read would, at the first row that is not a
   * distribution, located by `where(row)`.
   */
  read(values: Float64Array, rows: number, labels: Int32Array, where: (row: number) => CellWhere): void {
    this.reserve(rows);
    this.whereRow = where;
    const K = this.classes;
    const row = this.row;
    const logProbability = this.logProbability;
    const { top, confidence, right } = this;
    if (this.direct) {
      // One pass over each row: the checks, the sum and the first argmax (values ≥ 0, so
      // the first v > −1 is class 0's).
      let largest = 0;
      for (let r = 0; r < rows; r++) {
        const offset = r * K;
        const label = labels[r];
        let sum = 0;
        let best = 0;
        let most = -1;
        let k = 0;
        for (; k < K; k++) {
          const v = values[offset + k];
          if (!(v >= 0 && v < Infinity)) break;
          sum += v;
          if (v > most) {
            most = v;
            best = k;
          }
        }
        const sumError = Math.abs(sum - 1);
        if (k === K && sumError <= SUM_TOLERANCE) {
          if (sumError > largest) largest = sumError;
          logProbability[r] = Math.log(values[offset + label]);
        } else {
          this.currentRow = r;
          logProbability[r] = row.read(values, offset, label, this.whereCurrent);
          best = firstArgmax(values, offset, K);
          most = values[offset + best];
        }
        top[r] = best;
        confidence[r] = most;
        right[r] = best === label ? 1 : 0;
      }
      if (largest > row.largestSumError) row.largestSumError = largest;
      this.p = values;
      return;
    }
    const own = this.own;
    const width = this.width;
    const p = row.p;
    for (let r = 0; r < rows; r++) {
      this.currentRow = r;
      const label = labels[r];
      logProbability[r] = row.read(values, r * width, label, this.whereCurrent);
      own.set(p, r * K);
      const best = firstArgmax(own, r * K, K);
      top[r] = best;
      confidence[r] = own[r * K + best];
      right[r] = best === label ? 1 : 0;
    }
    this.p = own;
  }

  /** The largest |Σp − 1| of a row as given so far. */
  get largestSumError(): number {
    return this.row.largestSumError;
  }

  private reserve(rows: number): void {
    if (rows <= this.top.length) return;
    const n = Math.max(rows, 2 * this.top.length);
    this.logProbability = new Float64Array(n);
    this.top = new Int32Array(n);
    this.confidence = new Float64Array(n);
    this.right = new Uint8Array(n);
    if (!this.direct) this.own = new Float64Array(n * this.classes);
  }
}

/** The first k with the largest of values[offset + k], k < count: the top label as the per-row path finds it. */
function firstArgmax(values: Float64Array, offset: number, count: number): number {
  let best = 0;
  for (let k = 1; k < count; k++) if (values[offset + k] > values[offset + best]) best = k;
  return best;
}
