import type { Command } from 'commander';
import { XentError } from '../core/XentError.js';
import type { EvalSources } from '../eval/evaluateSources.js';
import { checkReadableFile } from './checkReadableFile.js';
import { fileByteSource } from '../data/fileByteSource.js';
import { loadParquetEngine } from './loadParquetEngine.js';

/** The flags of `eval` and `calibrate` that name files and the columns in them. */
export interface SourceFlags {
  pred?: string;
  labels?: string;
  weights?: string;
  predColumns?: string;
  labelColumn?: string;
}

/** The library's field names of the column choice, as flags. */
export const COLUMN_FLAGS = { predColumns: '--pred-columns', labelColumn: '--label-column', labels: '--labels' } as const;

/** Adds --pred-columns and --label-column, for files whose columns have names (Parquet, Arrow IPC, .npz, safetensors). */
export function addColumnOptions(command: Command): Command {
  return command
    .option('--pred-columns <A,B,…>', 'columnar files: the prediction columns (arrays), in class order (default: every floating-point column)')
    .option('--label-column <NAME>', 'columnar files: the label column (array) (default: label, else labels); --labels may then be left out');
}

/**
 * The files as byte sources, checked before any work, with the column choice and the
 * Parquet decoder: --labels may be left out when the predictions' file holds them.
 */
export function evalSources(flags: SourceFlags): EvalSources {
  if (flags.pred === undefined) throw new XentError('missing --pred FILE', { field: '--pred' });
  for (const [path, flag] of [[flags.pred, '--pred'], [flags.labels, '--labels'], [flags.weights, '--weights']] as const) {
    if (path !== undefined) checkReadableFile(path, flag);
  }
  return {
    pred: fileByteSource(flags.pred, '--pred'),
    labels: flags.labels === undefined ? undefined : fileByteSource(flags.labels, '--labels'),
    weights: flags.weights === undefined ? undefined : fileByteSource(flags.weights, '--weights'),
    columns: { predColumns: flags.predColumns === undefined ? undefined : parseColumnNames(flags.predColumns), labelColumn: flags.labelColumn },
    parquet: loadParquetEngine,
  };
}

/** A comma list of column names: none empty, none twice. */
export function parseColumnNames(text: string): string[] {
  const names = text.split(',').map((n) => n.trim());
  const empty = names.findIndex((n) => n === '');
  if (empty >= 0) throw new XentError(`column name ${empty + 1} is empty`, { field: '--pred-columns' });
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new XentError(`column '${twice}' is named twice`, { field: '--pred-columns' });
  return names;
}
