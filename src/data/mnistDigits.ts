// The MNIST digit decoders are pure and live in src/nn, so the web lab's worker decodes
// the compact asset with the very code `xent train` uses (the lab may not import
// src/data); re-exported here, beside loadMnist.
export { MNIST_PIXELS, mnistDigitsFromIdx, mnistDigitsToDataset, mnistPixelValue } from '../nn/mnistDigits.js';
