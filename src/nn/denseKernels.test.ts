import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { denseBackwardInput, denseBackwardParams, denseForward } from './denseKernels.js';

// The kernels against the textbook triple loops written with 2-D arrays, on sizes that
// are not multiples of the 4-way unrolling and with exact zeros (skipped by the kernels).
// Row 0 of X is dense and rows 1–2 mostly zero, so both the dense and the sparse paths run.
const rng = createRng(99);
const B = 3;
const nIn = 7;
const nOut = 5;
const random = (n: number, zeroFraction = 0.3) => Float64Array.from({ length: n }, () => (rng.uniform() < zeroFraction ? 0 : rng.normal()));
const X = Float64Array.from([...random(nIn, 0), 0, 0, 1.5, 0, 0, 0, -2, 0, 0.25, 0, 0, 0, 0, 0]);
const W = random(nOut * nIn);
const bias = random(nOut);
const D = random(B * nOut);
const at = (m: Float64Array, cols: number) => (r: number, c: number) => m[r * cols + c];

describe('dense layer kernels', () => {
  it('denseForward computes X·Wᵀ + b', () => {
    const out = new Float64Array(B * nOut);
    denseForward(X, B, nIn, W, bias, nOut, out);
    const x = at(X, nIn);
    const w = at(W, nIn);
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < nOut; j++) {
        let s = bias[j];
        for (let k = 0; k < nIn; k++) s += w(j, k) * x(b, k);
        expect(out[b * nOut + j]).toBeCloseTo(s, 13);
      }
    }
  });

  it('denseBackwardParams adds δᵀ·X to gradW and the column sums of δ to gradB', () => {
    const gradW = new Float64Array(nOut * nIn).fill(0.5);
    const gradB = new Float64Array(nOut).fill(-1);
    denseBackwardParams(D, X, B, nIn, nOut, gradW, gradB);
    const x = at(X, nIn);
    const d = at(D, nOut);
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

  it('denseBackwardInput computes δ·W and overwrites stale values', () => {
    const out = new Float64Array(B * nIn).fill(123);
    denseBackwardInput(D, W, B, nIn, nOut, out);
    const w = at(W, nIn);
    const d = at(D, nOut);
    for (let b = 0; b < B; b++) {
      for (let k = 0; k < nIn; k++) {
        let s = 0;
        for (let j = 0; j < nOut; j++) s += w(j, k) * d(b, j);
        expect(out[b * nIn + k]).toBeCloseTo(s, 13);
      }
    }
  });
});
