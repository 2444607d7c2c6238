import { maxStrided } from '../core/math/maxStrided.js';
import { minusMax } from '../core/math/minusMax.js';
import { sigmoid } from '../core/math/sigmoid.js';

/**
 * The activation of an output layer, applied to one example's row of weighted inputs
 * z[offset … offset+length) and written to the same positions of `out`. Sigmoid acts on
 * each unit alone; softmax couples the row, which is why it takes the row and not a unit.
 */
export interface OutputActivation {
  readonly name: 'sigmoid' | 'softmax';
  apply(z: ArrayLike<number>, offset: number, length: number, out: Float64Array): void;
}

export const sigmoidOutput: OutputActivation = {
  name: 'sigmoid',
  apply(z, offset, length, out) {
    for (let j = offset, end = offset + length; j < end; j++) out[j] = sigmoid(z[j]);
  },
};

/**
 * softmax(z)_j = e_j / Σ_k e_k with e_j = exp(z_j − max z): no exponent is positive, so
 * nothing overflows, and the largest e_j is 1, so the sum is in [1, length].
 *
 * Written as a quotient rather than as exp(logSoftmax) (core/math softmaxStrided): the two
 * differ in the last bit, and this quotient is the arithmetic that produced the committed
 * MNIST results (docs/results), which stay reproducible bit for bit.
 */
export const softmaxOutput: OutputActivation = {
  name: 'softmax',
  apply(z, offset, length, out) {
    const m = maxStrided(z, offset, length, 1);
    const sum = sumExpMinusMax(z, offset, length, m, out);
    for (let j = offset, end = offset + length; j < end; j++) out[j] /= sum;
  },
};

/**
 * Σ_j exp(z_j − m) over the row in index order (m = max z; minusMax makes entries tied at
 * an infinite maximum count as exp 0 = 1), writing each term to `terms` if given. Shared by
 * the softmax and the log-likelihood cost, so both see the same sum.
 */
export function sumExpMinusMax(z: ArrayLike<number>, offset: number, length: number, m: number, terms?: Float64Array): number {
  let sum = 0;
  for (let j = offset, end = offset + length; j < end; j++) {
    const e = Math.exp(minusMax(z[j], m));
    if (terms !== undefined) terms[j] = e;
    sum += e;
  }
  return sum;
}
