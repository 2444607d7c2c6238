import { createRng } from '../core/random/createRng.js';
import { createDataset, type Dataset } from './Dataset.js';

/**
 * A small random classification set for tests: inputs uniform in [0, 1), labels uniform
 * over the classes, all from `seed`. Not a test itself; shared by the nn tests.
 */
export function randomDataset(n: number, inputSize: number, classes: number, seed: number): Dataset {
  const rng = createRng(seed);
  const inputs = new Float32Array(n * inputSize);
  for (let i = 0; i < inputs.length; i++) inputs[i] = rng.uniform();
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) labels[i] = rng.int(classes);
  return createDataset(inputs, labels, inputSize, classes);
}
