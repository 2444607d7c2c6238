// The network (src/nn): the single neuron, costs as {fromLogits, delta}, the MLP, SGD,
// evaluation and model JSON. The package's export list (src/index.ts) and the `xent/nn`
// entry both re-export this list.
export { trainNeuron, validateNeuronSettings, NEURON_COSTS } from './neuron.js';
export type { NeuronSettings, NeuronRun, NeuronTraceRow, NeuronCostName } from './neuron.js';
export { costs, quadraticCost, crossEntropyCost, logLikelihoodCost } from './Cost.js';
export type { Cost, CostName } from './Cost.js';
export { sigmoidOutput, softmaxOutput } from './outputActivation.js';
export type { OutputActivation } from './outputActivation.js';
export { unitCost } from './unitCost.js';
export type { UnitCost } from './unitCost.js';
export { createDataset, subset } from './Dataset.js';
export type { Dataset } from './Dataset.js';
export { createBatch, gatherBatch } from './Batch.js';
export type { Batch } from './Batch.js';
export { splitDataset } from './splitDataset.js';
export type { SplitOptions } from './splitDataset.js';
export { createNetwork, cloneNetwork, COST_NAMES, WEIGHT_INITS } from './Network.js';
export type { Network, NetworkOptions, WeightInit } from './Network.js';
export { createWorkspace, forward, batchCost, backward } from './backprop.js';
export type { Workspace } from './backprop.js';
export { denseForward, denseBackwardParams, denseBackwardInput, createDenseScratch } from '../core/kernels/denseKernels.js';
export type { DenseScratch } from '../core/kernels/denseKernels.js';
export { objectiveGradient } from './gradient.js';
export type { RegularizationOptions } from './gradient.js';
export { trainStep } from './trainStep.js';
export type { SgdOptions } from './trainStep.js';
export { trainEpoch } from './trainEpoch.js';
export type { EpochOptions } from './trainEpoch.js';
export { evaluate } from './evaluate.js';
export type { Evaluation } from './evaluate.js';
export { trainNetwork } from './trainNetwork.js';
export type { TrainConfig, EpochRecord, TrainCallbacks } from './trainNetwork.js';
export { predict } from './predict.js';
export type { Prediction } from './predict.js';
export { networkToJson, networkFromJson } from './modelJson.js';
export type { ModelJson } from './modelJson.js';
