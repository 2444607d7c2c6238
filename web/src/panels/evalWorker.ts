/// <reference lib="webworker" />
// The #/eval worker: streams the dropped files through the same engine as `xent eval`
// (src/formats' readers, src/eval's accumulators), off the page's thread. Files are read
// with File.stream(); nothing leaves the browser.
import type { EvalOptions } from '../../../src/eval/EvalOptions.js';
import type { EvalReport } from '../../../src/eval/EvalReport.js';
import { evaluateSources } from '../../../src/eval/evaluateSources.js';
import type { ByteSource } from '../../../src/formats/ByteSource.js';
import { loadParquetEngine } from './evalParquet.js';
import { calibrateTemperature, ScoreRowsReservoir, type EvalCalibration } from './evalCalibration.js';

export interface EvalRequest {
  pred: File;
  /** Left out when the predictions' file holds a label column (Parquet, Arrow IPC, .npz, safetensors). */
  labels?: File;
  weights?: File;
  options: EvalOptions;
}

export type EvalResponse =
  | { kind: 'progress'; rows: number; pass: number }
  | { kind: 'done'; report: EvalReport }
  | { kind: 'error'; message: string; problem?: string; field?: string; index?: number | string }
  // After 'done': temperature scaling fitted on a sample of the rows, and the rows scored again.
  | { kind: 'calibration'; calibration: EvalCalibration };

/**
 * A dropped file as a ByteSource: each call of chunks() streams it again (equal-mass bins
 * read it more than once), and the columnar formats read byte ranges of it by File.slice().
 */
export function fileSource(file: File): ByteSource {
  return {
    name: file.name,
    randomAccess: { byteLength: file.size, read: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()) },
    async *chunks() {
      const reader = file.stream().getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        reader.releaseLock();
      }
    },
  };
}

/** Replicates and seed of the page's Poisson bootstrap (the band of the smoothed reliability diagram). */
export const LAB_BOOTSTRAP_REPLICATES = 200;
export const LAB_BOOTSTRAP_SEED = 1;

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = async (event: MessageEvent<EvalRequest>) => {
  const { pred, labels, weights, options } = event.data;
  let last = 0;
  try {
    const sources = { pred: fileSource(pred), labels: labels === undefined ? undefined : fileSource(labels), weights: weights === undefined ? undefined : fileSource(weights), parquet: loadParquetEngine };
    const sample = new ScoreRowsReservoir(options.input ?? 'probs', options.normalize ?? false);
    const report = await evaluateSources(
      sources,
      {
        ...options,
        // The smoothed reliability diagram's band, as `xent eval --bootstrap 200 --seed 1`.
        scale: { bootstrap: { replicates: LAB_BOOTSTRAP_REPLICATES, seed: LAB_BOOTSTRAP_SEED, rowOffset: 0 } },
        onRow: sample.add,
        onProgress: ({ rows, pass }) => {
          const now = Date.now();
          if (now - last > 100) {
            last = now;
            scope.postMessage({ kind: 'progress', rows, pass } satisfies EvalResponse);
          }
        },
      },
    );
    scope.postMessage({ kind: 'done', report } satisfies EvalResponse);
    const calibration = await calibrateTemperature(sample.finish(), report.n, options, (scaled) => evaluateSources(sources, scaled));
    scope.postMessage({ kind: 'calibration', calibration } satisfies EvalResponse);
  } catch (e) {
    // An XentError's parts (duck-typed: this file's imports stay as they are), so the page
    // can say the problem in its own language.
    const parts = e as { problem?: unknown; field?: unknown; index?: unknown };
    scope.postMessage({
      kind: 'error',
      message: e instanceof Error ? e.message : String(e),
      ...(typeof parts.problem === 'string' ? { problem: parts.problem } : {}),
      ...(typeof parts.field === 'string' ? { field: parts.field } : {}),
      ...(typeof parts.index === 'string' || typeof parts.index === 'number' ? { index: parts.index } : {}),
    } satisfies EvalResponse);
  }
};
