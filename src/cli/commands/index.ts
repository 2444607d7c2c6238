import type { RegisterCommand } from './RegisterCommand.js';

/**
 * One command as `xent --help` lists it, and where its code is. The code is imported only
 * when the command runs (or shows its own help): loading all of it took most of a short
 * command's start-up. commandTable.test.ts keeps `description` and `json` equal to what
 * each command registers.
 */
export interface CommandEntry {
  name: string;
  description: string;
  /** Whether the command takes --json (for the note under `xent --help`). */
  json: boolean;
  load(): Promise<RegisterCommand>;
}

/** Every command, in the order `xent --help` lists them. */
export const commands: readonly CommandEntry[] = [
  {
    name: 'info',
    description: 'entropy, cross-entropy, KL and JS of p (and q), or the measures of a joint table',
    json: true,
    load: async () => (await import('./info.js')).registerInfo,
  },
  {
    name: 'huffman',
    description: 'the yes/no question strategy (prefix code) built from q, used on outcomes of p',
    json: true,
    load: async () => (await import('./huffman.js')).registerHuffman,
  },
  {
    name: 'compress',
    description: 'arithmetic coding with a context model: the output size is the cross-entropy of the data under the model',
    json: true,
    load: async () => (await import('./compress.js')).registerCompress,
  },
  {
    name: 'decompress',
    description: 'restores the original from `xent compress` output, checking its CRC-32',
    json: true,
    load: async () => (await import('./decompress.js')).registerDecompress,
  },
  {
    name: 'loss',
    description: 'one loss and its exact gradient, with PyTorch semantics, from a JSON request',
    json: true,
    load: async () => (await import('./loss.js')).registerLoss,
  },
  {
    name: 'neuron',
    description: 'trains the single sigmoid neuron a = σ(wx + b) by gradient descent: the learning slowdown',
    json: true,
    load: async () => (await import('./neuron.js')).registerNeuron,
  },
  {
    name: 'derive',
    description: 'integrates ∂C/∂a = (a − y)/(a(1 − a)) numerically and compares it with the binary cross-entropy',
    json: true,
    load: async () => (await import('./derive.js')).registerDerive,
  },
  {
    name: 'train',
    description: 'train a multi-layer network on MNIST by mini-batch SGD and report cost and accuracy per epoch',
    json: true,
    load: async () => (await import('./train.js')).registerTrain,
  },
  {
    name: 'predict',
    description: 'classify images with a model saved by xent train --out',
    json: true,
    load: async () => (await import('./predict.js')).registerPredict,
  },
  {
    name: 'eval',
    description:
      'log-loss, Brier score and calibration (ECE, MCE, debiased L2 error, smooth ECE, reliability diagram) of predicted probabilities, streamed from files of any size',
    json: true,
    load: async () => (await import('./eval.js')).registerEval,
  },
  {
    name: 'calibrate',
    description:
      'fit a calibrator to predictions and labels by minimising their cross-entropy (or by isotonic regression or binning), and save it for xent eval --calibrator',
    json: true,
    load: async () => (await import('./calibrate.js')).registerCalibrate,
  },
  {
    name: 'experiment',
    description: 'run a comparison over several seeds: mnist-costs trains each output cost on each network size',
    json: true,
    load: async () => (await import('./experiment.js')).registerExperiment,
  },
  {
    name: 'lab',
    description: 'serve the interactive web lab (builds it first if web/dist is missing)',
    json: false,
    load: async () => (await import('./lab.js')).registerLab,
  },
  {
    name: 'tour',
    description: 'the story in the terminal: worked examples from each part of xent',
    json: false,
    load: async () => (await import('./tour.js')).registerTour,
  },
];

/**
 * The command `xent argv…` runs or shows help for: the first operand (commander's
 * program has no options with values), or the one after `help`. Undefined for none or
 * an unknown name.
 */
export function chosenCommand(argv: readonly string[]): CommandEntry | undefined {
  const operands = argv.filter((a) => !a.startsWith('-'));
  const name = operands[0] === 'help' ? operands[1] : operands[0];
  return commands.find((c) => c.name === name);
}
