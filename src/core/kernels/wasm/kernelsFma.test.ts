import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { logSoftmaxStrided } from '../../math/logSoftmax.js';
import { createRng } from '../../random/createRng.js';
import { relaxedSimdAvailable } from '../relaxedSimdAvailable.js';
import { createKernelArena } from './kernelArena.js';
import { instantiateKernels, kernelsModule, sharedKernelsModule, WASM_DATA_END } from './loadWasmKernels.js';

/**
 * The FMA build's exponential at its worst, over every float32 input in [−87.34, 0]
 * (against Math.exp, on this machine's fused multiply–add; see expNegFused in
 * assembly/kernels.ts).
 */
const FMA_EXP_WORST = 1.77e-7;
const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const node24 = join(root, 'node_modules/node24/bin/node');

/**
 * One build of assembly/kernels.ts called directly, against F.cross_entropy's loss and
 * gradient from the core/math primitive logSoftmaxStrided in float64 on the same float32
 * logits: the float32 exponential (relative error ≤ 2e-7 in either build) and float32 sums
 * of at most 64 terms keep every figure within 1e-5 relative, as
 * softmaxCrossEntropyKernel.test.ts asks of the kernel. Returns the loss and gradient.
 */
function softmaxCeOnBuild(module: WebAssembly.Module, rows: number, cols: number) {
  const bytes = WASM_DATA_END + rows * cols * 8 + rows * 8 + 64;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
  const k = instantiateKernels(module, memory);
  const xAt = WASM_DATA_END;
  const tAt = xAt + rows * cols * 4;
  const flagsAt = tAt + rows * 4;
  const gradAt = flagsAt + rows * 4;
  const x = new Float32Array(memory.buffer, xAt, rows * cols);
  const t = new Int32Array(memory.buffer, tAt, rows);
  const rng = createRng(rows + cols);
  for (let i = 0; i < x.length; i++) x[i] = 3 * rng.normal();
  for (let r = 0; r < rows; r++) t[r] = rng.int(cols);
  const scale = 1 / rows;
  const loss = k.softmaxCeRowsF32(xAt, tAt, 0, -100, scale, flagsAt, gradAt, rows, cols) * scale;
  const grad = new Float32Array(memory.buffer, gradAt, rows * cols);
  const logP = new Float64Array(cols);
  let want = 0;
  let worst = 0;
  for (let r = 0; r < rows; r++) {
    logSoftmaxStrided(Array.from(x.subarray(r * cols, (r + 1) * cols)), 0, cols, 1, logP);
    want -= logP[t[r]] * scale;
    let others = 0;
    for (let j = 0; j < cols; j++) {
      if (j === t[r]) continue;
      const g = Math.exp(logP[j]) * scale;
      others += g;
      worst = Math.max(worst, Math.abs(grad[r * cols + j] - g) / g);
    }
    worst = Math.max(worst, Math.abs(grad[r * cols + t[r]] + others) / others);
  }
  expect(new Int32Array(memory.buffer, flagsAt, rows).every((f) => f === 0)).toBe(true);
  return { loss, grad: Float32Array.from(grad), relativeLossError: Math.abs(loss - want) / want, worstGradError: worst };
}

/**
 * The kernel's exponential, read off one row of 2^20 logits from 0 down to −80 with the
 * target last: each gradient entry is fl(e_j · fl(c/s)), so g_j / g_0 is e_j = exp(x_j)
 * (e_0 = exp(0) = 1 exactly) to within the exponential's own error and two float32
 * roundings (2·2^−24). Returns the worst relative error of g_j / g_0 against Math.exp.
 */
function worstExpError(module: WebAssembly.Module): number {
  const cols = 1 << 20;
  const xAt = WASM_DATA_END + 64;
  const gradAt = xAt + 4 * cols + 64;
  const memory = new WebAssembly.Memory({ initial: Math.ceil((gradAt + 4 * cols + 64) / 65536) });
  const k = instantiateKernels(module, memory);
  const x = new Float32Array(memory.buffer, xAt, cols);
  for (let j = 0; j < cols; j++) x[j] = (-80 * j) / (cols - 1);
  new Int32Array(memory.buffer, WASM_DATA_END, 1)[0] = cols - 1;
  // gradScale 2^60 keeps e^−80 · c/s (s ≈ 13,000) far above float32's subnormals.
  k.softmaxCeRowsF32(xAt, WASM_DATA_END, 0, -100, 2 ** 60, WASM_DATA_END + 16, gradAt, 1, cols);
  const grad = new Float32Array(memory.buffer, gradAt, cols);
  let worst = 0;
  for (let j = 1; j < cols - 1; j++) {
    const want = Math.exp(x[j]);
    worst = Math.max(worst, Math.abs(grad[j] / grad[0] - want) / want);
  }
  return worst;
}

// Short rows (≤ 67 columns) and long ones take different loops of the kernel.
const SHAPES = [
  [37, 10],
  [9, 1000],
  [3, 50257],
] as const;

describe('the plain build of the WebAssembly kernels (mul then add)', () => {
  it('has an exponential within 1.82e-7 relative (its worst over every float32 input) plus two roundings, from 0 to −80', () => {
    expect(worstExpError(kernelsModule(false)!)).toBeLessThan(1.82e-7 + 2 * 2 ** -24);
  });
  for (const [rows, cols] of SHAPES) {
    it(`softmaxCeRowsF32 (${rows}, ${cols}): within 1e-5 relative of the float64 primitives`, () => {
      const got = softmaxCeOnBuild(kernelsModule(false)!, rows, cols);
      expect(got.relativeLossError).toBeLessThan(1e-5);
      expect(got.worstGradError).toBeLessThan(1e-5);
    });
  }
});

describe('the FMA build of the WebAssembly kernels (f32x4.relaxed_madd in the exponential)', () => {
  it('is the default exactly where the runtime has relaxed SIMD, in arenas too', () => {
    const major = Number(process.versions.node.split('.')[0]);
    const flagged = process.execArgv.includes('--experimental-wasm-relaxed-simd');
    expect(relaxedSimdAvailable()).toBe(major >= 22 || flagged);
    expect(kernelsModule(true) !== null).toBe(relaxedSimdAvailable());
    expect(kernelsModule()).toBe(relaxedSimdAvailable() ? kernelsModule(true) : kernelsModule(false));
    expect(createKernelArena(1024)!.module).toBe(kernelsModule());
    expect(sharedKernelsModule()).toBe(relaxedSimdAvailable() ? sharedKernelsModule(true) : sharedKernelsModule(false));
  });

  it('is built from the committed source, and holds f32x4.relaxed_madd where the plain build has none', () => {
    const run = spawnSync(process.execPath, [join(root, 'assembly/build.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    // relaxed_madd is the prefix 0xFD and the LEB128 opcode 0x105 (0x85 0x02).
    const hasMadd = (bytes: Uint8Array) => bytes.some((b, i) => b === 0xfd && bytes[i + 1] === 0x85 && bytes[i + 2] === 0x02);
    for (const file of ['kernelsFma.wasm', 'kernelsSharedFma.wasm']) {
      expect(hasMadd(readFileSync(join(root, 'src/core/kernels/wasm', file))), file).toBe(true);
    }
  }, 180_000);

  if (relaxedSimdAvailable()) {
    it(`has an exponential within ${FMA_EXP_WORST} relative (its worst over every float32 input) plus two roundings, from 0 to −80`, () => {
      expect(worstExpError(kernelsModule(true)!)).toBeLessThan(FMA_EXP_WORST + 2 * 2 ** -24);
    });
    for (const [rows, cols] of SHAPES) {
      it(`softmaxCeRowsF32 (${rows}, ${cols}): within 1e-5 relative of the float64 primitives, and of the plain build`, () => {
        const fma = softmaxCeOnBuild(kernelsModule(true)!, rows, cols);
        expect(fma.relativeLossError).toBeLessThan(1e-5);
        expect(fma.worstGradError).toBeLessThan(1e-5);
        const plain = softmaxCeOnBuild(kernelsModule(false)!, rows, cols);
        expect(Math.abs(fma.loss - plain.loss) / plain.loss).toBeLessThan(1e-6);
        let worst = 0;
        for (let i = 0; i < plain.grad.length; i++) worst = Math.max(worst, Math.abs(fma.grad[i] - plain.grad[i]) / Math.abs(plain.grad[i]));
        expect(worst).toBeLessThan(1e-6);
      });
    }
  } else {
    // This runtime cannot run the FMA build: this file, the kernel's own tests and the
    // PyTorch fixtures run under Node 24, where the kernel takes the FMA build by default.
    it('passes this file, the softmax kernel tests and the PyTorch fixtures under Node 24', () => {
      expect(existsSync(node24), `${node24} (npm ci installs it)`).toBe(true);
      const files = ['src/core/kernels/wasm/kernelsFma.test.ts', 'src/core/kernels/softmaxCrossEntropyKernel.test.ts', 'src/core/losses/torchFixtures.test.ts'];
      const args = [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=verbose', ...files];
      const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' };
      const run = spawnSync(node24, args, { cwd: root, env, encoding: 'utf8', timeout: 240_000 });
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      expect(run.stdout).toMatch(/Test Files\s+3 passed \(3\)/);
      expect(run.stdout).not.toMatch(/skipped/);
      // The FMA build ran every shape there, and was the kernels' default.
      expect(run.stdout.match(/✓ .*and of the plain build/g)).toHaveLength(SHAPES.length);
    }, 300_000);
  }
});
