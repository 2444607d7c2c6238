/**
 * `xent/nn`: the single sigmoid neuron and the multi-layer network (costs as {fn, delta},
 * seeded initialisation, SGD, evaluation, model JSON), with the pure MNIST decoders the
 * web lab shares with `xent train`. Costs are in nats. No Node built-ins.
 *
 * @module xent/nn
 */
export { XentError, isXentError } from '../core/XentError.js';
export { createRng, type Rng } from '../core/random/createRng.js';
export { shuffleInPlace } from '../core/random/shuffleInPlace.js';
export { trainNeuron, neuronCost, validateNeuronSettings, NEURON_COSTS } from '../nn/neuron.js';
export type { NeuronSettings, NeuronRun, NeuronTraceRow, NeuronCostName } from '../nn/neuron.js';
export { costs, quadraticCost, crossEntropyCost, logLikelihoodCost, type Cost, type CostName } from '../nn/Cost.js';
export { createDataset, subset, type Dataset } from '../nn/Dataset.js';
export { splitDataset, type SplitOptions } from '../nn/splitDataset.js';
export { createNetwork, cloneNetwork, COST_NAMES, WEIGHT_INITS, type Network, type NetworkOptions, type WeightInit } from '../nn/Network.js';
export { createWorkspace, forwardBatch, backwardBatch, type Workspace } from '../nn/backprop.js';
export { objectiveGradient, type RegularizationOptions } from '../nn/gradient.js';
export { trainStep, type SgdOptions } from '../nn/trainStep.js';
export { trainEpoch, type EpochOptions } from '../nn/trainEpoch.js';
export { evaluate, type Evaluation } from '../nn/evaluate.js';
export { trainNetwork, type TrainConfig, type EpochRecord, type TrainCallbacks } from '../nn/trainNetwork.js';
export { predict, type Prediction } from '../nn/predict.js';
export { networkToJson, networkFromJson, type ModelJson } from '../nn/modelJson.js';
export { exampleCost } from '../nn/exampleCost.js';
export { mnistDigitsFromIdx, mnistDigitsToDataset, mnistPixelValue, MNIST_PIXELS } from '../data/mnistDigits.js';
export { readIdx, writeIdx, type IdxData, type IdxType, type IdxArray } from '../data/idx.js';
