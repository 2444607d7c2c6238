import { XentError } from '../../core/XentError.js';
import type { EvalReport } from '../../eval/EvalReport.js';
import { evalReport, mergeEvalSums } from '../../eval/EvalSums.js';
import { parseEvalStats, settingsDifference, type EvalStats } from '../../eval/evalStatsJson.js';
import { sumCellsFromTable } from '../../eval/sql/sumCellsFromTable.js';
import { sumsFromCells, type SumCell } from '../../eval/sql/sumsFromCells.js';
import { readParquet } from '../../formats/readParquet.js';
import { loadParquetEngine } from '../loadParquetEngine.js';
import { stripBom } from '../stripBom.js';
import { formatNumber, formatTable } from '../formatTable.js';
import { readUserFile } from '../readUserFile.js';

const FLAG = '--from-stats';
/** The first bytes of a Parquet file. */
const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31];

/**
 * Reads one saved table of sums: xent's own JSON (`"format": "xent-eval-stats"`), or the
 * result of `xent eval --sql` saved by the engine as CSV (a header `part,cell,value`), as
 * JSON Lines, as a JSON array of {part, cell, value} objects, or as Parquet (columns part,
 * cell, value). Errors name the file.
 */
export async function readEvalStatsFile(path: string): Promise<EvalStats> {
  const bytes = readUserFile(path, FLAG);
  const text = PARQUET_MAGIC.every((b, i) => bytes[i] === b) ? '' : stripBom(new TextDecoder().decode(bytes));
  try {
    if (text === '' && bytes.length > 0) {
      const access = { byteLength: bytes.length, read: async (start: number, end: number) => new Uint8Array(bytes.subarray(start, end)) };
      const table = await readParquet(FLAG, access, await loadParquetEngine());
      return sumsFromCells(await sumCellsFromTable(table, FLAG), FLAG, (i) => `row ${i + 1}`);
    }
    const first = text.trimStart()[0];
    if (first === '{' || first === '[') {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        // JSON Lines: one object a line.
        if (first === '{') return sumsFromCells(jsonLinesCells(text), FLAG, (i) => `line ${i + 1}`);
        throw new XentError('is not JSON', { field: FLAG });
      }
      if (Array.isArray(json)) return sumsFromCells(json.map((v, i) => cellOf(v, `item ${i + 1}`)), FLAG, (i) => `item ${i + 1}`);
      if (typeof json === 'object' && json !== null && 'format' in json) return parseEvalStats(json, FLAG);
      return sumsFromCells([cellOf(json, 'line 1')], FLAG, () => 'line 1');
    }
    return sumsFromCells(csvCells(text), FLAG, (i) => `line ${i + 2}`);
  } catch (e) {
    if (e instanceof XentError && e.field === FLAG) throw new XentError(`'${path}': ${e.problem}`, { field: FLAG, index: e.index });
    throw e;
  }
}

function jsonLinesCells(text: string): SumCell[] {
  const cells: SumCell[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new XentError(`line ${i + 1} is not JSON`, { field: FLAG });
    }
    cells.push(cellOf(v, `line ${i + 1}`));
  });
  return cells;
}

function cellOf(v: unknown, at: string): SumCell {
  if (typeof v !== 'object' || v === null) throw new XentError(`${at} is not a {part, cell, value} object`, { field: FLAG });
  const { part, cell, value } = v as Record<string, unknown>;
  const number = (x: unknown) => (typeof x === 'number' ? x : typeof x === 'string' ? Number(x) : NaN);
  const c = { part: String(part), cell: number(cell), value: number(value) };
  if (typeof part !== 'string' || !Number.isFinite(c.cell) || !Number.isFinite(c.value)) throw new XentError(`${at} is not a {part, cell, value} object of finite numbers`, { field: FLAG });
  return c;
}

/** The CSV an engine writes: a header part,cell,value and one row per cell (a field may be quoted). */
function csvCells(text: string): SumCell[] {
  const lines = text.split(/\r?\n/);
  const unquote = (s: string) => (s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replaceAll('""', '"') : s);
  const header = lines[0].split(',').map((s) => unquote(s.trim()).toLowerCase());
  if (header.join(',') !== 'part,cell,value') throw new XentError('is neither xent eval stats JSON nor a CSV with the header part,cell,value', { field: FLAG });
  const cells: SumCell[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    // The part never holds a comma; the last two fields are numbers.
    const last = line.lastIndexOf(',');
    const middle = line.lastIndexOf(',', last - 1);
    if (middle < 0) throw new XentError(`line ${i + 1} does not have three fields`, { field: FLAG });
    const cell = Number(unquote(line.slice(middle + 1, last).trim()));
    const value = Number(unquote(line.slice(last + 1).trim()));
    if (!Number.isFinite(cell) || !Number.isFinite(value)) throw new XentError(`line ${i + 1}: cell and value must be finite numbers`, { field: FLAG });
    cells.push({ part: unquote(line.slice(0, middle).trim()), cell, value });
  }
  return cells;
}

/** Reads every file and merges their sums; the settings of each must equal the first's. */
export async function mergeEvalStatsFiles(paths: readonly string[]): Promise<EvalStats> {
  if (paths.length === 0) throw new XentError('give one or more stats files', { field: FLAG });
  const first = await readEvalStatsFile(paths[0]);
  for (const path of paths.slice(1)) {
    const next = await readEvalStatsFile(path);
    const difference = settingsDifference(first.settings, next.settings);
    if (difference !== undefined) throw new XentError(`'${path}' does not merge with '${paths[0]}': ${difference}`, { field: FLAG });
    try {
      mergeEvalSums(first.sums, next.sums);
    } catch (e) {
      if (e instanceof XentError) throw new XentError(`'${path}' does not merge with '${paths[0]}': ${e.problem}`, { field: FLAG });
      throw e;
    }
  }
  return first;
}

/** The report of merged stats files. */
export function reportOfStats(stats: EvalStats, ciLevel: number): EvalReport {
  if (!(stats.sums.weight.sum[0] + stats.sums.weight.compensation[0] > 0)) throw new XentError('the weights sum to 0', { field: FLAG });
  return evalReport(stats.sums, ciLevel);
}

/** The table lines for the bootstrap intervals and the equal-mass edges from stats, after the report's own. */
export function formatScale(r: EvalReport): string {
  const lines: string[] = [];
  if (r.ci !== undefined) {
    const ci = r.ci;
    const range = ([lo, hi]: [number, number]) => `[${formatNumber(lo)}, ${formatNumber(hi)}]`;
    lines.push(
      formatTable([
        [`${formatNumber(100 * ci.level, 4)}% interval`, `Poisson bootstrap, ${ci.replicates} replicates, seed ${ci.seed}`],
        [`log-loss (${r.unit})`, range(ci.logLoss)],
        ['accuracy', range(ci.accuracy)],
        ['Brier score', range(ci.brier)],
        ['spherical score', range(ci.sphericalScore)],
        ['ECE', range(ci.ece)],
      ]),
    );
  }
  if (r.equalMass !== undefined) {
    const e = r.equalMass;
    const how = e.method === 'kll' ? `edges from a KLL sketch (rank error ≤ ${formatNumber(e.sketchRankError, 3)}·n) rounded to ${e.gridCells} cells` : `edges from exact counts on ${e.gridCells} cells`;
    lines.push(`equal-mass bins from stats: ${how}; largest rank error of an edge ${formatNumber(e.largestRankError, 3)}·n\n`);
  }
  return lines.length === 0 ? '' : `\n${lines.join('\n')}`.replace(/ +$/gm, '');
}
