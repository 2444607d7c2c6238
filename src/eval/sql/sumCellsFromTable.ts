import { XentError } from '../../core/XentError.js';
import type { ColumnarTable } from '../../formats/ColumnarTable.js';
import type { SumCell } from './sumsFromCells.js';

const WANTED = ['part', 'cell', 'value'] as const;

/**
 * The rows of evalSql's result saved by the engine as a columnar file (DuckDB's
 * `COPY (query) TO 'sums.parquet'`): a text column `part` and number columns `cell` and
 * `value`, other columns ignored. Errors name `field` and the row (1-based).
 */
export async function sumCellsFromTable(table: ColumnarTable, field: string): Promise<SumCell[]> {
  const byName = new Map(table.columns.map((c) => [c.name.toLowerCase(), c]));
  for (const name of WANTED) {
    const c = byName.get(name);
    if (c === undefined) throw new XentError(`has no column '${name}' (its columns are ${table.columns.map((x) => x.name).join(', ')}): is it the result of xent eval --sql?`, { field });
    const fits = name === 'part' ? c.kind === 'text' : c.kind === 'float' || c.kind === 'integer';
    if (!fits || c.width !== 1) throw new XentError(`column '${c.name}' is of type ${c.type}, not ${name === 'part' ? 'text' : 'a number'}`, { field });
  }
  const cells: SumCell[] = [];
  for await (const chunk of table.read(WANTED.map((n) => byName.get(n)!.name))) {
    const [part, cell, value] = chunk.columns;
    for (let r = 0; r < chunk.rows; r++) {
      const row = chunk.rowStart + r + 1;
      const p = part[r];
      const c = cell[r];
      const v = value[r];
      if (typeof p !== 'string') throw new XentError(`row ${row} has no part`, { field });
      if (typeof c !== 'number' || typeof v !== 'number' || !Number.isFinite(c) || !Number.isFinite(v)) throw new XentError(`row ${row}: cell and value must be finite numbers`, { field });
      cells.push({ part: p, cell: c, value: v });
    }
  }
  return cells;
}
