import type { CostName } from '../../../src/nn/Cost.js';
import type { EpochRecord, TrainConfig } from '../../../src/nn/trainNetwork.js';

/** The two runs of #/mnist: A and the one it is compared with, B. */
export type RunId = 'a' | 'b';

/** Test digits shown in the grid: the first of the test part. */
export const GRID_DIGITS = 24;
/** Hidden units whose incoming weights the page draws as they learn (the first ones). */
export const UNITS_SHOWN = 8;
/** The test part, as `xent train` takes it (its default --test-size). */
export const MNIST_TEST_SIZE = 2000;
/** The split's seed, as `xent train`'s default --split-seed. */
export const MNIST_SPLIT_SEED = 0;

/** Page → worker: train the runs one after the other on the asset at these URLs. */
export interface TrainRequest {
  type: 'train';
  imagesUrl: string;
  labelsUrl: string;
  trainSize: number;
  runs: { id: RunId; config: TrainConfig }[];
  /** Threads to train on: 2 where the page is cross-origin isolated (mnistThreads.ts). */
  threads: 1 | 2;
}

/** The network's parameters, enough to rebuild it for predictions on the page. */
export interface NetworkParams {
  sizes: number[];
  cost: CostName;
  weights: Float64Array[];
  biases: Float64Array[];
}

/** Worker → page. */
export type WorkerMessage =
  /** `kernels`: whether the first layer runs in WebAssembly SIMD in the worker, or in the
   * scalar loops (no SIMD, or a CSP that forbids compiling WebAssembly). */
  | { type: 'loaded'; seconds: number; trainSize: number; testSize: number; kernels: 'wasm-simd' | 'scalar' }
  /** The grid's digits (pixels and labels), and the labels of the whole test part. */
  | { type: 'testDigits'; pixels: Float32Array; labels: Uint8Array; testLabels: Uint8Array }
  | { type: 'progress'; run: RunId; epoch: number; done: number; total: number }
  /** The incoming weights of the first `units` hidden units as they are after `done`
   * examples of `epoch`: unit u's weight from pixel i at weights[u·inputs + i]. */
  | { type: 'units'; run: RunId; epoch: number; done: number; total: number; units: number; inputs: number; weights: Float32Array }
  | {
      type: 'epoch';
      run: RunId;
      record: EpochRecord;
      network: NetworkParams;
      /** confusion[10·true + predicted]: counts over the test part. */
      confusion: number[];
      /** The predicted probabilities of the grid's digits, GRID_DIGITS × 10. */
      gridProbabilities: number[][];
      /** The predicted probabilities of every test digit, flat: row i at [10·i, 10·i + 10). */
      testProbabilities: Float64Array;
    }
  /** After each run: the threads it trained on (trainNetwork's result). */
  | { type: 'threads'; run: RunId; requested: number; used: number; fallback?: string }
  | { type: 'done' }
  | { type: 'error'; message: string };
