import { XentError } from '../core/XentError.js';
import { BatchBuffer } from './BatchBuffer.js';
import type { CellMode } from './CellMode.js';
import type { ColumnarTable, ColumnInfo } from './ColumnarTable.js';
import type { TableBatch, TableStream } from './TableBatch.js';
import { tableStream } from './tableStream.js';

/**
 * The named columns of a columnar table as a TableStream: each chunk becomes a batch whose
 * rows hold the columns side by side (an (n, K) array gives K values). With `header`, the
 * first batch carries the column names, which are then the class names. Positions are
 * `row r, column NAME` (rows from 1). NaN is an error, as in the other readers; labels go
 * through the mode's resolver (numbers, or text naming a class).
 */
export function columnarTableStream(table: ColumnarTable, columns: readonly ColumnInfo[], mode: CellMode, header?: readonly string[]): TableStream {
  return tableStream(table.name, batches(table, columns, mode, header), (row) => `row ${row}`);
}

async function* batches(table: ColumnarTable, columns: readonly ColumnInfo[], mode: CellMode, header: readonly string[] | undefined): AsyncGenerator<TableBatch> {
  const buf = new BatchBuffer();
  const widths = columns.map((c) => c.width);
  const width = widths.reduce((a, b) => a + b, 0);
  let first = true;
  for await (const chunk of table.read(columns.map((c) => c.name))) {
    const rows = chunk.rows;
    buf.reset();
    buf.reserve(rows * width);
    const out = buf.values;
    let offset = 0;
    for (let c = 0; c < columns.length; c++) {
      const data = chunk.columns[c];
      const w = widths[c];
      const where = (r: number, j: number) => ({ field: table.name, index: `row ${chunk.rowStart + r + 1}, column ${w === 1 ? columns[c].name : `${columns[c].name}[${j}]`}` });
      if (mode.kind === 'numbers' && ArrayBuffer.isView(data)) {
        // The common case, typed arrays of numbers: only NaN to look for.
        const numbers = data as ArrayLike<number>;
        for (let r = 0; r < rows; r++) {
          for (let j = 0; j < w; j++) {
            const v = numbers[r * w + j];
            if (v !== v) throw new XentError('the value is NaN', where(r, j));
            out[r * width + offset + j] = v;
          }
        }
        offset += w;
        continue;
      }
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < w; j++) {
          const v = data[r * w + j];
          let x: number;
          if (mode.kind === 'labels') x = mode.resolve(v, () => where(r, j));
          else if (typeof v !== 'number') throw new XentError(`the value ${JSON.stringify(v).slice(0, 40)} is not a number`, where(r, j));
          else if (v !== v) throw new XentError('the value is NaN', where(r, j));
          else x = v;
          out[r * width + offset + j] = x;
        }
      }
      offset += w;
    }
    buf.size = rows * width;
    for (let r = 0; r < rows; r++) buf.endRow(chunk.rowStart + r + 1);
    const batch = buf.batch(width, first ? header : undefined);
    first = false;
    yield batch;
  }
}
