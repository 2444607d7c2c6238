import { costs } from '../../../src/nn/Cost.js';
import type { Network } from '../../../src/nn/Network.js';
import type { EpochRecord, TrainConfig } from '../../../src/nn/trainNetwork.js';
import type { RunId, TrainRequest, WorkerMessage } from './mnistProtocol.js';
import { mnistThreads, type MnistThreads } from './mnistThreads.js';

// The compact MNIST asset (src/data/mnist/README.md), emitted by Vite as files beside the
// bundle and fetched only when a run starts. `?no-inline` keeps the tiny labels file a
// file too: a data: URL would need connect-src data: in the lab's CSP.
const IMAGES_URL = new URL('../../../src/data/mnist/digits-images-idx3-ubyte.gz?no-inline', import.meta.url).href;
const LABELS_URL = new URL('../../../src/data/mnist/digits-labels-idx1-ubyte.gz?no-inline', import.meta.url).href;

export interface RunResult {
  id: RunId;
  config: TrainConfig;
  epochs: EpochRecord[];
  network?: Network;
  confusion?: number[];
  gridProbabilities?: number[][];
  /** The predicted probabilities of every test digit after the last epoch (#/eval scores them). */
  testProbabilities?: Float64Array;
  progress?: { epoch: number; done: number; total: number };
  /** The first hidden units' incoming weights, as the worker last read them (mnistProtocol's 'units'). */
  units?: UnitWeights;
  /** The same units' weights before training (epoch 0). */
  unitsStart?: UnitWeights;
}

export interface UnitWeights {
  epoch: number;
  done: number;
  total: number;
  count: number;
  inputs: number;
  weights: Float32Array;
}

export type SessionStatus =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'training'; run: RunId; epoch: number; done: number; total: number }
  | { kind: 'finished' }
  | { kind: 'stopped' }
  | { kind: 'failed'; message: string };

/**
 * The training of #/mnist, kept outside the panel: switching the language rebuilds the
 * panel, and leaving the page leaves the worker running, so the results are still there
 * on return. One worker at a time; Stop terminates it.
 */
export interface MnistSession {
  status: SessionStatus;
  runs: RunResult[];
  testDigits?: { pixels: Float32Array; labels: Uint8Array };
  /** The true digits of the whole test part. */
  testLabels?: Uint8Array;
  /** Which kernels the worker's first layer runs on (its 'loaded' message). */
  kernels?: 'wasm-simd' | 'scalar';
  /** The threads asked for, and why; then the threads each run trained on. */
  threads?: MnistThreads;
  threadsUsed?: Partial<Record<RunId, number>>;
  /** Called after every change; the panel on screen sets it. */
  onChange?: () => void;
  start(trainSize: number, runs: { id: RunId; config: TrainConfig }[]): void;
  stop(): void;
  /** Resolves when the current training has finished, stopped or failed (at once if none runs). */
  settled(): Promise<SessionStatus>;
}

let waiting: ((status: SessionStatus) => void)[] = [];
function settle(): void {
  const resolve = waiting;
  waiting = [];
  for (const r of resolve) r(session.status);
}

let worker: Worker | undefined;

export const session: MnistSession = {
  status: { kind: 'idle' },
  runs: [],
  threadsUsed: {},
  start(trainSize, runs) {
    worker?.terminate();
    session.runs = runs.map((r) => ({ id: r.id, config: r.config, epochs: [] }));
    session.testDigits = undefined;
    session.status = { kind: 'loading' };
    session.threads = mnistThreads();
    session.threadsUsed = {};
    const w = new Worker(new URL('./mnist.worker.ts', import.meta.url), { type: 'module' });
    worker = w;
    w.addEventListener('message', (e: MessageEvent<WorkerMessage>) => {
      if (worker === w) receive(e.data);
    });
    w.addEventListener('error', (e) => {
      if (worker !== w) return;
      session.status = { kind: 'failed', message: e.message || 'the worker did not start' };
      worker = undefined;
      session.onChange?.();
      settle();
    });
    const request: TrainRequest = { type: 'train', imagesUrl: IMAGES_URL, labelsUrl: LABELS_URL, trainSize, runs, threads: session.threads.threads };
    w.postMessage(request);
    session.onChange?.();
  },
  stop() {
    if (worker === undefined) return;
    worker.terminate();
    worker = undefined;
    session.status = { kind: 'stopped' };
    session.onChange?.();
    settle();
  },
  settled() {
    return worker === undefined ? Promise.resolve(session.status) : new Promise((resolve) => waiting.push(resolve));
  },
};

function receive(m: WorkerMessage): void {
  const run = 'run' in m ? session.runs.find((r) => r.id === m.run) : undefined;
  switch (m.type) {
    case 'loaded':
      session.kernels = m.kernels;
      break;
    case 'testDigits':
      session.testDigits = { pixels: m.pixels, labels: m.labels };
      session.testLabels = m.testLabels;
      break;
    case 'progress':
      if (run) run.progress = { epoch: m.epoch, done: m.done, total: m.total };
      session.status = { kind: 'training', run: m.run, epoch: m.epoch, done: m.done, total: m.total };
      break;
    case 'units':
      if (run) {
        run.units = { epoch: m.epoch, done: m.done, total: m.total, count: m.units, inputs: m.inputs, weights: m.weights };
        if (m.epoch === 0) run.unitsStart = run.units;
      }
      break;
    case 'epoch':
      if (run) {
        run.epochs.push(m.record);
        run.network = { sizes: m.network.sizes, cost: costs[m.network.cost], weights: m.network.weights, biases: m.network.biases };
        run.confusion = m.confusion;
        run.gridProbabilities = m.gridProbabilities;
        run.testProbabilities = m.testProbabilities;
      }
      break;
    case 'threads':
      session.threadsUsed = { ...session.threadsUsed, [m.run]: m.used };
      if (m.fallback !== undefined) console.info(`#/mnist run ${m.run}: ${m.fallback}`);
      break;
    case 'done':
      session.status = { kind: 'finished' };
      worker?.terminate();
      worker = undefined;
      break;
    case 'error':
      session.status = { kind: 'failed', message: m.message };
      worker?.terminate();
      worker = undefined;
      break;
  }
  session.onChange?.();
  if (worker === undefined) settle();
}
