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
 * The nonzero inputs of each row of a batch, listed by the kernels before they sum
 * (denseForward and denseBackwardParams list them only when some row is sparse): row
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

/**
 * assembly/denseInputMajor.ts (see denseInputMajorWasm.ts createInputMajorLayer), instantiated over a memory of its own that holds one
 * input-major layer: the kernels of denseKernels.ts take the sparse rows there when the
 * weights and the nonzero lists they are given are views of `memory`. Pointers are byte
 * offsets into it.
 */
export interface InputMajorSimd {
  readonly memory: WebAssembly.Memory;
  forwardSums(weightsT: number, nOut: number, units: number, idx: number, val: number, n: number, sums: number): void;
  addOuter(weightsT: number, nOut: number, units: number, idx: number, val: number, n: number, d: number): void;
  listRows(src: number, nIn: number, rows: number, idx: number, val: number, rowStart: number): number;
  /** nOut float64 values in `memory`: the sums of one row, or its scaled deltas. */
  readonly lane: Float64Array;
  /** Room in `memory` for a batch of float32 input rows, which listNonzeroExamples
   * copies there for listRows to list. */
  readonly rows: Float32Array;
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
  fitScratch(scratch, batch, nIn);
  const { index: idx, value: val, rowStart } = scratch;
  let count = 0;
  let sparseRows = 0;
  for (let b = 0; b < batch; b++) {
    rowStart[b] = count;
    const row = b * nIn;
    // Branch-free: every input is written at the end of the list, which grows past it
    // only when it is nonzero (pixels are zero or not in no pattern a branch predictor
    // could learn). −0 is dropped like +0.
    for (let k = 0; k < nIn; k++) {
      const v = input[row + k];
      idx[count] = k;
      val[count] = v;
      count += v !== 0 ? 1 : 0;
    }
    if (count - rowStart[b] < nIn / 2) sparseRows++;
  }
  rowStart[batch] = count;
  return sparseRows;
}

function fitScratch(scratch: DenseScratch, batch: number, nIn: number): void {
  if (scratch.index.length < batch * nIn) {
    scratch.index = new Int32Array(batch * nIn);
    scratch.value = new Float64Array(batch * nIn);
  }
  if (scratch.rowStart.length < batch + 1) scratch.rowStart = new Int32Array(batch + 1);
}

/**
 * listNonzeroRows for a batch that has not been gathered: row b is row rows[start + b] of
 * `source` (nIn values each, widened to float64 exactly), listed straight from there, so
 * a training loop reads each example once instead of copying it into a batch and then
 * listing it in each kernel. A row with at least half its inputs nonzero is also copied
 * into row b of `dense`, where the *Listed kernels read it; sparse rows of `dense` are
 * left as they were. Returns how many rows are sparse.
 */
export function listNonzeroExamples(
  source: Float32Array | Float64Array,
  rows: ArrayLike<number>,
  start: number,
  batch: number,
  nIn: number,
  scratch: DenseScratch,
  dense: Float64Array,
  simd: InputMajorSimd | null = null,
): number {
  fitScratch(scratch, batch, nIn);
  const { index: idx, value: val, rowStart } = scratch;
  if (simd !== null && source instanceof Float32Array && simd.rows.length >= batch * nIn && inSimdMemory(simd, rowStart, scratch) !== null) {
    // The rows are copied into the module's memory (a memcpy each) and listed there four
    // inputs at a time (assembly/denseInputMajor.ts listRows): the same lists.
    const staged = simd.rows;
    for (let b = 0; b < batch; b++) {
      const row = rows[start + b] * nIn;
      staged.set(source.subarray(row, row + nIn), b * nIn);
    }
    simd.listRows(staged.byteOffset, nIn, batch, idx.byteOffset, val.byteOffset, rowStart.byteOffset);
    let sparse = 0;
    for (let b = 0; b < batch; b++) {
      if (isSparseRow(rowStart, b, nIn)) sparse++;
      else for (let k = 0, row = rows[start + b] * nIn; k < nIn; k++) dense[b * nIn + k] = source[row + k];
    }
    return sparse;
  }
  let count = 0;
  let sparseRows = 0;
  for (let b = 0; b < batch; b++) {
    rowStart[b] = count;
    const row = rows[start + b] * nIn;
    for (let k = 0; k < nIn; k++) {
      const v = source[row + k];
      idx[count] = k;
      val[count] = v;
      count += v !== 0 ? 1 : 0;
    }
    if (count - rowStart[b] < nIn / 2) sparseRows++;
    else for (let k = 0; k < nIn; k++) dense[b * nIn + k] = source[row + k];
  }
  rowStart[batch] = count;
  return sparseRows;
}

/**
 * How many rows of the batch have fewer than half their inputs nonzero, counted without
 * listing them: the rows of a hidden layer's activations are dense, and then the lists
 * are never needed.
 */
function countSparseRows(input: Float64Array, batch: number, nIn: number): number {
  let sparseRows = 0;
  for (let b = 0; b < batch; b++) {
    let nonzero = 0;
    for (let k = b * nIn, end = k + nIn; k < end; k++) nonzero += input[k] !== 0 ? 1 : 0;
    if (nonzero < nIn / 2) sparseRows++;
  }
  return sparseRows;
}

/** The rows' lists when some row is sparse (the kernels read them only then); returns
 * the number of sparse rows. */
function listIfSparse(input: Float64Array, batch: number, nIn: number, scratch: DenseScratch): number {
  return countSparseRows(input, batch, nIn) === 0 ? 0 : listNonzeroRows(input, batch, nIn, scratch);
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
  const sparseRows = listIfSparse(input, batch, nIn, scratch);
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
  const sparseRows = listIfSparse(input, batch, nIn, scratch);
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

/**
 * The input-major layout of a layer's weights, which training keeps for the first layer
 * (see denseForwardInputMajor): weightsT[k · nOut + j] = weights[j · nIn + k], so the
 * weights that one input k feeds into all the units are adjacent. Copies, exactly.
 */
export function toInputMajor(weights: Float64Array, nIn: number, nOut: number, weightsT: Float64Array): void {
  for (let j = 0; j < nOut; j++) {
    const row = j * nIn;
    for (let k = 0; k < nIn; k++) weightsT[k * nOut + j] = weights[row + k];
  }
}

/** The inverse of toInputMajor: weights[j · nIn + k] = weightsT[k · nOut + j]. */
export function fromInputMajor(weightsT: Float64Array, nIn: number, nOut: number, weights: Float64Array): void {
  for (let j = 0; j < nOut; j++) {
    const row = j * nIn;
    for (let k = 0; k < nIn; k++) weights[row + k] = weightsT[k * nOut + j];
  }
}

/**
 * denseForward with the weights in the input-major layout (toInputMajor): the same sums,
 * bit for bit. For a mostly-zero row each nonzero input k reads weightsT[k·nOut + j …]
 * for eight adjacent units at once (one or two cache lines instead of eight rows apart),
 * eight running sums that the CPU overlaps. This is what makes the first layer of an
 * MNIST network cheap: its inputs are about 80% zeros, and the units are many.
 */
export function denseForwardInputMajor(
  input: Float64Array,
  batch: number,
  nIn: number,
  weightsT: Float64Array,
  bias: Float64Array,
  nOut: number,
  out: Float64Array,
  scratch: DenseScratch,
  simd: InputMajorSimd | null = null,
): void {
  listNonzeroRows(input, batch, nIn, scratch);
  denseForwardInputMajorListed(input, batch, nIn, weightsT, bias, nOut, out, scratch, simd);
}

/**
 * denseForwardInputMajor on a batch whose nonzero inputs `scratch` already lists
 * (listNonzeroExamples): `input` is read only in its rows with at least half their
 * inputs nonzero.
 */
export function denseForwardInputMajorListed(
  input: Float64Array,
  batch: number,
  nIn: number,
  weightsT: Float64Array,
  bias: Float64Array,
  nOut: number,
  out: Float64Array,
  scratch: DenseScratch,
  simd: InputMajorSimd | null = null,
): void {
  const { index: idx, value: val, rowStart } = scratch;
  const wasm = inSimdMemory(simd, weightsT, scratch);
  for (let b = 0; b < batch; b++) {
    const o = b * nOut;
    if (!isSparseRow(rowStart, b, nIn)) {
      denseRowInputMajor(input, b * nIn, nIn, weightsT, bias, nOut, out, o);
      continue;
    }
    const start = rowStart[b];
    const end = rowStart[b + 1];
    let j = 0;
    if (wasm !== null) {
      // The even part in SIMD (two units per lane pair), the last unit of an odd nOut below.
      const units = nOut & ~1;
      wasm.forwardSums(weightsT.byteOffset, nOut, units, idx.byteOffset + 4 * start, val.byteOffset + 8 * start, end - start, wasm.lane.byteOffset);
      const sums = wasm.lane;
      for (; j < units; j++) out[o + j] = bias[j] + sums[j];
    }
    for (; j + 7 < nOut; j += 8) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (let t = start; t < end; t++) {
        const w = idx[t] * nOut + j;
        const v = val[t];
        s0 += weightsT[w] * v;
        s1 += weightsT[w + 1] * v;
        s2 += weightsT[w + 2] * v;
        s3 += weightsT[w + 3] * v;
        s4 += weightsT[w + 4] * v;
        s5 += weightsT[w + 5] * v;
        s6 += weightsT[w + 6] * v;
        s7 += weightsT[w + 7] * v;
      }
      out[o + j] = bias[j] + s0;
      out[o + j + 1] = bias[j + 1] + s1;
      out[o + j + 2] = bias[j + 2] + s2;
      out[o + j + 3] = bias[j + 3] + s3;
      out[o + j + 4] = bias[j + 4] + s4;
      out[o + j + 5] = bias[j + 5] + s5;
      out[o + j + 6] = bias[j + 6] + s6;
      out[o + j + 7] = bias[j + 7] + s7;
    }
    for (; j + 1 < nOut; j += 2) {
      let s0 = 0, s1 = 0;
      for (let t = start; t < end; t++) {
        const w = idx[t] * nOut + j;
        const v = val[t];
        s0 += weightsT[w] * v;
        s1 += weightsT[w + 1] * v;
      }
      out[o + j] = bias[j] + s0;
      out[o + j + 1] = bias[j + 1] + s1;
    }
    for (; j < nOut; j++) {
      let s = 0;
      for (let t = start; t < end; t++) s += weightsT[idx[t] * nOut + j] * val[t];
      out[o + j] = bias[j] + s;
    }
  }
}

/** One row with at least half its inputs nonzero, input-major: four partial sums over k
 * mod 4 per unit, the tail to the first, added as (s0 + s1) + (s2 + s3), as the reference. */
function denseRowInputMajor(
  input: Float64Array,
  inRow: number,
  nIn: number,
  weightsT: Float64Array,
  bias: Float64Array,
  nOut: number,
  out: Float64Array,
  o: number,
): void {
  for (let j = 0; j < nOut; j++) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    let k = 0;
    for (; k + 3 < nIn; k += 4) {
      const w = k * nOut + j;
      a0 += weightsT[w] * input[inRow + k];
      a1 += weightsT[w + nOut] * input[inRow + k + 1];
      a2 += weightsT[w + 2 * nOut] * input[inRow + k + 2];
      a3 += weightsT[w + 3 * nOut] * input[inRow + k + 3];
    }
    for (; k < nIn; k++) a0 += weightsT[k * nOut + j] * input[inRow + k];
    out[o + j] = bias[j] + (a0 + a1 + (a2 + a3));
  }
}

/**
 * denseBackwardParams with gradW in the input-major layout (toInputMajor), bit for bit:
 * every gradW[k·nOut + j] and gradB[j] receives scale·delta[b, j]·input[b, k] for b in
 * order, only over the nonzero inputs of a mostly-zero row. Examples outside; for each,
 * eight adjacent units per walk over its nonzero inputs, their scaled deltas in registers,
 * so each input updates one or two cache lines of gradW. A block of units whose deltas
 * are all zero is skipped, as denseBackwardParams skips it.
 */
export function denseBackwardParamsInputMajor(
  delta: Float64Array,
  input: Float64Array,
  batch: number,
  nIn: number,
  nOut: number,
  gradWT: Float64Array,
  gradB: Float64Array,
  scratch: DenseScratch,
  scale = 1,
  simd: InputMajorSimd | null = null,
): void {
  listNonzeroRows(input, batch, nIn, scratch);
  denseBackwardParamsInputMajorListed(delta, input, batch, nIn, nOut, gradWT, gradB, scratch, scale, simd);
}

/**
 * denseBackwardParamsInputMajor on a batch whose nonzero inputs `scratch` already lists
 * (listNonzeroExamples): `input` is read only in its rows with at least half their
 * inputs nonzero.
 */
export function denseBackwardParamsInputMajorListed(
  delta: Float64Array,
  input: Float64Array,
  batch: number,
  nIn: number,
  nOut: number,
  gradWT: Float64Array,
  gradB: Float64Array,
  scratch: DenseScratch,
  scale = 1,
  simd: InputMajorSimd | null = null,
): void {
  const { index: idx, value: val, rowStart } = scratch;
  const wasm = inSimdMemory(simd, gradWT, scratch);
  for (let b = 0; b < batch; b++) {
    const dRow = b * nOut;
    const sparse = isSparseRow(rowStart, b, nIn);
    const start = rowStart[b];
    const end = rowStart[b + 1];
    const inRow = b * nIn;
    let j = 0;
    if (wasm !== null && sparse) {
      // In SIMD when no scaled delta of the row is zero (the scalar loop below skips
      // blocks of zeros, and a skipped +0 is not always an added +0: −0 + 0 = +0).
      const d = wasm.lane;
      let zeros = 0;
      for (let u = 0; u < nOut; u++) {
        const v = scale * delta[dRow + u];
        d[u] = v;
        if (v === 0) zeros++;
      }
      if (zeros === 0) {
        for (let u = 0; u < nOut; u++) gradB[u] += d[u];
        const units = nOut & ~1;
        wasm.addOuter(gradWT.byteOffset, nOut, units, idx.byteOffset + 4 * start, val.byteOffset + 8 * start, end - start, d.byteOffset);
        if (units < nOut) {
          const dl = d[units];
          for (let t = start; t < end; t++) gradWT[idx[t] * nOut + units] += dl * val[t];
        }
        continue;
      }
    }
    for (; j + 7 < nOut; j += 8) {
      const d0 = scale * delta[dRow + j];
      const d1 = scale * delta[dRow + j + 1];
      const d2 = scale * delta[dRow + j + 2];
      const d3 = scale * delta[dRow + j + 3];
      const d4 = scale * delta[dRow + j + 4];
      const d5 = scale * delta[dRow + j + 5];
      const d6 = scale * delta[dRow + j + 6];
      const d7 = scale * delta[dRow + j + 7];
      if (d0 === 0 && d1 === 0 && d2 === 0 && d3 === 0 && d4 === 0 && d5 === 0 && d6 === 0 && d7 === 0) continue;
      if (d0 !== 0) gradB[j] += d0;
      if (d1 !== 0) gradB[j + 1] += d1;
      if (d2 !== 0) gradB[j + 2] += d2;
      if (d3 !== 0) gradB[j + 3] += d3;
      if (d4 !== 0) gradB[j + 4] += d4;
      if (d5 !== 0) gradB[j + 5] += d5;
      if (d6 !== 0) gradB[j + 6] += d6;
      if (d7 !== 0) gradB[j + 7] += d7;
      if (sparse) {
        for (let t = start; t < end; t++) {
          const g = idx[t] * nOut + j;
          const v = val[t];
          gradWT[g] += d0 * v;
          gradWT[g + 1] += d1 * v;
          gradWT[g + 2] += d2 * v;
          gradWT[g + 3] += d3 * v;
          gradWT[g + 4] += d4 * v;
          gradWT[g + 5] += d5 * v;
          gradWT[g + 6] += d6 * v;
          gradWT[g + 7] += d7 * v;
        }
      } else {
        for (let k = 0; k < nIn; k++) {
          const g = k * nOut + j;
          const v = input[inRow + k];
          gradWT[g] += d0 * v;
          gradWT[g + 1] += d1 * v;
          gradWT[g + 2] += d2 * v;
          gradWT[g + 3] += d3 * v;
          gradWT[g + 4] += d4 * v;
          gradWT[g + 5] += d5 * v;
          gradWT[g + 6] += d6 * v;
          gradWT[g + 7] += d7 * v;
        }
      }
    }
    for (; j < nOut; j++) {
      const d = scale * delta[dRow + j];
      if (d === 0) continue;
      gradB[j] += d;
      if (sparse) {
        for (let t = start; t < end; t++) gradWT[idx[t] * nOut + j] += d * val[t];
      } else {
        for (let k = 0; k < nIn; k++) gradWT[k * nOut + j] += d * input[inRow + k];
      }
    }
  }
}

/** `simd` when the weights and the nonzero lists are views of its memory (the layout of
 * createInputMajorLayer), else null: then the scalar loops run. */
function inSimdMemory(simd: InputMajorSimd | null, weightsT: Float64Array | Int32Array, scratch: DenseScratch): InputMajorSimd | null {
  if (simd === null) return null;
  const buffer = simd.memory.buffer;
  return weightsT.buffer === buffer && scratch.index.buffer === buffer && scratch.value.buffer === buffer ? simd : null;
}
