import type { TableBatch } from './TableBatch.js';

/** A reusable, growable batch: the readers fill it, the consumer reads it before asking for the next. */
export class BatchBuffer {
  values = new Float64Array(1024);
  lines = new Float64Array(256);
  rows = 0;
  size = 0;

  reset(): void {
    this.rows = 0;
    this.size = 0;
  }

  /** Makes room for `more` values after `size`. */
  reserve(more: number): void {
    if (this.size + more <= this.values.length) return;
    const grown = new Float64Array(Math.max(this.values.length * 2, this.size + more));
    grown.set(this.values.subarray(0, this.size));
    this.values = grown;
  }

  push(v: number): void {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size++] = v;
  }

  endRow(line: number): void {
    if (this.rows === this.lines.length) {
      const grown = new Float64Array(this.lines.length * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[this.rows++] = line;
  }

  batch(width: number, header?: readonly string[]): TableBatch {
    const b: TableBatch = { rows: this.rows, width, values: this.values, lines: this.lines };
    if (header !== undefined) b.header = header;
    return b;
  }
}
