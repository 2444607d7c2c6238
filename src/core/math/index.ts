// The few primitives every loss, kernel reference path and nn cost derives from.
export { maxStrided } from './maxStrided.js';
export { minusMax } from './minusMax.js';
export { logSumExp, logSumExpShifted } from './logSumExp.js';
export { logSoftmax, logSoftmaxStrided } from './logSoftmax.js';
export { softmax, softmaxStrided } from './softmax.js';
export { softplus } from './softplus.js';
export { logSigmoid } from './logSigmoid.js';
export { sigmoid, sigmoidPrime } from './sigmoid.js';
export { neumaierSum, NeumaierAccumulator, neumaierSums, neumaierAdd, neumaierValue, neumaierMerge, type NeumaierSums } from './neumaierSum.js';
