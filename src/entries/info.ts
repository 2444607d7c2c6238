/**
 * `xent/info`: the information measures alone (entropy, cross-entropy, KL, JS, joint
 * tables, units), for a bundler that should take nothing else. Results in bits by default.
 *
 * @module xent/info
 */
export { XentError, isXentError } from '../core/XentError.js';
export * from '../core/info/index.js';
