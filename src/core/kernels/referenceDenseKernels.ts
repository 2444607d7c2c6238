/**
 * The reference for the tuned kernels of denseKernels.ts, for tests only: the three
 * matrix products of a dense layer over a mini-batch as textbook loops, one output at a
 * time. The tuned kernels must give these results bit for bit in float64, so the loops
 * fix the order of the additions and nothing else:
 *   - the sums over the batch (δᵀ·A) and over the units (δ·W) run in index order;
 *   - the sum over the inputs (A·Wᵀ) is one running sum over the nonzero inputs for a row
 *     with fewer than half its inputs nonzero (most MNIST digits), and otherwise four
 *     partial sums over k mod 4, added as (s0 + s1) + (s2 + s3).
 * Terms with a zero factor add ±0, which changes no sum that is not −0, so whether a
 * kernel skips them does not matter.
 *
 * Shapes (B = batch, nIn, nOut): input B × nIn, weights nOut × nIn (row j = unit j),
 * out / delta B × nOut, all row-major.
 */

/** out[b, j] = bias[j] + Σ_k weights[j, k] · input[b, k]   (Z = A·Wᵀ + b) */
export function denseForward(
  input: Float64Array,
  batch: number,
  nIn: number,
  weights: Float64Array,
  bias: Float64Array,
  nOut: number,
  out: Float64Array,
): void {
  for (let b = 0; b < batch; b++) {
    let nonzero = 0;
    for (let k = 0; k < nIn; k++) if (input[b * nIn + k] !== 0) nonzero++;
    for (let j = 0; j < nOut; j++) {
      const partial = [0, 0, 0, 0];
      for (let k = 0; k < nIn; k++) {
        const x = input[b * nIn + k];
        if (nonzero < nIn / 2) {
          if (x !== 0) partial[0] += weights[j * nIn + k] * x;
        } else {
          // The tail after the last whole group of four goes to the first sum.
          const lane = k < nIn - (nIn % 4) ? k % 4 : 0;
          partial[lane] += weights[j * nIn + k] * x;
        }
      }
      out[b * nOut + j] = bias[j] + (partial[0] + partial[1] + (partial[2] + partial[3]));
    }
  }
}

/** gradW[j, k] += Σ_b delta[b, j] · input[b, k] (δᵀ·A) and gradB[j] += Σ_b delta[b, j] */
export function denseBackwardParams(
  delta: Float64Array,
  input: Float64Array,
  batch: number,
  nIn: number,
  nOut: number,
  gradW: Float64Array,
  gradB: Float64Array,
): void {
  for (let j = 0; j < nOut; j++) {
    for (let b = 0; b < batch; b++) gradB[j] += delta[b * nOut + j];
    for (let k = 0; k < nIn; k++) {
      for (let b = 0; b < batch; b++) gradW[j * nIn + k] += delta[b * nOut + j] * input[b * nIn + k];
    }
  }
}

/** out[b, k] = Σ_j weights[j, k] · delta[b, j]   (δ·W) */
export function denseBackwardInput(
  delta: Float64Array,
  weights: Float64Array,
  batch: number,
  nIn: number,
  nOut: number,
  out: Float64Array,
): void {
  for (let b = 0; b < batch; b++) {
    for (let k = 0; k < nIn; k++) {
      let s = 0;
      for (let j = 0; j < nOut; j++) s += weights[j * nIn + k] * delta[b * nOut + j];
      out[b * nIn + k] = s;
    }
  }
}
