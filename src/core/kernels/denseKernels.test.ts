import { describe, expect, it } from 'vitest';
import { createRng } from '../random/createRng.js';
import * as reference from './referenceDenseKernels.js';
import {
  createDenseScratch,
  denseBackwardInput,
  denseBackwardParams,
  denseBackwardParamsInputMajor,
  denseForward,
  denseBackwardParamsInputMajorListed,
  denseForwardInputMajor,
  denseForwardInputMajorListed,
  fromInputMajor,
  listNonzeroExamples,
  toInputMajor,
  type DenseScratch,
} from './denseKernels.js';
import { createInputMajorLayer } from './denseInputMajorWasm.js';

function randomArray(rng: ReturnType<typeof createRng>, n: number, zeroFraction = 0): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.uniform() < zeroFraction ? 0 : rng.normal();
  return a;
}

// Batches and widths around the block sizes (2 and 4 examples, 4 inputs, 4 units).
// Dense inputs (20% zeros) and sparse ones (85% zeros, like MNIST's blank pixels).
const shapes: [number, number, number, number][] = [
  [1, 1, 1, 0.2],
  [2, 3, 2, 0.2],
  [3, 5, 4, 0.2],
  [10, 784, 30, 0.2],
  [7, 30, 10, 0.2],
  [5, 9, 7, 0.2],
  [1, 1, 1, 0.85],
  [3, 7, 5, 0.85],
  [10, 784, 30, 0.85],
  [9, 783, 10, 0.85],
  [4, 50, 3, 1],
  [8, 40, 9, 0.5],
];

describe('dense kernels: bit-for-bit the reference loops', () => {
  // One scratch for every shape, in an order where smaller batches follow larger ones:
  // what a bigger batch left in it must not leak into a smaller one.
  const shared = createDenseScratch();
  for (const [batch, nIn, nOut, zeros] of shapes) {
    it(`batch ${batch}, ${nIn} → ${nOut}, ${zeros * 100}% zero inputs`, () => {
      const rng = createRng(batch * 10_000 + nIn * 10 + nOut);
      const input = randomArray(rng, batch * nIn, zeros);
      const weights = randomArray(rng, nOut * nIn);
      const bias = randomArray(rng, nOut);
      const delta = randomArray(rng, batch * nOut, 0.3);

      const outA = new Float64Array(batch * nOut);
      const outB = new Float64Array(batch * nOut);
      denseForward(input, batch, nIn, weights, bias, nOut, outA, shared);
      reference.denseForward(input, batch, nIn, weights, bias, nOut, outB);
      expect(Array.from(outA)).toEqual(Array.from(outB));

      // Accumulates onto what is there, as the reference does.
      const gwA = randomArray(rng, nOut * nIn);
      const gbA = randomArray(rng, nOut);
      const gwB = gwA.slice();
      const gbB = gbA.slice();
      denseBackwardParams(delta, input, batch, nIn, nOut, gwA, gbA, shared);
      reference.denseBackwardParams(delta, input, batch, nIn, nOut, gwB, gbB);
      expect(Array.from(gwA)).toEqual(Array.from(gwB));
      expect(Array.from(gbA)).toEqual(Array.from(gbB));

      // With a scale (−η/B for the fused SGD update): the reference on scaled deltas.
      const scale = -0.037;
      denseBackwardParams(delta, input, batch, nIn, nOut, gwA, gbA, shared, scale);
      reference.denseBackwardParams(delta.map((d) => scale * d), input, batch, nIn, nOut, gwB, gbB);
      expect(Array.from(gwA)).toEqual(Array.from(gwB));
      expect(Array.from(gbA)).toEqual(Array.from(gbB));

      const dxA = new Float64Array(batch * nIn).fill(9);
      const dxB = new Float64Array(batch * nIn);
      denseBackwardInput(delta, weights, batch, nIn, nOut, dxA);
      reference.denseBackwardInput(delta, weights, batch, nIn, nOut, dxB);
      expect(Array.from(dxA)).toEqual(Array.from(dxB));
    });
  }

  it('computes Z = A·Wᵀ + b on a hand-checked example', () => {
    // A = [[1, 2], [3, 4], [5, 6]], W = [[1, 0], [0, 1], [1, 1]], b = [0, 10, 100].
    const out = new Float64Array(9);
    denseForward(new Float64Array([1, 2, 3, 4, 5, 6]), 3, 2, new Float64Array([1, 0, 0, 1, 1, 1]), new Float64Array([0, 10, 100]), 3, out, createDenseScratch());
    expect(Array.from(out)).toEqual([1, 12, 103, 3, 14, 107, 5, 16, 111]);
  });
});

// Both the kernels and their reference against the textbook triple loops, on sizes that
// are not multiples of the unrolling and with exact zeros (which both skip). Row 0 of X
// is dense and rows 1–2 mostly zero, so both the dense and the sparse paths run.
describe('dense kernels: the textbook formulas', () => {
  const rng = createRng(99);
  const B = 3;
  const nIn = 7;
  const nOut = 5;
  const X = Float64Array.from([...randomArray(rng, nIn), 0, 0, 1.5, 0, 0, 0, -2, 0, 0.25, 0, 0, 0, 0, 0]);
  const W = randomArray(rng, nOut * nIn, 0.3);
  const bias = randomArray(rng, nOut, 0.3);
  const D = randomArray(rng, B * nOut, 0.3);
  const x = (b: number, k: number) => X[b * nIn + k];
  const w = (j: number, k: number) => W[j * nIn + k];
  const d = (b: number, j: number) => D[b * nOut + j];

  const scratch = createDenseScratch();
  const tuned: typeof reference = {
    denseForward: (...args) => denseForward(...args, scratch),
    denseBackwardParams: (...args) => denseBackwardParams(...args, scratch),
    denseBackwardInput,
  };
  for (const [name, kernels] of [['tuned', tuned], ['reference', reference]] as const) {
    it(`${name}: denseForward computes X·Wᵀ + b`, () => {
      const out = new Float64Array(B * nOut);
      kernels.denseForward(X, B, nIn, W, bias, nOut, out);
      for (let b = 0; b < B; b++) {
        for (let j = 0; j < nOut; j++) {
          let s = bias[j];
          for (let k = 0; k < nIn; k++) s += w(j, k) * x(b, k);
          expect(out[b * nOut + j]).toBeCloseTo(s, 13);
        }
      }
    });

    it(`${name}: denseBackwardParams adds δᵀ·X to gradW and the column sums of δ to gradB`, () => {
      const gradW = new Float64Array(nOut * nIn).fill(0.5);
      const gradB = new Float64Array(nOut).fill(-1);
      kernels.denseBackwardParams(D, X, B, nIn, nOut, gradW, gradB);
      for (let j = 0; j < nOut; j++) {
        let sb = -1;
        for (let b = 0; b < B; b++) sb += d(b, j);
        expect(gradB[j]).toBeCloseTo(sb, 13);
        for (let k = 0; k < nIn; k++) {
          let s = 0.5;
          for (let b = 0; b < B; b++) s += d(b, j) * x(b, k);
          expect(gradW[j * nIn + k]).toBeCloseTo(s, 13);
        }
      }
    });

    it(`${name}: denseBackwardInput computes δ·W and overwrites stale values`, () => {
      const out = new Float64Array(B * nIn).fill(123);
      kernels.denseBackwardInput(D, W, B, nIn, nOut, out);
      for (let b = 0; b < B; b++) {
        for (let k = 0; k < nIn; k++) {
          let s = 0;
          for (let j = 0; j < nOut; j++) s += w(j, k) * d(b, j);
          expect(out[b * nIn + k]).toBeCloseTo(s, 13);
        }
      }
    });
  }
});

describe('dense kernels: a scratch owned by the caller', () => {
  it('two scratches in use at once give the same results as one, and each holds its own lists', () => {
    const rng = createRng(5);
    const [batch, nIn, nOut] = [6, 40, 7];
    const sparse = randomArray(rng, batch * nIn, 0.9);
    const dense = randomArray(rng, batch * nIn, 0.1);
    const weights = randomArray(rng, nOut * nIn);
    const bias = randomArray(rng, nOut);
    const expected = (input: Float64Array) => {
      const out = new Float64Array(batch * nOut);
      reference.denseForward(input, batch, nIn, weights, bias, nOut, out);
      return Array.from(out);
    };
    const a: DenseScratch = createDenseScratch();
    const b: DenseScratch = createDenseScratch();
    const outA = new Float64Array(batch * nOut);
    const outB = new Float64Array(batch * nOut);
    denseForward(sparse, batch, nIn, weights, bias, nOut, outA, a);
    denseForward(dense, batch, nIn, weights, bias, nOut, outB, b);
    expect(Array.from(outA)).toEqual(expected(sparse));
    expect(Array.from(outB)).toEqual(expected(dense));
    // Each scratch lists the nonzero inputs of the batch it was last given, row by row
    // (a batch without sparse rows needs no lists, and is not listed).
    for (const [scratch, input] of [[a, sparse]] as const) {
      for (let r = 0; r < batch; r++) {
        const listed = Array.from(scratch.index.subarray(scratch.rowStart[r], scratch.rowStart[r + 1]));
        const nonzero = [...input.subarray(r * nIn, (r + 1) * nIn)].flatMap((v, k) => (v !== 0 ? [k] : []));
        expect(listed).toEqual(nonzero);
      }
    }
  });
});

// The input-major kernels of the first layer (weights stored k-major), scalar and with the
// WebAssembly SIMD sparse rows, against the same reference loops on the unit-major
// weights, bit for bit. Odd unit counts exercise the scalar last unit of the SIMD path;
// deltas with zeros (0.3) send rows to the scalar update, deltas without zeros to SIMD.
describe('input-major dense kernels: bit-for-bit the reference loops', () => {
  const imShapes: [number, number, number, number, number][] = [
    [1, 1, 1, 0.85, 0],
    [3, 7, 5, 0.85, 0],
    [10, 784, 30, 0.85, 0],
    [10, 784, 100, 0.85, 0],
    [10, 784, 100, 0.85, 0.3],
    [9, 783, 17, 0.85, 0],
    [4, 50, 3, 1, 0],
    [8, 40, 9, 0.5, 0],
    [5, 9, 7, 0.2, 0],
    [6, 33, 16, 0.6, 0.3],
  ];
  for (const useSimd of [true, false]) {
    for (const [batch, nIn, nOut, zeros, deltaZeros] of imShapes) {
      it(`${useSimd ? 'SIMD' : 'scalar'}: batch ${batch}, ${nIn} → ${nOut}, ${zeros * 100}% zero inputs, ${deltaZeros * 100}% zero deltas`, () => {
        const rng = createRng(batch * 10_000 + nIn * 10 + nOut + deltaZeros * 10);
        const input = randomArray(rng, batch * nIn, zeros);
        const weights = randomArray(rng, nOut * nIn);
        const bias = randomArray(rng, nOut);
        const delta = randomArray(rng, batch * nOut, deltaZeros);
        const layer = createInputMajorLayer(nIn, nOut, batch, useSimd);
        expect(layer.simd !== null).toBe(useSimd); // Node 20 has WebAssembly SIMD
        toInputMajor(weights, nIn, nOut, layer.weightsT);
        for (let j = 0; j < nOut; j++) for (let k = 0; k < nIn; k++) expect(layer.weightsT[k * nOut + j]).toBe(weights[j * nIn + k]);

        const outA = new Float64Array(batch * nOut);
        const outB = new Float64Array(batch * nOut);
        denseForwardInputMajor(input, batch, nIn, layer.weightsT, bias, nOut, outA, layer.scratch, layer.simd);
        reference.denseForward(input, batch, nIn, weights, bias, nOut, outB);
        expect(Array.from(outA)).toEqual(Array.from(outB));

        // The fused SGD update (scale −η/B) onto the weights themselves, twice.
        const gbA = bias.slice();
        const gwB = weights.slice();
        const gbB = bias.slice();
        for (const scale of [-0.037, 1]) {
          denseBackwardParamsInputMajor(delta, input, batch, nIn, nOut, layer.weightsT, gbA, layer.scratch, scale, layer.simd);
          reference.denseBackwardParams(delta.map((d) => scale * d), input, batch, nIn, nOut, gwB, gbB);
        }
        const back = new Float64Array(nOut * nIn);
        fromInputMajor(layer.weightsT, nIn, nOut, back);
        expect(Array.from(back)).toEqual(Array.from(gwB));
        expect(Array.from(gbA)).toEqual(Array.from(gbB));
      });
    }
  }

  it('takes the scalar loops when the weights are not in the SIMD memory', () => {
    const rng = createRng(8);
    const [batch, nIn, nOut] = [4, 60, 10];
    const input = randomArray(rng, batch * nIn, 0.85);
    const weights = randomArray(rng, nOut * nIn);
    const bias = randomArray(rng, nOut);
    const layer = createInputMajorLayer(nIn, nOut, batch);
    const weightsT = new Float64Array(nIn * nOut); // an ordinary array, not layer.weightsT
    toInputMajor(weights, nIn, nOut, weightsT);
    const outA = new Float64Array(batch * nOut);
    const outB = new Float64Array(batch * nOut);
    denseForwardInputMajor(input, batch, nIn, weightsT, bias, nOut, outA, layer.scratch, layer.simd);
    reference.denseForward(input, batch, nIn, weights, bias, nOut, outB);
    expect(Array.from(outA)).toEqual(Array.from(outB));
  });
});

// A batch listed straight from a float32 dataset (listNonzeroExamples, in SIMD or in the
// scalar loop) and run through the *Listed kernels: the reference on the gathered rows,
// bit for bit. Rows picked out of order, some dense (copied into `dense`), some mostly
// zero, with −0 (dropped like +0) and a width that is not a multiple of four.
describe('listed input-major kernels: a batch listed from the dataset', () => {
  for (const useSimd of [true, false]) {
    for (const [nIn, nOut] of [[783, 30], [784, 100], [9, 7], [3, 2]] as const) {
      it(`${useSimd ? 'SIMD' : 'scalar'}: ${nIn} → ${nOut}`, () => {
        const rng = createRng(nIn * 7 + nOut);
        const n = 12;
        const source = new Float32Array(n * nIn);
        for (let i = 0; i < n; i++) {
          const zeros = i % 4 === 1 ? 0.1 : 0.85;
          for (let k = 0; k < nIn; k++) {
            const u = rng.uniform();
            source[i * nIn + k] = u < zeros ? (u < zeros / 2 ? -0 : 0) : rng.normal();
          }
        }
        const rows = [5, 1, 11, 0, 9, 2, 7];
        const start = 1;
        const batch = 5; // rows 1, 11, 0, 9, 2: 1 and 9 dense
        const gathered = new Float64Array(batch * nIn);
        for (let b = 0; b < batch; b++) for (let k = 0; k < nIn; k++) gathered[b * nIn + k] = source[rows[start + b] * nIn + k];
        const layer = createInputMajorLayer(nIn, nOut, batch, useSimd);
        expect(layer.simd !== null).toBe(useSimd);
        const dense = new Float64Array(batch * nIn).fill(Number.NaN);
        const sparseRows = listNonzeroExamples(source, rows, start, batch, nIn, layer.scratch, dense, layer.simd);
        const { index, value, rowStart } = layer.scratch;
        let expectedSparse = 0;
        for (let b = 0; b < batch; b++) {
          const row = Array.from(gathered.subarray(b * nIn, (b + 1) * nIn));
          const nonzero = row.flatMap((v, k) => (v !== 0 ? [k] : []));
          expect(Array.from(index.subarray(rowStart[b], rowStart[b + 1]))).toEqual(nonzero);
          expect(Array.from(value.subarray(rowStart[b], rowStart[b + 1]))).toEqual(nonzero.map((k) => row[k]));
          if (nonzero.length < nIn / 2) expectedSparse++;
          // Dense rows are copied; sparse ones are left alone.
          if (nonzero.length >= nIn / 2) expect(Array.from(dense.subarray(b * nIn, (b + 1) * nIn))).toEqual(row);
          else expect(dense[b * nIn]).toBeNaN();
        }
        expect(sparseRows).toBe(expectedSparse);

        const weights = randomArray(rng, nOut * nIn);
        const bias = randomArray(rng, nOut);
        const delta = randomArray(rng, batch * nOut);
        toInputMajor(weights, nIn, nOut, layer.weightsT);
        const outA = new Float64Array(batch * nOut);
        const outB = new Float64Array(batch * nOut);
        denseForwardInputMajorListed(dense, batch, nIn, layer.weightsT, bias, nOut, outA, layer.scratch, layer.simd);
        reference.denseForward(gathered, batch, nIn, weights, bias, nOut, outB);
        expect(Array.from(outA)).toEqual(Array.from(outB));

        const gbA = bias.slice();
        const gwB = weights.slice();
        const gbB = bias.slice();
        const scale = -0.05;
        denseBackwardParamsInputMajorListed(delta, dense, batch, nIn, nOut, layer.weightsT, gbA, layer.scratch, scale, layer.simd);
        reference.denseBackwardParams(delta.map((d) => scale * d), gathered, batch, nIn, nOut, gwB, gbB);
        const back = new Float64Array(nOut * nIn);
        fromInputMajor(layer.weightsT, nIn, nOut, back);
        expect(Array.from(back)).toEqual(Array.from(gwB));
        expect(Array.from(gbA)).toEqual(Array.from(gbB));
      });
    }
  }
});
