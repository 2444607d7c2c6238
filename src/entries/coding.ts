/**
 * `xent/coding`: the yes/no question strategies (Huffman, Shannon) and the arithmetic
 * coder with its context models and container format. Code lengths are in bits.
 *
 * @module xent/coding
 */
export { XentError, isXentError } from '../core/XentError.js';
export * from '../coding/index.js';
