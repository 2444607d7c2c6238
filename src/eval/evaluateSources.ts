import { XentError } from '../core/XentError.js';
import type { ByteSource } from '../formats/ByteSource.js';
import type { ColumnarTable, ColumnInfo } from '../formats/ColumnarTable.js';
import { columnarTableStream } from '../formats/columnarTableStream.js';
import { chooseLabelColumn, choosePredictionColumns, detectColumnar, openColumnar, type ColumnarReaders, type ColumnChoice } from '../formats/openColumnar.js';
import type { CellMode } from '../formats/CellMode.js';
import type { LabelResolver, TableStream } from '../formats/TableBatch.js';
import { detectFormat, tableReader } from '../formats/openTable.js';
import { evaluateStreams, type EvaluateStreamsOptions } from './evaluateStreams.js';
import type { EvalReport } from './EvalReport.js';

export interface EvalSources extends ColumnarReaders {
  pred: ByteSource;
  /** The labels; left out, they are the label column of a columnar predictions file. */
  labels?: ByteSource;
  weights?: ByteSource;
  /** Which columns of a columnar file (Parquet, Arrow IPC, .npz, safetensors) to read. */
  columns?: ColumnChoice;
}

/**
 * Evaluates predictions in byte sources of any format against labels (and weights) of any
 * format, streamed: the engine of `xent eval` (over files) and of the lab's #/eval worker
 * (over dropped files). Each source's format comes from its name (.csv, .tsv, .json,
 * .jsonl, .npy, .parquet, .arrow, .npz, .safetensors) or its first bytes. A columnar file
 * may hold the labels beside the predictions, and then `labels` may be left out.
 *
 * @example
 * await evaluateSources({ pred: fileByteSource('p.csv', '--pred'), labels: fileByteSource('y.npy', '--labels') }, { bins: 10 })
 */
export interface EvaluateSourcesOptions extends EvaluateStreamsOptions {
  /** Maps the predictions' stream before it is scored (a calibrator, say). */
  mapPredictions?: (predictions: TableStream) => TableStream;
}

export async function evaluateSources(sources: EvalSources, options: EvaluateSourcesOptions = {}): Promise<EvalReport> {
  const choice = sources.columns ?? {};
  const open = async (source: ByteSource): Promise<ColumnarTable | undefined> => {
    const format = await detectColumnar(source);
    return format === undefined ? undefined : openColumnar(source, format, sources);
  };
  const predTable = await open(sources.pred);
  // Sniffed before anything else is said: a pipe that holds a columnar file is refused by name.
  const predFormat = predTable === undefined ? await detectFormat(sources.pred) : undefined;
  const labelTable = sources.labels === undefined ? predTable : await open(sources.labels);
  if (sources.labels === undefined && predTable === undefined) {
    throw new XentError(`missing labels: ${sources.pred.name} is not a columnar file (Parquet, Arrow IPC, .npz, safetensors) that could hold them beside the predictions`, { field: 'labels' });
  }
  if (predTable === undefined && choice.predColumns !== undefined) throw new XentError(`prediction columns are chosen in columnar files only, and ${sources.pred.name} is not one`, { field: 'predColumns' });
  if (labelTable === undefined && choice.labelColumn !== undefined) throw new XentError(`a label column is chosen in columnar files only, and ${sources.labels!.name} is not one`, { field: 'labelColumn' });

  const labelColumn = labelTable === undefined ? undefined : chooseLabelColumn(labelTable, choice);
  let pred: () => TableStream;
  if (predTable === undefined) {
    const f = predFormat!;
    pred = () => tableReader(f.source, { kind: 'numbers' }, f.format);
  } else {
    const columns = choosePredictionColumns(predTable, choice, labelTable === predTable ? labelColumn : undefined);
    const header = columns.every((c) => c.width === 1) ? columns.map((c) => c.name) : undefined;
    pred = () => columnarTableStream(predTable, columns, { kind: 'numbers' }, header);
  }
  let labels: (resolve: LabelResolver) => TableStream;
  if (labelTable === undefined) {
    const f = await detectFormat(sources.labels!);
    labels = (resolve) => tableReader(f.source, { kind: 'labels', resolve }, f.format);
  } else labels = (resolve) => columnarTableStream(labelTable, [labelColumn!], { kind: 'labels', resolve });
  const weights = sources.weights === undefined ? undefined : await weightsReader(sources.weights, await open(sources.weights));
  const mapPredictions = options.mapPredictions ?? ((s: TableStream) => s);
  return evaluateStreams(() => ({ pred: mapPredictions(pred()), labels, weights: weights?.() }), options);
}

/** The weights: a table's one column, or a columnar file's `weight`/`weights` column (else its only numeric one). */
async function weightsReader(source: ByteSource, table: ColumnarTable | undefined): Promise<() => TableStream> {
  const mode: CellMode = { kind: 'numbers' };
  if (table === undefined) {
    const f = await detectFormat(source);
    return () => tableReader(f.source, mode, f.format);
  }
  const numeric = table.columns.filter((c) => c.kind === 'float' || c.kind === 'integer');
  const column: ColumnInfo | undefined = table.columns.find((c) => c.name === 'weight' || c.name === 'weights') ?? (numeric.length === 1 ? numeric[0] : undefined);
  if (column === undefined) throw new XentError(`no column 'weight' in ${table.name}, and not one numeric column but ${numeric.length}`, { field: source.name });
  return () => columnarTableStream(table, [column], mode);
}
