export { entropy, type InfoOptions } from './entropy.js';
export { crossEntropy } from './crossEntropy.js';
export { klDivergence } from './klDivergence.js';
export { jsDivergence } from './jsDivergence.js';
export { jointMeasures, toJointDistribution, type JointMeasures } from './jointMeasures.js';
export { toDistribution, type DistributionOptions } from './toDistribution.js';
export { natsTo, parseUnit, INFO_UNITS, type InfoUnit } from './unit.js';
