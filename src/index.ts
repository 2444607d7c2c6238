// The public API of the xent package: the pure layers only (no Node built-ins).
export { XentError, isXentError } from './core/XentError.js';
export { neumaierSum, NeumaierAccumulator } from './core/math/neumaierSum.js';
export * from './core/info/index.js';
export * from './coding/index.js';
export * from './core/losses/index.js';
export { softmaxCrossEntropyKernel, bceWithLogitsKernel, initWasmKernels, fastExpNonPositive, createKernelArena } from './core/kernels/index.js';
export type { KernelArray, KernelBackend, SoftmaxCrossEntropyKernelOptions, BceWithLogitsKernelOptions, KernelArena, KernelArenaOptions } from './core/kernels/index.js';
export { neuronFigureData, neuronPresetFigure, deltaCurves } from './experiments/neuronFigure.js';
export type { NeuronFigureData, DeltaCurves } from './experiments/neuronFigure.js';
export { NEURON_PRESETS, NEURON_PRESET_NAMES } from './experiments/neuronPresets.js';
export { deriveCrossEntropy, averageSigmoidSlope, DERIVATION_GRID } from './experiments/deriveCrossEntropy.js';
export { adaptiveSimpson } from './experiments/deriveAdaptiveSimpson.js';
export { neuronFigureSpec } from './experiments/neuronFigureSpec.js';
export { COST_STYLES, type CostStyle } from './experiments/costStyles.js';
export * from './plot/index.js';
export { createRng } from './core/random/createRng.js';
export type { Rng } from './core/random/createRng.js';
export { shuffleInPlace } from './core/random/shuffleInPlace.js';
export { categoricalSampler, sampleIndex } from './core/random/categoricalSampler.js';
// The network (src/nn): everything the CLI and the web lab's worker call.
export * from './nn/index.js';
// The pure decoders of formats/ and the MNIST cost comparison of experiments/.
export { mnistDigitsFromIdx, mnistDigitsToDataset, mnistPixelValue, MNIST_PIXELS, type MnistDigits } from './formats/mnistDigits.js';
export { readIdx, writeIdx } from './formats/idx.js';
export type { IdxData, IdxType, IdxArray } from './formats/idx.js';
export { runMnistCosts, meanSd, DEFAULT_ARMS } from './experiments/mnistCosts.js';
export type { CostArm, MnistCostsOptions, MnistCostsResult, MnistCostsRow, MeanSd } from './experiments/mnistCosts.js';
export { mnistCostsFigure } from './experiments/mnistCostsFigure.js';
// Calibrators fitted by cross-entropy, and the classic maps (src/calibration).
export * from './calibration/index.js';
