import { XentError } from '../core/XentError.js';
import type { InputKind } from '../eval/EvalOptions.js';
import { RowProbabilities } from '../eval/RowProbabilities.js';
import type { CellWhere } from '../formats/TableBatch.js';
import { withRoomFor, type ScoreRows } from './ScoreRows.js';

/**
 * The most scores (rows × classes) a fit holds in memory: 50 million doubles, 400 MB. A fit
 * needs every row at each step of its optimiser, so it keeps them; a larger file is fitted
 * on a sample of its rows.
 */
export const MAX_CALIBRATION_SCORES = 50_000_000;

/**
 * Gathers checked rows into ScoreRows as `evaluateStreams` hands them over (its `onRow`
 * tap): each row's log-probabilities, read from the log domain where the input is in it,
 * with its label and weight. Memory grows by doubling, up to MAX_CALIBRATION_SCORES.
 */
export class ScoreRowsCollector {
  private reader: RowProbabilities | undefined;
  private scores = new Float64Array(0);
  private labels = new Int32Array(0);
  private weights = new Float64Array(0);
  private rows = 0;
  private classes = 0;
  private weighted = false;

  constructor(
    private readonly input: InputKind,
    private readonly normalize: boolean,
    private readonly field: string,
  ) {}

  /** The tap: adds one row (already checked by the accumulator, so read() cannot throw here). */
  readonly add = (values: Float64Array, offset: number, width: number, label: number, weight: number, where: () => CellWhere): void => {
    if (this.reader === undefined) {
      this.reader = new RowProbabilities(width, this.input, this.normalize);
      this.classes = this.reader.classes;
    }
    const K = this.classes;
    if (this.rows * K + K > this.scores.length) this.grow(where);
    this.reader.read(values, offset, label, where);
    this.reader.logProbabilitiesInto(values, offset, this.scores.subarray(this.rows * K, this.rows * K + K));
    this.labels[this.rows] = label;
    this.weights[this.rows] = weight;
    if (weight !== 1) this.weighted = true;
    this.rows++;
  };

  finish(): ScoreRows {
    const K = this.classes;
    return {
      rows: this.rows,
      classes: K,
      scores: this.scores.slice(0, this.rows * K),
      labels: this.labels.slice(0, this.rows),
      weights: this.weighted ? this.weights.slice(0, this.rows) : null,
    };
  }

  private grow(where: () => CellWhere): void {
    const K = this.classes;
    const needed = (this.rows + 1) * K;
    if (needed > MAX_CALIBRATION_SCORES) {
      const w = where();
      throw new XentError(`a fit holds every row in memory, at most ${MAX_CALIBRATION_SCORES} scores (rows × classes): fit on a sample of the rows`, { field: this.field, index: w.index });
    }
    const rows = Math.max(1024, Math.min(Math.floor(MAX_CALIBRATION_SCORES / K), 2 * Math.max(this.rows, 1)));
    this.scores = withRoomFor(this.scores, rows * K);
    this.labels = withRoomFor(this.labels, rows);
    this.weights = withRoomFor(this.weights, rows);
  }
}
