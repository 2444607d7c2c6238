import { XentError } from '../core/XentError.js';

/**
 * The most weights and biases `train` and `experiment` accept: 10^7 float64 parameters
 * are 80 MB, and training holds them with their gradients and the activations of a
 * batch, so a few hundred MB in all. Above that a typed array cannot be allocated at all
 * (`--hidden 100000,100000` asks for 10^10) or the machine swaps for hours.
 */
export const MAX_PARAMETERS = 10_000_000;

/** The number of weights and biases of a dense network with these layer sizes. */
export function parameterCount(sizes: readonly number[]): number {
  let count = 0;
  for (let l = 0; l + 1 < sizes.length; l++) count += sizes[l] * sizes[l + 1] + sizes[l + 1];
  return count;
}

/** Refuses a network too large to allocate, before anything is allocated. */
export function checkNetworkSize(sizes: readonly number[], flag: string): void {
  const count = parameterCount(sizes);
  if (count > MAX_PARAMETERS) {
    throw new XentError(
      `the network [${sizes.join(', ')}] has ${count.toLocaleString('en-US')} weights and biases, more than the ${MAX_PARAMETERS.toLocaleString('en-US')} supported`,
      { field: flag },
    );
  }
}
