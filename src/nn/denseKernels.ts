/**
 * The hot loops of training: the three matrix products of a dense layer over a
 * mini-batch, on row-major typed arrays, allocating nothing. Everything else in
 * training is O(units) per example; these are O(weights) per example.
 *
 * Shapes (B = batch, nIn, nOut): input B × nIn, weights nOut × nIn (row j = unit j),
 * out / delta B × nOut. Each inner loop runs over adjacent memory of both operands.
 * The benchmark issue may swap in tuned versions with the same signatures.
 */

/** Positions of the nonzero inputs of one row; grown on demand, reused across calls. */
let nonzero = new Int32Array(0);

/**
 * Lists the positions of the nonzero values of input[offset … offset+n) in `nonzero`
 * and returns how many there are.
 */
function listNonzero(input: Float64Array, offset: number, n: number): number {
  if (nonzero.length < n) nonzero = new Int32Array(n);
  const nz = nonzero;
  let count = 0;
  for (let k = 0; k < n; k++) if (input[offset + k] !== 0) nz[count++] = k;
  return count;
}

/**
 * out[b, j] = bias[j] + Σ_k weights[j, k] · input[b, k]   (Z = A·Wᵀ + b)
 *
 * A row with mostly zero inputs (about 80% of MNIST pixels are 0) is summed over its
 * nonzero positions only, about 4× less work for the first layer; other rows use four
 * partial sums, which break the dependency chain of one running sum. Either way the
 * order of the additions depends only on the data, so results are reproducible.
 *
 * @example
 * const out = new Float64Array(1);
 * denseForward(new Float64Array([1, 2]), 1, 2, new Float64Array([3, 4]), new Float64Array([0.5]), 1, out);
 * out[0] // 11.5
 */
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
    const inRow = b * nIn;
    const outRow = b * nOut;
    const count = listNonzero(input, inRow, nIn);
    // Indirect indexing costs more per term; it pays only when most inputs are zero.
    if (count < nIn / 2) {
      const nz = nonzero;
      for (let j = 0; j < nOut; j++) {
        const wRow = j * nIn;
        let s = 0;
        for (let t = 0; t < count; t++) {
          const k = nz[t];
          s += weights[wRow + k] * input[inRow + k];
        }
        out[outRow + j] = bias[j] + s;
      }
      continue;
    }
    for (let j = 0; j < nOut; j++) {
      const wRow = j * nIn;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let k = 0;
      for (; k + 3 < nIn; k += 4) {
        s0 += weights[wRow + k] * input[inRow + k];
        s1 += weights[wRow + k + 1] * input[inRow + k + 1];
        s2 += weights[wRow + k + 2] * input[inRow + k + 2];
        s3 += weights[wRow + k + 3] * input[inRow + k + 3];
      }
      for (; k < nIn; k++) s0 += weights[wRow + k] * input[inRow + k];
      out[outRow + j] = bias[j] + (s0 + s1 + (s2 + s3));
    }
  }
}

/**
 * Accumulates the parameter gradients of a dense layer over the batch:
 * gradW[j, k] += Σ_b delta[b, j] · input[b, k] (δᵀ·A) and gradB[j] += Σ_b delta[b, j].
 *
 * Terms with a zero factor add exactly nothing, so they are skipped: a zero delta skips
 * a row, and a mostly-zero input row (about 80% of MNIST pixels are 0) is walked
 * through the list of its nonzero positions only, which is about 4× less work for the
 * first layer. The result is the same sum in the same order.
 */
export function denseBackwardParams(
  delta: Float64Array,
  input: Float64Array,
  batch: number,
  nIn: number,
  nOut: number,
  gradW: Float64Array,
  gradB: Float64Array,
): void {
  for (let b = 0; b < batch; b++) {
    const inRow = b * nIn;
    const dRow = b * nOut;
    const count = listNonzero(input, inRow, nIn);
    const nz = nonzero;
    const sparse = count < nIn / 2;
    for (let j = 0; j < nOut; j++) {
      const d = delta[dRow + j];
      if (d === 0) continue;
      gradB[j] += d;
      const gRow = j * nIn;
      if (sparse) {
        for (let t = 0; t < count; t++) {
          const k = nz[t];
          gradW[gRow + k] += d * input[inRow + k];
        }
      } else {
        for (let k = 0; k < nIn; k++) gradW[gRow + k] += d * input[inRow + k];
      }
    }
  }
}

/**
 * Propagates the error to the layer's input: out[b, k] = Σ_j weights[j, k] · delta[b, j]
 * (δ·W), before the previous layer's σ' is applied.
 */
export function denseBackwardInput(
  delta: Float64Array,
  weights: Float64Array,
  batch: number,
  nIn: number,
  nOut: number,
  out: Float64Array,
): void {
  out.fill(0, 0, batch * nIn);
  for (let b = 0; b < batch; b++) {
    const oRow = b * nIn;
    const dRow = b * nOut;
    for (let j = 0; j < nOut; j++) {
      const d = delta[dRow + j];
      if (d === 0) continue;
      const wRow = j * nIn;
      for (let k = 0; k < nIn; k++) out[oRow + k] += d * weights[wRow + k];
    }
  }
}
