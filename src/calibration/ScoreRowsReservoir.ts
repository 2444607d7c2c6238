import { createRng, type Rng } from '../core/random/createRng.js';
import type { InputKind } from '../eval/EvalOptions.js';
import type { RowTap } from '../eval/evaluateStreams.js';
import { RowProbabilities } from '../eval/RowProbabilities.js';
import type { CellWhere } from '../formats/TableBatch.js';
import { withRoomFor, type ScoreRows } from './ScoreRows.js';

/** The most rows a reservoir keeps by default. */
export const RESERVOIR_ROWS = 100_000;
/** The most scores (rows × classes) it keeps by default: 4,000,000 doubles, 32 MB. */
export const RESERVOIR_SCORES = 4_000_000;

export interface ReservoirOptions {
  /** At most this many rows (default RESERVOIR_ROWS)… */
  rows?: number;
  /** …and at most this many scores, rows × classes (default RESERVOIR_SCORES). */
  scores?: number;
  /** Seed of the sample (default 1): the same rows in the same order give the same sample. */
  seed?: number;
}

/**
 * A uniform sample of the rows `evaluateStreams` hands over (its `onRow` tap), of bounded
 * size whatever the number of rows: Vitter's algorithm R ("Random sampling with a
 * reservoir", 1985). The first `capacity` rows fill the reservoir; row i > capacity then
 * replaces a uniformly chosen slot with probability capacity / i, so that after n rows
 * every subset of `capacity` rows is equally likely. Seeded, so the sample is the same on
 * every run. Below the capacity it holds every row, in order, as ScoreRowsCollector would.
 *
 * Each kept row is stored as log-probabilities (ScoreRows' scores), read as
 * ScoreRowsCollector reads them, with its label and weight. Memory grows by doubling up to
 * the capacity, min(rows, ⌊scores / classes⌋).
 */
export class ScoreRowsReservoir {
  private reader: RowProbabilities | undefined;
  private readonly rng: Rng;
  private readonly maxRows: number;
  private readonly maxScores: number;
  private scores = new Float64Array(0);
  private labels = new Int32Array(0);
  private weights = new Float64Array(0);
  private classes = 0;
  private capacity = 0;
  private held = 0;
  private weighted = false;
  /** Rows offered so far. */
  seen = 0;

  constructor(
    private readonly input: InputKind,
    private readonly normalize: boolean,
    options: ReservoirOptions = {},
  ) {
    this.maxRows = options.rows ?? RESERVOIR_ROWS;
    this.maxScores = options.scores ?? RESERVOIR_SCORES;
    this.rng = createRng(options.seed ?? 1);
  }

  /** The tap: offers one row (already checked by the accumulator, so read() cannot throw here). */
  readonly add: RowTap = (values: Float64Array, offset: number, width: number, label: number, weight: number, where: () => CellWhere): void => {
    if (this.reader === undefined) {
      this.reader = new RowProbabilities(width, this.input, this.normalize);
      this.classes = this.reader.classes;
      this.capacity = Math.max(1, Math.min(this.maxRows, Math.floor(this.maxScores / this.classes)));
    }
    this.seen++;
    let slot: number;
    if (this.held < this.capacity) {
      slot = this.held++;
      if (slot === this.labels.length) this.grow();
    } else {
      // Row number `seen` (from 1) stays with probability capacity / seen.
      slot = this.rng.int(this.seen);
      if (slot >= this.capacity) return;
    }
    const K = this.classes;
    this.reader.read(values, offset, label, where);
    this.reader.logProbabilitiesInto(values, offset, this.scores.subarray(slot * K, slot * K + K));
    this.labels[slot] = label;
    this.weights[slot] = weight;
    if (weight !== 1) this.weighted = true;
  };

  /** The rows it holds (none before the first row: then `rows` is 0 and `classes` 0). */
  finish(): ScoreRows {
    const K = this.classes;
    return {
      rows: this.held,
      classes: K,
      scores: this.scores.slice(0, this.held * K),
      labels: this.labels.slice(0, this.held),
      weights: this.weighted ? this.weights.slice(0, this.held) : null,
    };
  }

  /** The most rows it keeps, known once the first row gives the number of classes (0 before). */
  get capacityRows(): number {
    return this.capacity;
  }

  private grow(): void {
    const K = this.classes;
    const rows = Math.min(this.capacity, Math.max(1024, 2 * this.labels.length));
    this.scores = withRoomFor(this.scores, rows * K);
    this.labels = withRoomFor(this.labels, rows);
    this.weights = withRoomFor(this.weights, rows);
  }
}
