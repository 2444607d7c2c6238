/**
 * `xent/losses`: the stable primitives and the classification losses with exact
 * gradients (PyTorch semantics), in nats. A bundle of one loss takes that loss, its
 * helpers and the kernels it dispatches to; no coder, no network, no MNIST data.
 *
 * @module xent/losses
 */
export { XentError, isXentError } from '../core/XentError.js';
export * from '../core/losses/index.js';
