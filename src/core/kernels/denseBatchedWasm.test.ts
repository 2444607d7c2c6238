import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../random/createRng.js';
import { sigmoid as sigmoid64 } from '../math/sigmoid.js';
import * as reference from './referenceDenseKernels.js';
import { denseBatchedAvailable, instantiateDenseBatched, layoutDenseBatched, paddedWidth, relaxedSimdAvailable, type DenseBatchedKernels } from './denseBatchedWasm.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
/** float32's unit roundoff. */
const U = 2 ** -24;

/**
 * The bound on the error of a float32 sum of L products, each of float32 numbers, against
 * the exact (here float64) one: |ŝ − s| ≤ γ_{L+1}·Σ|terms|, γ_n = n·u/(1 − n·u) (Higham,
 * Accuracy and Stability of Numerical Algorithms, 2nd ed., §3.1, with one more rounding
 * for the product), plus one rounding of the result and of the bias added at the end.
 */
function bound(sumLength: number, absSum: number): number {
  const n = sumLength + 3;
  return ((n * U) / (1 - n * U)) * absSum + 1e-30;
}

function f32Array(rng: Rng, n: number, zeroFraction = 0): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.uniform() < zeroFraction ? 0 : Math.fround(rng.normal());
  return a;
}

const abs = (a: Float64Array): Float64Array => a.map(Math.abs);

/** expect(error).toBeLessThanOrEqual(tolerance), called only when it fails: a loop over a
 * 784 × 100 layer makes 78,400 checks. */
function within(got: number, want: number, tolerance: number): void {
  if (!(Math.abs(got - want) <= tolerance)) expect(Math.abs(got - want), `${got} against ${want}`).toBeLessThanOrEqual(tolerance);
}

/** Row-major nOut × nIn weights into the padded input-major layout (kRows rows). */
function toPaddedInputMajor(w: Float64Array, nIn: number, nOut: number, out: Float32Array): void {
  const s = paddedWidth(nOut);
  out.fill(0);
  for (let j = 0; j < nOut; j++) for (let k = 0; k < nIn; k++) out[k * s + j] = w[j * nIn + k];
}

function fromPaddedInputMajor(wT: Float32Array, nIn: number, nOut: number): Float64Array {
  const s = paddedWidth(nOut);
  const w = new Float64Array(nOut * nIn);
  for (let j = 0; j < nOut; j++) for (let k = 0; k < nIn; k++) w[j * nIn + k] = wT[k * s + j];
  return w;
}

/** Room for one layer's products over `rows` rows. */
function room(rows: number, nIn: number, nOut: number, fma: boolean): { k: DenseBatchedKernels; f: Record<string, Float32Array>; i: Record<string, Int32Array> } {
  const s = paddedWidth(nOut);
  const kPad = paddedWidth(nIn);
  const r = layoutDenseBatched([
    ['w', 'f32', kPad * s],
    ['bias', 'f32', s],
    ['a', 'f32', rows * kPad],
    ['z', 'f32', rows * s],
    ['d', 'f32', rows * s],
    ['e', 'f32', rows * kPad],
    ['val', 'f32', rows * nIn],
    ['idx', 'i32', rows * nIn],
    ['rowStart', 'i32', rows + 1],
    ['src', 'f32', rows * nIn],
  ]);
  const made = instantiateDenseBatched(r.memory, fma);
  if (made === null || made.fma !== fma) throw new Error('the build asked for is not available');
  return { k: made.kernels, f: r.f32, i: r.i32 };
}

/** Lists the nonzero inputs of the rows `a` (rows × nIn) with listRows; checks the lists
 * against a plain loop over the rows. */
function listInto(k: DenseBatchedKernels, f: Record<string, Float32Array>, i: Record<string, Int32Array>, a: Float64Array, rows: number, nIn: number): void {
  f.src.set(a);
  const total = k.listRows(f.src.byteOffset, nIn, rows, i.idx.byteOffset, f.val.byteOffset, i.rowStart.byteOffset);
  let count = 0;
  for (let b = 0; b < rows; b++) {
    expect(i.rowStart[b]).toBe(count);
    for (let x = 0; x < nIn; x++) {
      if (a[b * nIn + x] === 0) continue;
      expect([i.idx[count], f.val[count]]).toEqual([x, a[b * nIn + x]]);
      count++;
    }
  }
  expect([total, i.rowStart[rows]]).toEqual([count, count]);
}

// Rows, inputs, units around the blocks: four rows, four inputs, eight units (two vectors),
// 32 units (eight vectors, the sparse kernels' widest block), and the tails of each.
const shapes: [rows: number, nIn: number, nOut: number, zeroFraction: number][] = [
  [1, 1, 1, 0],
  [3, 5, 3, 0.2],
  [4, 4, 4, 0],
  [5, 7, 9, 0.2],
  [8, 17, 33, 0.3],
  [9, 33, 40, 0.85],
  [13, 100, 10, 0.1],
  [6, 784, 100, 0.81],
  [2, 3, 70, 0.5],
];

function kernelTests(fma: boolean): void {
  for (const [rows, nIn, nOut, zeros] of shapes) {
    const label = `${rows} rows, ${nIn} → ${nOut}, ${zeros * 100}% zeros`;
    const s = paddedWidth(nOut);
    const kPad = paddedWidth(nIn);

    it(`denseForward and sparseForward: Z = A·Wᵀ + b, ${label}`, () => {
      const rng = createRng(rows * 1000 + nIn + nOut);
      const a = f32Array(rng, rows * nIn, zeros);
      const w = f32Array(rng, nOut * nIn);
      const bias = f32Array(rng, nOut);
      const want = new Float64Array(rows * nOut);
      reference.denseForward(a, rows, nIn, w, bias, nOut, want);
      const absSum = new Float64Array(rows * nOut);
      reference.denseForward(abs(a), rows, nIn, abs(w), abs(bias), nOut, absSum);
      const { k, f, i } = room(rows, nIn, nOut, fma);
      toPaddedInputMajor(w, nIn, nOut, f.w);
      f.bias.set(bias);
      for (let b = 0; b < rows; b++) for (let x = 0; x < nIn; x++) f.a[b * kPad + x] = a[b * nIn + x];
      k.denseForward(f.a.byteOffset, kPad, rows, nIn, f.w.byteOffset, s, f.bias.byteOffset, f.z.byteOffset);
      const check = (): void => {
        for (let b = 0; b < rows; b++) {
          for (let j = 0; j < s; j++) {
            const got = f.z[b * s + j];
            if (j >= nOut) expect(got).toBe(0); // padding: zero weights, zero bias
            else within(got, want[b * nOut + j], bound(nIn, absSum[b * nOut + j]));
          }
        }
      };
      check();
      // The sparse kernel over the same rows' nonzero inputs, listed by listRows.
      listInto(k, f, i, a, rows, nIn);
      f.z.fill(Number.NaN);
      k.sparseForward(f.w.byteOffset, s, i.idx.byteOffset, f.val.byteOffset, i.rowStart.byteOffset, rows, f.bias.byteOffset, f.z.byteOffset);
      check();
    });

    it(`denseAddOuter and addColumnSums: W += δᵀ·A, b += Σ_b δ; sparseAddOuter: the same over the nonzero inputs, ${label}`, () => {
      const rng = createRng(rows * 7000 + nIn * 3 + nOut);
      const a = f32Array(rng, rows * nIn, zeros);
      const d = f32Array(rng, rows * nOut);
      const w0 = f32Array(rng, nOut * nIn);
      const b0 = f32Array(rng, nOut);
      const wantW = w0.slice();
      const wantB = b0.slice();
      reference.denseBackwardParams(d, a, rows, nIn, nOut, wantW, wantB);
      const absW = abs(w0);
      const absB = abs(b0);
      reference.denseBackwardParams(abs(d), abs(a), rows, nIn, nOut, absW, absB);
      for (const kernel of ['dense', 'sparse'] as const) {
        const { k, f, i } = room(rows, nIn, nOut, fma);
        toPaddedInputMajor(w0, nIn, nOut, f.w);
        f.bias.set(b0);
        for (let b = 0; b < rows; b++) for (let j = 0; j < nOut; j++) f.d[b * s + j] = d[b * nOut + j];
        if (kernel === 'dense') {
          for (let b = 0; b < rows; b++) for (let x = 0; x < nIn; x++) f.a[b * kPad + x] = a[b * nIn + x];
          k.denseAddOuter(f.w.byteOffset, s, nIn, f.a.byteOffset, kPad, rows, f.d.byteOffset);
        } else {
          listInto(k, f, i, a, rows, nIn);
          k.sparseAddOuter(f.w.byteOffset, s, i.idx.byteOffset, f.val.byteOffset, i.rowStart.byteOffset, rows, f.d.byteOffset);
        }
        k.addColumnSums(f.bias.byteOffset, f.d.byteOffset, rows, s);
        const got = fromPaddedInputMajor(f.w, nIn, nOut);
        // A weight receives `rows` terms and its start value (a sum of rows + 1 terms).
        for (let x = 0; x < got.length; x++) within(got[x], wantW[x], bound(rows + 1, absW[x]));
        for (let j = 0; j < nOut; j++) within(f.bias[j], wantB[j], bound(rows + 1, absB[j]));
        // The padding columns stay zero (their errors are zero).
        for (let x = 0; x < nIn; x++) for (let j = nOut; j < s; j++) within(f.w[x * s + j], 0, 0);
      }
    });

    it(`backInput: E = (δ·W) ⊙ a(1 − a), ${label}`, () => {
      const rng = createRng(rows * 31 + nIn * 5 + nOut);
      const d = f32Array(rng, rows * nOut);
      const w = f32Array(rng, nOut * nIn);
      const act = new Float64Array(rows * nIn).map(() => Math.fround(rng.uniform()));
      const sum = new Float64Array(rows * nIn);
      reference.denseBackwardInput(d, w, rows, nIn, nOut, sum);
      const absSum = new Float64Array(rows * nIn);
      reference.denseBackwardInput(abs(d), abs(w), rows, nIn, nOut, absSum);
      const { k, f } = room(rows, nIn, nOut, fma);
      toPaddedInputMajor(w, nIn, nOut, f.w);
      for (let b = 0; b < rows; b++) for (let j = 0; j < nOut; j++) f.d[b * s + j] = d[b * nOut + j];
      for (let b = 0; b < rows; b++) for (let x = 0; x < kPad; x++) f.a[b * kPad + x] = x < nIn ? act[b * nIn + x] : 0.5;
      k.backInput(f.d.byteOffset, rows, f.w.byteOffset, s, kPad, f.a.byteOffset, f.e.byteOffset);
      for (let b = 0; b < rows; b++) {
        for (let x = 0; x < kPad; x++) {
          const got = f.e[b * kPad + x];
          if (x >= nIn) {
            expect(got).toBe(0); // zero rows of padding weights
            continue;
          }
          const a = act[b * nIn + x];
          const prime = a * (1 - a);
          // The sum's bound, times σ' (≤ 1/4), plus the three roundings of σ' and the product.
          const tol = bound(nOut, absSum[b * nIn + x]) * prime + 4 * U * Math.abs(sum[b * nIn + x] * prime);
          within(got, sum[b * nIn + x] * prime, tol);
        }
      }
    });
  }

  it('sigmoid: σ(z) in float32 to within 4 ulps of the float64 one (and of 2^−126, float32\'s smallest normal, where σ is below it), NaN kept', () => {
    const z = [0, -0, 1, -1, 0.5, -3.25, 10, -10, 17, -17, 30, -30, 87, -87, 88.5, -88.5, 100, -100, 1e30, -1e30, Infinity, -Infinity, NaN, 2.5e-8];
    const rng = createRng(12);
    for (let t = 0; t < 200; t++) z.push(Math.fround(rng.normal() * 8));
    while (z.length % 4 !== 0) z.push(0);
    const { k, f } = room(1, z.length, 4, fma);
    const zs = f.a.subarray(0, z.length);
    zs.set(z);
    k.sigmoid(zs.byteOffset, zs.byteOffset, z.length);
    z.forEach((v, x) => {
      const want = sigmoid64(Math.fround(v));
      if (Number.isNaN(v)) expect(zs[x]).toBeNaN();
      else within(zs[x], want, 4 * U * want + 2 ** -126);
    });
  });
}

describe('the batched float32 kernels (assembly/denseBatched.ts), multiply then add', () => {
  it('are available wherever WebAssembly SIMD is (Node ≥ 16)', () => {
    expect(denseBatchedAvailable()).toBe(true);
  });
  kernelTests(false);
});

const node24 = join(root, 'node_modules/node24/bin/node');

describe('the batched float32 kernels, FMA build (f32x4.relaxed_madd)', () => {
  it('relaxed SIMD is detected exactly on the runtimes that have it (Node ≥ 22, or Node 20 with its flag)', () => {
    const major = Number(process.versions.node.split('.')[0]);
    const flagged = process.execArgv.includes('--experimental-wasm-relaxed-simd');
    expect(relaxedSimdAvailable()).toBe(major >= 22 || flagged);
    expect(denseBatchedAvailable(true)).toBe(relaxedSimdAvailable());
  });
  if (relaxedSimdAvailable()) {
    kernelTests(true);
  } else {
    // This runtime cannot run the FMA build: the same tests run under Node 24 (as
    // scripts/nodeLines.mjs runs the unit tests on other lines).
    it('passes its tests under Node 24', () => {
      expect(existsSync(node24), `${node24} (npm ci installs it)`).toBe(true);
      const run = spawnSync(node24, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'src/core/kernels/denseBatchedWasm.test.ts', '-t', 'FMA build'], {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      // Every kernel test ran there, and none was skipped.
      expect(run.stdout).toMatch(new RegExp(`Tests\\s+.*${shapes.length * 3 + 2} passed`));
    }, 150_000);
  }
});

describe('assembly/buildDenseBatched.mjs', () => {
  it('built the committed binaries from the committed source', () => {
    const run = spawnSync(process.execPath, [join(root, 'assembly/buildDenseBatched.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
  }, 60_000);
});
