import { denseBatchedAvailable } from '../core/kernels/denseBatchedWasm.js';
import { createRng } from '../core/random/createRng.js';
import type { CostName } from './Cost.js';
import type { Dataset } from './Dataset.js';
import { createBatchedSgdTrainer } from './BatchedTrainer.js';
import { createSgdTrainer, type EpochTrainer } from './EpochTrainer.js';
import { evaluate } from './evaluate.js';
import { checkDataFits, checkRegularization } from './gradient.js';
import { createNetwork, type Network, type WeightInit } from './Network.js';
import { autoThreads } from './threads/autoThreads.js';
import { startBatchedThreads } from './threads/BatchedThreads.js';
import { startThreadedTrainer, type StartTrainingWorker } from './threads/TrainingThreads.js';
import { checkBatchSize, checkEpochs, checkEta, checkPrecision, checkThreads, type SgdSettings, type TrainingPrecision } from './trainingSettings.js';

/** Everything that determines a training run; the same config gives the same network bit for bit. */
export interface TrainConfig {
  /** Layer sizes, input first, e.g. [784, 30, 10]. */
  sizes: number[];
  cost: CostName;
  epochs: number;
  batchSize: number;
  eta: number;
  lambda: number;
  init: WeightInit;
  /** Seeds the weights and the per-epoch shuffles (one generator, in that order). */
  seed: number;
  /**
   * Threads to train on, the calling one included (1 … MAX_TRAINING_THREADS, default 1),
   * or 'auto': as many as pay for this precision, network and batch size (autoThreads.ts,
   * a measured crossover), up to TrainCallbacks.cores. The result does not depend on it,
   * bit for bit; more threads need TrainCallbacks.startWorker.
   */
  threads?: number | 'auto';
  /**
   * 'float64' (default): the exact per-example trainer. 'float32': the batched trainer
   * (BatchedTrainer.ts; on several threads BatchedThreads.ts); where the runtime has no
   * WebAssembly SIMD the run trains in float64 and its result says so.
   */
  precision?: TrainingPrecision;
}

/** One epoch's results. Costs are mean per example without the L2 term. */
export interface EpochRecord {
  epoch: number;
  trainCost: number;
  trainAccuracy: number;
  testCost: number;
  testAccuracy: number;
  /** Wall-clock seconds of the epoch's training (evaluation excluded), by `clock`. */
  seconds: number;
}

export interface TrainCallbacks {
  /**
   * After each mini-batch: for progress bars. `readFirstLayerUnits` (absent on several
   * threads) reads the first layer's weights as they are now: EpochTrainer.readFirstLayerUnits.
   */
  onBatch?: (epoch: number, examplesDone: number, examplesTotal: number, readFirstLayerUnits?: (units: number, out: Float32Array) => void) => void;
  /** After each epoch's evaluation: for live curves (the web lab) or logs. */
  onEpoch?: (record: EpochRecord, network: Network) => void;
  /** Milliseconds from an arbitrary origin; defaults to performance.now. */
  clock?: () => number;
  /**
   * Starts one worker thread of a run with config.threads > 1: an edge's way, such as
   * startNodeTrainingWorker (src/threads) in Node. Without it such a run trains on one
   * thread and says so in its result.
   */
  startWorker?: StartTrainingWorker;
  /** The cores this run may use, for threads: 'auto' (default 1, and then 'auto' trains on one). */
  cores?: number;
}

/** The threads a run trained on. */
export interface ThreadsUsed {
  /** The threads asked for (with 'auto', the number it chose). */
  requested: number;
  /** Whether `requested` was chosen by threads: 'auto'. */
  auto?: true;
  used: number;
  /** Why `used` is below `requested` (no worker could start here, or the run is of a kind one thread trains); absent otherwise. */
  fallback?: string;
}

export interface TrainResult {
  network: Network;
  epochs: EpochRecord[];
  threads: ThreadsUsed;
  /** The arithmetic the run trained in. */
  precision: TrainingPrecision;
}

/**
 * Trains a new network on `train` by mini-batch SGD for `config.epochs` epochs and
 * evaluates it on both sets after every epoch. Every setting is checked here, once.
 *
 * @example
 * const { network, epochs } = trainNetwork(
 *   { sizes: [784, 30, 10], cost: 'cross-entropy', epochs: 30, batchSize: 10, eta: 0.5, lambda: 0, init: 'default', seed: 1 },
 *   train, test);
 * epochs.at(-1).testAccuracy // ≈ 0.94 on the 8,000/2,000 split
 */
export function trainNetwork(config: TrainConfig, train: Dataset, test: Dataset, callbacks: TrainCallbacks = {}): TrainResult {
  const epochCount = checkEpochs(config.epochs);
  const settings = checkTrainSettings(config, train);
  const precision = checkPrecision(config.precision ?? 'float64');
  const asked = config.threads ?? 1;
  const auto = asked === 'auto';
  const requested = asked === 'auto' ? autoThreads(precision, config.sizes, Math.min(settings.batchSize, train.n), callbacks.cores ?? 1) : checkThreads(asked);
  const clock = callbacks.clock ?? (() => globalThis.performance.now());
  const rng = createRng(config.seed);
  const network = createNetwork({ sizes: config.sizes, cost: config.cost, init: config.init, rng });
  checkDataFits(network, train);
  checkDataFits(network, test);
  const { trainer, fallback, precision: used } = startTrainer(network, train, settings, requested, callbacks.startWorker, precision);
  const readUnits = trainer.readFirstLayerUnits?.bind(trainer);
  const epochs: EpochRecord[] = [];
  try {
    for (let epoch = 1; epoch <= epochCount; epoch++) {
      const t0 = clock();
      trainer.runEpoch(rng, callbacks.onBatch && ((done, total) => callbacks.onBatch?.(epoch, done, total, readUnits)));
      const seconds = (clock() - t0) / 1000;
      // Evaluation reads the network: the weights that live in the trainer come out here.
      trainer.readNetwork();
      const onTrain = evaluate(network, train);
      const onTest = evaluate(network, test);
      const record: EpochRecord = {
        epoch,
        trainCost: onTrain.cost,
        trainAccuracy: onTrain.accuracy,
        testCost: onTest.cost,
        testAccuracy: onTest.accuracy,
        seconds,
      };
      epochs.push(record);
      callbacks.onEpoch?.(record, network);
    }
  } finally {
    trainer.close();
  }
  const threads: ThreadsUsed = { requested, ...(auto ? { auto: true as const } : {}), used: trainer.threads, ...(fallback === undefined ? {} : { fallback }) };
  return { network, epochs, threads, precision: used };
}

/** The SGD settings of `config`, checked. */
function checkTrainSettings(config: Pick<TrainConfig, 'eta' | 'lambda' | 'batchSize'>, train: Dataset): SgdSettings {
  const batchSize = checkBatchSize(config.batchSize);
  const eta = checkEta(config.eta);
  const { lambda, n: trainingSize } = checkRegularization({ lambda: config.lambda }, train);
  return { eta, lambda, trainingSize, batchSize };
}

/** The batched float32 trainer where asked for and available; otherwise the threaded
 * trainer where it can run, else the one-thread one with the reason. */
function startTrainer(
  network: Network,
  train: Dataset,
  settings: SgdSettings,
  threads: number,
  startWorker: StartTrainingWorker | undefined,
  precision: TrainingPrecision,
): { trainer: EpochTrainer; fallback?: string; precision: TrainingPrecision } {
  if (precision === 'float32' && denseBatchedAvailable()) {
    if (threads > 1) {
      const started = startBatchedThreads(network, train, settings, threads, startWorker);
      if (typeof started !== 'string') return { trainer: started, precision };
      const batched = createBatchedSgdTrainer(network, train, settings);
      if (batched !== null) return { trainer: batched, precision, fallback: started };
    } else {
      const batched = createBatchedSgdTrainer(network, train, settings);
      if (batched !== null) return { trainer: batched, precision };
    }
  }
  return { ...startFloat64Trainer(network, train, settings, threads, startWorker), precision: 'float64' };
}

function startFloat64Trainer(
  network: Network,
  train: Dataset,
  settings: SgdSettings,
  threads: number,
  startWorker: StartTrainingWorker | undefined,
): { trainer: EpochTrainer; fallback?: string } {
  if (threads === 1) return { trainer: createSgdTrainer(network, train, settings) };
  const started = startThreadedTrainer(network, train, settings, threads, startWorker);
  if (typeof started !== 'string') return { trainer: started };
  return { trainer: createSgdTrainer(network, train, settings), fallback: started };
}
