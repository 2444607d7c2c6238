// The public API of the xent package: the pure layers only (no Node built-ins).
export { XentError, isXentError } from './core/XentError.js';
export { neumaierSum, NeumaierAccumulator } from './core/math/neumaierSum.js';
export * from './core/info/index.js';
