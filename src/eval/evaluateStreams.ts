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

/** Reads rows of one stream across batch boundaries. */
class Cursor extends TableCursor {
  /** Line of the current row. */
  line(): number {
    return this.batch!.lines[this.row];
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
  let labelBuffer = new Int32Array(0);
  let weightBuffer = new Float64Array(0);
  for (let batch: TableBatch | null = first; batch !== null; batch = await pred.next()) {
    if (batch.rows > 0 && batch.width !== width) {
      throw new XentError(`row has ${batch.width} columns, expected ${width}`, { field: pred.name, index: pred.where(batch.lines[0]) });
    }
    const n = batch.rows;
    if (n > labelBuffer.length) {
      labelBuffer = new Int32Array(Math.max(n, 2 * labelBuffer.length));
      weightBuffer = new Float64Array(labelBuffer.length);
    }
    const lines = batch.lines;
    // The labels and weights of the batch's rows. A row whose label or weight is missing or
    // bad stops the batch there: the rows before it are added (and a bad prediction among
    // them reported) before its error is, in the order a row-by-row pass meets them.
    const gotLabels = await fillColumn(labels, labelBuffer, n);
    let count = gotLabels.count;
    let failure: unknown = gotLabels.failure;
    if (failure === undefined && count < n) {
      failure = new XentError(`${labelStream.name} ends after ${rows + count} labels but the predictions go on`, { field: pred.name, index: pred.where(lines[count]) });
    }
    if (weights !== undefined) {
      const gotWeights = await fillWeights(weights, weightBuffer, count);
      if (gotWeights.count < count) {
        count = gotWeights.count;
        failure =
          gotWeights.failure ?? new XentError(`${weights.stream.name} ends after ${rows + count} weights but the predictions go on`, { field: pred.name, index: pred.where(lines[count]) });
      }
    }
    const values = batch.values;
    acc.addBatch(values, count, labelBuffer, weights === undefined ? undefined : weightBuffer, (r) => ({ field: pred.name, index: pred.where(lines[r]) }));
    if (onRow !== undefined) {
      for (let r = 0; r < count; r++) {
        predLine = lines[r];
        onRow(values, r * width, width, labelBuffer[r], weights === undefined ? 1 : weightBuffer[r], wherePred);
      }
    }
    rows += count;
    if (failure !== undefined) throw failure;
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

/**
 * Copies column 0 of the stream's next rows into out[0 … end), crossing its batches; returns
 * how many it copied, short of `end` where the stream ended or reading it threw (`failure`,
 * thrown by the caller once the rows before it are added).
 */
async function fillColumn(cursor: Cursor, out: Int32Array | Float64Array, end: number): Promise<{ count: number; failure?: unknown }> {
  let r = 0;
  while (r < end) {
    try {
      if (!cursor.has() && !(await cursor.ready())) return { count: r };
    } catch (e) {
      return { count: r, failure: e };
    }
    const b = cursor.batch!;
    const width = b.width;
    const values = b.values;
    const m = Math.min(end - r, b.rows - cursor.row);
    let at = cursor.row * width;
    for (let i = 0; i < m; i++, at += width) out[r + i] = values[at];
    cursor.row += m;
    r += m;
  }
  return { count: r };
}

/** fillColumn for weights, stopping at the first that is not a finite number ≥ 0 (or in a table of more than one column), with its error. */
async function fillWeights(cursor: Cursor, out: Float64Array, end: number): Promise<{ count: number; failure?: unknown }> {
  let r = 0;
  while (r < end) {
    try {
      if (!cursor.has() && !(await cursor.ready())) return { count: r };
    } catch (e) {
      return { count: r, failure: e };
    }
    const b = cursor.batch!;
    const stream = cursor.stream;
    if (b.width !== 1) return { count: r, failure: new XentError(`weights need one column, got ${b.width}`, { field: stream.name, index: stream.where(b.lines[cursor.row]) }) };
    const values = b.values;
    const m = Math.min(end - r, b.rows - cursor.row);
    const from = cursor.row;
    for (let i = 0; i < m; i++) {
      const w = values[from + i];
      if (!(w >= 0 && w < Infinity)) {
        cursor.row = from + i;
        return { count: r + i, failure: new XentError(`weight ${w} is not a finite number ≥ 0`, { field: stream.name, index: stream.where(b.lines[from + i]) }) };
      }
      out[r + i] = w;
    }
    cursor.row += m;
    r += m;
  }
  return { count: r };
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
