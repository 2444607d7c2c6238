import type { ByteSource } from '../formats/ByteSource.js';
import type { TableStream } from '../formats/TableBatch.js';
import { detectFormat, openTable, tableReader } from '../formats/openTable.js';
import { evaluateStreams, type EvaluateStreamsOptions } from './evaluateStreams.js';
import type { EvalReport } from './EvalReport.js';

export interface EvalSources {
  pred: ByteSource;
  labels: ByteSource;
  weights?: ByteSource;
}

/**
 * Evaluates predictions in byte sources of any format against labels (and weights) of any
 * format, streamed: the engine of `xent eval` (over files) and of the lab's #/eval worker
 * (over dropped files). Each source's format comes from its name (.csv, .tsv, .json,
 * .jsonl, .npy) or its first bytes.
 *
 * @example
 * await evaluateSources({ pred: fileByteSource('p.csv', '--pred'), labels: fileByteSource('y.npy', '--labels') }, { bins: 10 })
 */
export interface EvaluateSourcesOptions extends EvaluateStreamsOptions {
  /** Maps the predictions' stream before it is scored (a calibrator, say). */
  mapPredictions?: (predictions: TableStream) => TableStream;
}

export async function evaluateSources(sources: EvalSources, options: EvaluateSourcesOptions = {}): Promise<EvalReport> {
  const pred = await openTable(sources.pred, { kind: 'numbers' });
  const mapPredictions = options.mapPredictions ?? ((s: TableStream) => s);
  const labels = await detectFormat(sources.labels);
  const weights = sources.weights === undefined ? undefined : await openTable(sources.weights, { kind: 'numbers' });
  return evaluateStreams(
    () => ({
      pred: mapPredictions(pred()),
      labels: (resolve) => tableReader(labels.source, { kind: 'labels', resolve }, labels.format),
      weights: weights?.(),
    }),
    options,
  );
}
