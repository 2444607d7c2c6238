import { XentError } from '../core/XentError.js';
import { neumaierValue } from '../core/math/index.js';
import { ConfidenceQuantiles } from './ConfidenceQuantiles.js';
import { EvalAccumulator, type AccumulatorScale } from './EvalAccumulator.js';
import type { EvalSums } from './EvalSums.js';
import { resolveEvalOptions, type EvalOptions } from './EvalOptions.js';
import type { EvalReport } from './EvalReport.js';
import type { CellWhere, LabelResolver, TableBatch, TableStream } from '../formats/TableBatch.js';
import { TableCursor } from './TableCursor.js';

/** One pass's streams. Labels are opened once the predictions' header and width are known, so that names resolve to classes. */
export interface EvalStreams {
  pred: TableStream;
  labels(resolve: LabelResolver): TableStream;
  weights?: TableStream;
}

export interface EvalProgress {
  pass: number;
  rows: number;
}

/** A row of the pass that makes the report, after the accumulator has checked it. */
export type RowTap = (values: Float64Array, offset: number, width: number, label: number, weight: number, where: () => CellWhere) => void;

export interface EvaluateStreamsOptions extends EvalOptions {
  /** Called after each predictions batch (for progress bars). */
  onProgress?: (progress: EvalProgress) => void;
  /** Called with each row of the last pass, once the accumulator has checked it (calibration collects the rows it fits on). */
  onRow?: RowTap;
  /** Scale (EvalSumsScale.ts): bootstrap replicates; equal-mass bins from stats (one pass, a fine grid and a KLL sketch). */
  scale?: AccumulatorScale;
  /** Level of the bootstrap's percentile intervals, default 0.95. */
  ciLevel?: number;
  /** Called with the table of sums the report was computed from (to save it). */
  onSums?: (sums: EvalSums) => void;
}

/**
 * Evaluates predictions against labels (and weights) streamed batch by batch: memory is
 * that of one batch per stream plus the accumulator's bins, whatever the files' size.
 * `open` is called once per pass: once for equal-width bins, up to five times for
 * equal-mass bins (see ConfidenceQuantiles).
 */
export async function evaluateStreams(open: () => EvalStreams, options: EvaluateStreamsOptions = {}): Promise<EvalReport> {
  const resolved = resolveEvalOptions(options);
  const scale = options.scale;
  const finish = (acc: EvalAccumulator) => {
    options.onSums?.(acc.sums);
    return acc.report(options.ciLevel);
  };
  if (resolved.binning === 'uniform' || scale?.equalMassFromStats === true) return finish(await runPass(open(), resolved, 1, options.onProgress, { onRow: options.onRow, scale }));
  const quantiles = new ConfidenceQuantiles(resolved.bins);
  let pass = 0;
  while (!quantiles.done) {
    await runPass(open(), resolved, ++pass, options.onProgress, { onConfidence: (c) => quantiles.observe(c) });
    quantiles.endPass();
  }
  const final = await runPass(open(), resolved, ++pass, options.onProgress, { topEdges: quantiles.edges(), onRow: options.onRow, scale });
  return finish(final);
}

type Resolved = ReturnType<typeof resolveEvalOptions>;

/** Reads rows of one stream across batch boundaries, a value at a time. */
class Cursor extends TableCursor {
  /** Value of column 0 of the current row, then moves on. */
  take(): number {
    return this.batch!.values[this.row++ * this.batch!.width];
  }

  /** Line of the current row. */
  line(): number {
    return this.batch!.lines[this.row];
  }

  width(): number {
    return this.batch!.width;
  }
}

async function runPass(
  streams: EvalStreams,
  options: Resolved,
  pass: number,
  onProgress: ((p: EvalProgress) => void) | undefined,
  extra: { onConfidence?: (c: number) => void; topEdges?: Float64Array; onRow?: RowTap; scale?: AccumulatorScale } = {},
): Promise<EvalAccumulator> {
  const pred = streams.pred;
  let first = await pred.next();
  while (first !== null && first.rows === 0 && first.header === undefined) first = await pred.next();
  if (first === null) throw new XentError('the predictions have no rows', { field: pred.name });
  const width = first.width;
  const header = first.header;
  if (header !== undefined && header.length !== width) throw new XentError(`the header names ${header.length} columns but rows have ${width}`, { field: pred.name, index: pred.where(1) });
  const classNames = header !== undefined && width >= 2 ? [...header] : undefined;
  const { onRow, ...setup } = extra;
  const acc = new EvalAccumulator({ width, options, classNames, ...setup });
  const K = acc.classes;
  const labelStream = streams.labels(labelResolver(K, classNames));
  const labels = new Cursor(labelStream);
  const weights = streams.weights === undefined ? undefined : new Cursor(streams.weights);
  let rows = 0;
  let predLine = 0;
  // One closure for all rows (it reads predLine when an error needs it), not one per row.
  const wherePred = () => ({ field: pred.name, index: pred.where(predLine) });
  for (let batch: TableBatch | null = first; batch !== null; batch = await pred.next()) {
    if (batch.rows > 0 && batch.width !== width) {
      throw new XentError(`row has ${batch.width} columns, expected ${width}`, { field: pred.name, index: pred.where(batch.lines[0]) });
    }
    const values = batch.values;
    for (let r = 0; r < batch.rows; r++) {
      predLine = batch.lines[r];
      if (!labels.has() && !(await labels.ready())) {
        throw new XentError(`${labelStream.name} ends after ${rows} labels but the predictions go on`, { field: pred.name, index: pred.where(predLine) });
      }
      const label = labels.take();
      let weight = 1;
      if (weights !== undefined) {
        if (!weights.has() && !(await weights.ready())) {
          throw new XentError(`${weights.stream.name} ends after ${rows} weights but the predictions go on`, { field: pred.name, index: pred.where(predLine) });
        }
        if (weights.width() !== 1) throw new XentError(`weights need one column, got ${weights.width()}`, { field: weights.stream.name, index: weights.stream.where(weights.line()) });
        const line = weights.line();
        weight = weights.take();
        if (!(weight >= 0 && weight < Infinity)) throw new XentError(`weight ${weight} is not a finite number ≥ 0`, { field: weights.stream.name, index: weights.stream.where(line) });
      }
      acc.addRow(values, r * width, label, weight, wherePred);
      onRow?.(values, r * width, width, label, weight, wherePred);
      rows++;
    }
    onProgress?.({ pass, rows });
  }
  if (await labels.ready()) {
    throw new XentError(`${labelStream.name} has more rows than the ${rows} predictions`, { field: labelStream.name, index: labelStream.where(labels.line()) });
  }
  if (weights !== undefined && (await weights.ready())) {
    throw new XentError(`${weights.stream.name} has more rows than the ${rows} predictions`, { field: weights.stream.name, index: weights.stream.where(weights.line()) });
  }
  if (rows === 0) throw new XentError('the predictions have no rows', { field: pred.name });
  // Σw from the sums: the whole report (a smooth-ECE bandwidth search, bootstrap intervals) is made once, at the end.
  if (!(neumaierValue(acc.sums.weight, 0) > 0)) throw new XentError('the weights sum to 0', { field: streams.weights?.name ?? 'weights' });
  return acc;
}

/** Labels are class indices 0 … K−1 (integers, or numbers with no fraction), or names from the predictions' header. */
function labelResolver(classes: number, names: readonly string[] | undefined): LabelResolver {
  const byName = new Map<string, number>();
  names?.forEach((name, k) => byName.set(name, k));
  return (token: number | string, where: () => CellWhere): number => {
    if (typeof token === 'number') {
      if (Number.isInteger(token) && token >= 0 && token < classes) return token;
      const w = where();
      const problem = Number.isInteger(token)
        ? `label ${token} is out of range for ${classes} classes (0 to ${classes - 1})`
        : `label ${token} is not a whole number`;
      throw new XentError(problem, { field: w.field, index: w.index });
    }
    const k = byName.get(token);
    if (k !== undefined) return k;
    const w = where();
    const known = names === undefined ? 'the predictions have no header of class names' : `classes are ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}`;
    throw new XentError(`unknown class '${token}' (${known})`, { field: w.field, index: w.index });
  };
}
