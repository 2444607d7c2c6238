import type { TableBatch, TableStream } from '../formats/TableBatch.js';

/**
 * The rows of a table stream across its batches: once `ready()` says so, `batch` and `row`
 * are the current row. `has()` is the per-row check; `ready()` waits for the next batch.
 */
export class TableCursor {
  batch: TableBatch | null = null;
  row = 0;
  ended = false;
  constructor(readonly stream: TableStream) {}

  /** Whether a row is available now, without waiting. */
  has(): boolean {
    return this.batch !== null && this.row < this.batch.rows;
  }

  /** Makes the next row available; false at the end of the stream. */
  async ready(): Promise<boolean> {
    while (this.batch === null || this.row >= this.batch.rows) {
      if (this.ended) return false;
      this.batch = await this.stream.next();
      this.row = 0;
      if (this.batch === null) {
        this.ended = true;
        return false;
      }
    }
    return true;
  }
}
