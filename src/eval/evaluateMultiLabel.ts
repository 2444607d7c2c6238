import { XentError } from '../core/XentError.js';
import type { ByteSource } from '../formats/ByteSource.js';
import { openTable } from '../formats/openTable.js';
import type { TableBatch } from '../formats/TableBatch.js';
import { resolveEvalOptions, type EvalOptions } from './EvalOptions.js';
import { MultiLabelAccumulator, multiLabelReport, type MultiLabelReport } from './MultiLabelSums.js';
import { TableCursor } from './TableCursor.js';

export interface MultiLabelSources {
  /** N × L predictions, one binary probability (logit, log-probability) per label. */
  pred: ByteSource;
  /** N × L answers, 0 or 1, the same shape. */
  labels: ByteSource;
  /** N weights ≥ 0, one per row. */
  weights?: ByteSource;
}

/**
 * Evaluates multi-label predictions against a 0/1 matrix of answers (and row weights), in
 * any of the table formats, streamed in one pass: memory is one batch per file and the
 * labels × bins sums. A header of the predictions names the labels; one of the answers is
 * skipped. `xent eval --multi-label` calls it over files (src/cli/commands/evalMultiLabel.test.ts).
 */
export async function evaluateMultiLabelSources(sources: MultiLabelSources, options: EvalOptions = {}): Promise<MultiLabelReport> {
  const resolved = resolveEvalOptions(options);
  if (resolved.binning !== 'uniform') throw new XentError('multi-label evaluation bins by equal width only', { field: 'binning' });
  if (resolved.normalize) throw new XentError('multi-label predictions are one probability per label, with nothing to normalise', { field: 'normalize' });
  const pred = (await openTable(sources.pred, { kind: 'numbers' }))();
  const answers = new TableCursor((await openTable(sources.labels, { kind: 'numbers' }))());
  const weights = sources.weights === undefined ? undefined : new TableCursor((await openTable(sources.weights, { kind: 'numbers' }))());
  let first = await pred.next();
  while (first !== null && first.rows === 0 && first.header === undefined) first = await pred.next();
  if (first === null) throw new XentError('the predictions have no rows', { field: pred.name });
  const L = first.width;
  const header = first.header;
  if (header !== undefined && header.length !== L) throw new XentError(`the header names ${header.length} columns but rows have ${L}`, { field: pred.name, index: pred.where(1) });
  const acc = new MultiLabelAccumulator(L, resolved, header === undefined ? undefined : [...header]);
  let rows = 0;
  let predLine = 0;
  const wherePred = () => ({ field: pred.name, index: pred.where(predLine) });
  let answerLine = 0;
  const whereAnswer = (l: number) => ({ field: answers.stream.name, index: `${answers.stream.where(answerLine)}, column ${l + 1}` });
  for (let batch: TableBatch | null = first; batch !== null; batch = await pred.next()) {
    if (batch.rows > 0 && batch.width !== L) throw new XentError(`row has ${batch.width} columns, expected ${L}`, { field: pred.name, index: pred.where(batch.lines[0]) });
    for (let r = 0; r < batch.rows; r++) {
      predLine = batch.lines[r];
      if (!answers.has() && !(await answers.ready())) throw new XentError(`${answers.stream.name} ends after ${rows} rows but the predictions go on`, { field: pred.name, index: pred.where(predLine) });
      const a = answers.batch!;
      answerLine = a.lines[answers.row];
      if (a.width !== L) throw new XentError(`the labels have ${a.width} columns but the predictions ${L}`, { field: answers.stream.name, index: answers.stream.where(answerLine) });
      let weight = 1;
      if (weights !== undefined) {
        if (!weights.has() && !(await weights.ready())) throw new XentError(`${weights.stream.name} ends after ${rows} weights but the predictions go on`, { field: pred.name, index: pred.where(predLine) });
        const wb = weights.batch!;
        const line = wb.lines[weights.row];
        if (wb.width !== 1) throw new XentError(`weights need one column, got ${wb.width}`, { field: weights.stream.name, index: weights.stream.where(line) });
        weight = wb.values[weights.row];
        if (!(weight >= 0 && weight < Infinity)) throw new XentError(`weight ${weight} is not a finite number ≥ 0`, { field: weights.stream.name, index: weights.stream.where(line) });
        weights.row++;
      }
      acc.addRow(batch.values, r * L, a.values, answers.row * L, weight, wherePred, whereAnswer);
      answers.row++;
      rows++;
    }
  }
  if (await answers.ready()) throw new XentError(`${answers.stream.name} has more rows than the ${rows} predictions`, { field: answers.stream.name, index: answers.stream.where(answers.batch!.lines[answers.row]) });
  if (weights !== undefined && (await weights.ready())) throw new XentError(`${weights.stream.name} has more rows than the ${rows} predictions`, { field: weights.stream.name, index: weights.stream.where(weights.batch!.lines[weights.row]) });
  if (rows === 0) throw new XentError('the predictions have no rows', { field: pred.name });
  const report = multiLabelReport(acc.sums);
  if (!(report.weightSum > 0)) throw new XentError('the weights sum to 0', { field: weights?.stream.name ?? 'weights' });
  return report;
}

