import type { InputKind } from '../eval/EvalOptions.js';
import { RowProbabilities } from '../eval/RowProbabilities.js';
import { tableStream } from '../formats/tableStream.js';
import type { TableBatch, TableStream } from '../formats/TableBatch.js';
import { XentError } from '../core/XentError.js';
import { calibrateRows, type Calibrator } from './Calibrator.js';

const ROWS_PER_BATCH = 4096;

/**
 * A row-major table held in memory as a TableStream, so the evaluation engine scores it as
 * it scores a file: `rows` rows of `width` values, numbered from 1.
 */
export function arrayTableStream(name: string, values: ArrayLike<number>, rows: number, width: number): TableStream {
  async function* batches(): AsyncGenerator<TableBatch> {
    for (let start = 0; start < rows; start += ROWS_PER_BATCH) {
      const n = Math.min(ROWS_PER_BATCH, rows - start);
      const batch = new Float64Array(n * width);
      for (let j = 0; j < n * width; j++) batch[j] = values[start * width + j];
      yield { rows: n, width, values: batch, lines: Float64Array.from({ length: n }, (_, r) => start + r + 1) };
    }
  }
  return tableStream(name, batches(), (line) => `row ${line}`);
}

/**
 * The predictions of `source` with a calibrator applied, batch by batch: each row is read
 * and checked as `xent eval` reads it (as `input`), turned into log-probabilities, and
 * mapped to the calibrator's probabilities. Errors name the source's file and line.
 */
export function calibratedTableStream(source: TableStream, calibrator: Calibrator, input: InputKind, normalize: boolean, field: string): TableStream {
  let reader: RowProbabilities | undefined;
  async function* batches(): AsyncGenerator<TableBatch> {
    for (let batch = await source.next(); batch !== null; batch = await source.next()) {
      if (batch.rows === 0) continue;
      reader ??= new RowProbabilities(batch.width, input, normalize);
      const K = reader.classes;
      if (K !== calibrator.classes) {
        throw new XentError(`the calibrator was fitted on ${calibrator.classes} classes but the predictions have ${K}`, { field });
      }
      const scores = new Float64Array(batch.rows * K);
      for (let r = 0; r < batch.rows; r++) {
        const line = batch.lines[r];
        const where = () => ({ field: source.name, index: source.where(line) });
        reader.read(batch.values, r * batch.width, 0, where);
        reader.logProbabilitiesInto(batch.values, r * batch.width, scores.subarray(r * K, r * K + K));
        for (let k = 0; k < K; k++) {
          if (Number.isNaN(scores[r * K + k])) throw new XentError('the row gives a NaN log-probability', where());
        }
      }
      yield { rows: batch.rows, width: K, values: calibrateRows(calibrator, scores, batch.rows), lines: batch.lines, header: batch.header?.length === K ? batch.header : undefined };
    }
  }
  return tableStream(source.name, batches(), (line) => source.where(line));
}
