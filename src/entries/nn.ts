/**
 * `xent/nn`: the single sigmoid neuron and the multi-layer network (costs as {fromLogits, delta},
 * seeded initialisation, SGD, evaluation, model JSON), with the pure MNIST decoders the
 * web lab shares with `xent train`. Costs are in nats. No Node built-ins.
 *
 * @module xent/nn
 */
export { XentError, isXentError } from '../core/XentError.js';
export { createRng, type Rng } from '../core/random/createRng.js';
export { shuffleInPlace } from '../core/random/shuffleInPlace.js';
export * from '../nn/index.js';
export { mnistDigitsFromIdx, mnistDigitsToDataset, mnistPixelValue, MNIST_PIXELS, type MnistDigits } from '../formats/mnistDigits.js';
export { readIdx, writeIdx, type IdxData, type IdxType, type IdxArray } from '../formats/idx.js';
