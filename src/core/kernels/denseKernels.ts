/**
 * The three matrix products of a dense layer over a mini-batch, the hot loops of
 * src/nn's training. They give bit for bit the results of the textbook loops of
 * referenceDenseKernels.ts (the tests check it): every output is accumulated with the
 * same operations in the same order as there (a row with fewer than half its inputs
 * nonzero is summed over its nonzero inputs in one running sum, other rows in four
 * partial sums), only the loops are arranged so that several units share each walk over
 * the inputs: independent running sums that the CPU overlaps, and one load of each input
 * for all of them.
 *
 * Shapes (B = batch, nIn, nOut): input B × nIn, weights nOut × nIn (row j = unit j),
 * out / delta B × nOut, all row-major. Nothing is allocated, except that the caller's
 * DenseScratch (the lists of nonzero inputs) grows to the largest batch seen.
 *
 * Where one of the two skips a term with a zero factor and the other adds it (±0), no
 * sum changes that is not −0; gradients start at +0 and inputs are finite (Dataset
 * checks them), so no sum is −0 and the results agree.
 */

/**
 * The nonzero inputs of each row of a batch, listed by the kernels before they sum: row
 * b's are entries [rowStart[b], rowStart[b + 1]) of `index` (the input's position k) and
 * `value`. The caller owns it (src/nn keeps one in its workspace) and passes it to every
 * kernel call, which overwrites it; the arrays grow to the largest batch seen, so a
 * training loop allocates nothing after its first step.
 */
export interface DenseScratch {
  index: Int32Array;
  value: Float64Array;
  rowStart: Int32Array;
}

/** An empty scratch; the kernels size it on first use. */
export function createDenseScratch(): DenseScratch {
  return { index: new Int32Array(0), value: new Float64Array(0), rowStart: new Int32Array(0) };
}

/**
 * Lists the nonzero inputs of every row of the batch into `scratch` and returns how many
 * rows are sparse (fewer than half their inputs nonzero: the reference's rule).
 */
function listNonzeroRows(input: Float64Array, batch: number, nIn: number, scratch: DenseScratch): number {
  if (scratch.index.length < batch * nIn) {
    scratch.index = new Int32Array(batch * nIn);
    scratch.value = new Float64Array(batch * nIn);
  }
  if (scratch.rowStart.length < batch + 1) scratch.rowStart = new Int32Array(batch + 1);
  const { index: idx, value: val, rowStart } = scratch;
  let count = 0;
  let sparseRows = 0;
  for (let b = 0; b < batch; b++) {
    rowStart[b] = count;
    const row = b * nIn;
    for (let k = 0; k < nIn; k++) {
      const v = input[row + k];
      if (v !== 0) {
        idx[count] = k;
        val[count++] = v;
      }
    }
    if (count - rowStart[b] < nIn / 2) sparseRows++;
  }
  rowStart[batch] = count;
  return sparseRows;
}

/** Whether row b, as listed in rowStart, is summed over its nonzero inputs only. */
function isSparseRow(rowStart: Int32Array, b: number, nIn: number): boolean {
  return rowStart[b + 1] - rowStart[b] < nIn / 2;
}

/**
 * out[b, j] = bias[j] + Σ_k weights[j, k] · input[b, k]   (Z = A·Wᵀ + b)
 *
 * @example
 * const out = new Float64Array(1);
 * denseForward(new Float64Array([1, 2]), 1, 2, new Float64Array([3, 4]), new Float64Array([0.5]), 1, out, createDenseScratch());
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
  scratch: DenseScratch,
): void {
  const sparseRows = listNonzeroRows(input, batch, nIn, scratch);
  const { index: idx, value: val, rowStart } = scratch;
  if (sparseRows > 0) {
    // Units outside, examples inside: the weight rows of four units stay in L1 while each
    // example's nonzero list walks them, with four independent running sums.
    let j = 0;
    for (; j + 3 < nOut; j += 4) {
      const w0 = j * nIn;
      const w1 = w0 + nIn;
      const w2 = w1 + nIn;
      const w3 = w2 + nIn;
      for (let b = 0; b < batch; b++) {
        if (!isSparseRow(rowStart, b, nIn)) continue;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let t = rowStart[b], end = rowStart[b + 1]; t < end; t++) {
          const k = idx[t];
          const v = val[t];
          s0 += weights[w0 + k] * v;
          s1 += weights[w1 + k] * v;
          s2 += weights[w2 + k] * v;
          s3 += weights[w3 + k] * v;
        }
        const o = b * nOut + j;
        out[o] = bias[j] + s0;
        out[o + 1] = bias[j + 1] + s1;
        out[o + 2] = bias[j + 2] + s2;
        out[o + 3] = bias[j + 3] + s3;
      }
    }
    // The remaining one to three units: in pairs (two running sums), then one.
    for (; j + 1 < nOut; j += 2) {
      const w0 = j * nIn;
      const w1 = w0 + nIn;
      for (let b = 0; b < batch; b++) {
        if (!isSparseRow(rowStart, b, nIn)) continue;
        let s0 = 0;
        let s1 = 0;
        for (let t = rowStart[b], end = rowStart[b + 1]; t < end; t++) {
          const k = idx[t];
          const v = val[t];
          s0 += weights[w0 + k] * v;
          s1 += weights[w1 + k] * v;
        }
        out[b * nOut + j] = bias[j] + s0;
        out[b * nOut + j + 1] = bias[j + 1] + s1;
      }
    }
    for (; j < nOut; j++) {
      const w0 = j * nIn;
      for (let b = 0; b < batch; b++) {
        if (!isSparseRow(rowStart, b, nIn)) continue;
        let s = 0;
        for (let t = rowStart[b], end = rowStart[b + 1]; t < end; t++) s += weights[w0 + idx[t]] * val[t];
        out[b * nOut + j] = bias[j] + s;
      }
    }
    if (sparseRows === batch) return;
  }
  for (let b = 0; b < batch; b++) {
    if (sparseRows > 0 && isSparseRow(rowStart, b, nIn)) continue;
    const inRow = b * nIn;
    const outRow = b * nOut;
    let j = 0;
    // Two units per walk over the row: eight partial sums, each input loaded once.
    for (; j + 1 < nOut; j += 2) {
      const w0 = j * nIn;
      const w1 = w0 + nIn;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0; // unit j
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0; // unit j + 1
      let k = 0;
      for (; k + 3 < nIn; k += 4) {
        const x0 = input[inRow + k];
        const x1 = input[inRow + k + 1];
        const x2 = input[inRow + k + 2];
        const x3 = input[inRow + k + 3];
        a0 += weights[w0 + k] * x0;
        a1 += weights[w0 + k + 1] * x1;
        a2 += weights[w0 + k + 2] * x2;
        a3 += weights[w0 + k + 3] * x3;
        c0 += weights[w1 + k] * x0;
        c1 += weights[w1 + k + 1] * x1;
        c2 += weights[w1 + k + 2] * x2;
        c3 += weights[w1 + k + 3] * x3;
      }
      for (; k < nIn; k++) {
        a0 += weights[w0 + k] * input[inRow + k];
        c0 += weights[w1 + k] * input[inRow + k];
      }
      out[outRow + j] = bias[j] + (a0 + a1 + (a2 + a3));
      out[outRow + j + 1] = bias[j + 1] + (c0 + c1 + (c2 + c3));
    }
    for (; j < nOut; j++) {
      const w0 = j * nIn;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      let k = 0;
      for (; k + 3 < nIn; k += 4) {
        a0 += weights[w0 + k] * input[inRow + k];
        a1 += weights[w0 + k + 1] * input[inRow + k + 1];
        a2 += weights[w0 + k + 2] * input[inRow + k + 2];
        a3 += weights[w0 + k + 3] * input[inRow + k + 3];
      }
      for (; k < nIn; k++) a0 += weights[w0 + k] * input[inRow + k];
      out[outRow + j] = bias[j] + (a0 + a1 + (a2 + a3));
    }
  }
}

/**
 * Accumulates the parameter gradients over the batch:
 * gradW[j, k] += Σ_b delta[b, j] · input[b, k] (δᵀ·A) and gradB[j] += Σ_b delta[b, j],
 * over the nonzero inputs only for mostly-zero rows. Units outside, examples inside and
 * in order, so each gradW[j, k] and gradB[j] receives its terms in the reference's order
 * while four gradient rows stay in L1 for the whole batch.
 *
 * With `scale`, every delta is multiplied by it first: passing a layer's own weights and
 * biases with scale = −η/B makes this the SGD update itself, one term per example, with
 * no gradient buffer to clear, scale and apply (src/nn/backprop.ts backwardUpdate).
 * scale = 1 changes nothing, bit for bit.
 */
export function denseBackwardParams(
  delta: Float64Array,
  input: Float64Array,
  batch: number,
  nIn: number,
  nOut: number,
  gradW: Float64Array,
  gradB: Float64Array,
  scratch: DenseScratch,
  scale = 1,
): void {
  const sparseRows = listNonzeroRows(input, batch, nIn, scratch);
  const { index: idx, value: val, rowStart } = scratch;
  let j = 0;
  for (; j + 3 < nOut; j += 4) {
    const g0 = j * nIn;
    const g1 = g0 + nIn;
    const g2 = g1 + nIn;
    const g3 = g2 + nIn;
    for (let b = 0; b < batch; b++) {
      const dRow = b * nOut + j;
      const d0 = scale * delta[dRow];
      const d1 = scale * delta[dRow + 1];
      const d2 = scale * delta[dRow + 2];
      const d3 = scale * delta[dRow + 3];
      if (d0 === 0 && d1 === 0 && d2 === 0 && d3 === 0) continue;
      if (d0 !== 0) gradB[j] += d0;
      if (d1 !== 0) gradB[j + 1] += d1;
      if (d2 !== 0) gradB[j + 2] += d2;
      if (d3 !== 0) gradB[j + 3] += d3;
      if (sparseRows > 0 && isSparseRow(rowStart, b, nIn)) {
        for (let t = rowStart[b], end = rowStart[b + 1]; t < end; t++) {
          const k = idx[t];
          const v = val[t];
          gradW[g0 + k] += d0 * v;
          gradW[g1 + k] += d1 * v;
          gradW[g2 + k] += d2 * v;
          gradW[g3 + k] += d3 * v;
        }
      } else {
        const inRow = b * nIn;
        for (let k = 0; k < nIn; k++) {
          const v = input[inRow + k];
          gradW[g0 + k] += d0 * v;
          gradW[g1 + k] += d1 * v;
          gradW[g2 + k] += d2 * v;
          gradW[g3 + k] += d3 * v;
        }
      }
    }
  }
  for (; j < nOut; j++) {
    const g0 = j * nIn;
    for (let b = 0; b < batch; b++) {
      const d = scale * delta[b * nOut + j];
      if (d === 0) continue;
      gradB[j] += d;
      if (sparseRows > 0 && isSparseRow(rowStart, b, nIn)) {
        for (let t = rowStart[b], end = rowStart[b + 1]; t < end; t++) gradW[g0 + idx[t]] += d * val[t];
      } else {
        const inRow = b * nIn;
        for (let k = 0; k < nIn; k++) gradW[g0 + k] += d * input[inRow + k];
      }
    }
  }
}

/**
 * Propagates the error to the layer's input: out[b, k] = Σ_j weights[j, k] · delta[b, j]
 * (δ·W), summed over j = 0, 1, … in order as the reference does, four units per pass
 * over the output row.
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
    let j = 0;
    for (; j + 3 < nOut; j += 4) {
      const d0 = delta[dRow + j];
      const d1 = delta[dRow + j + 1];
      const d2 = delta[dRow + j + 2];
      const d3 = delta[dRow + j + 3];
      const w0 = j * nIn;
      const w1 = w0 + nIn;
      const w2 = w1 + nIn;
      const w3 = w2 + nIn;
      for (let k = 0; k < nIn; k++) {
        out[oRow + k] = out[oRow + k] + d0 * weights[w0 + k] + d1 * weights[w1 + k] + d2 * weights[w2 + k] + d3 * weights[w3 + k];
      }
    }
    for (; j < nOut; j++) {
      const d = delta[dRow + j];
      if (d === 0) continue;
      const wRow = j * nIn;
      for (let k = 0; k < nIn; k++) out[oRow + k] += d * weights[wRow + k];
    }
  }
}
