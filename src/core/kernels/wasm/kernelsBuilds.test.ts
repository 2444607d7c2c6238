import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { logSoftmaxStrided } from '../../math/logSoftmax.js';
import { createRng } from '../../random/createRng.js';
import { relaxedSimdAvailable } from '../relaxedSimdAvailable.js';
import { instantiateKernels, kernelsModule, WASM_DATA_END } from './loadWasmKernels.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * Both builds of assembly/kernels.ts (mul then add; f32x4.relaxed_madd in the exponential),
 * called directly, against F.cross_entropy's loss and gradient from the core/math
 * primitive logSoftmaxStrided in float64 on the same float32 logits: the relative error of
 * the float32 exponential (≤ 2e-7 with either build) and of float32 sums of at most 64
 * terms keep every figure within 1e-5 relative, as softmaxCrossEntropyKernel.test.ts asks
 * of the default build.
 */
function softmaxCeBuildTest(fma: boolean): void {
  // Short rows (≤ 64 columns) and long ones take different loops of the kernel.
  for (const [rows, cols] of [[37, 10], [9, 1000], [3, 50257]] as const) {
    it(`softmaxCeRowsF32, ${rows} × ${cols}, ${fma ? 'FMA build' : 'plain build'}: within 1e-5 relative of the float64 primitives`, () => {
      const module = kernelsModule(fma);
      expect(module).not.toBeNull();
      const bytes = WASM_DATA_END + rows * cols * 8 + rows * 8 + 64;
      const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
      const k = instantiateKernels(module!, memory);
      const at = { x: WASM_DATA_END, t: WASM_DATA_END + rows * cols * 4 };
      const flagsAt = at.t + rows * 4;
      const gradAt = flagsAt + rows * 4;
      const x = new Float32Array(memory.buffer, at.x, rows * cols);
      const t = new Int32Array(memory.buffer, at.t, rows);
      const rng = createRng(rows + cols);
      for (let i = 0; i < x.length; i++) x[i] = 3 * rng.normal();
      for (let r = 0; r < rows; r++) t[r] = rng.int(cols);
      const scale = 1 / rows;
      const loss = k.softmaxCeRowsF32(at.x, at.t, 0, -100, scale, flagsAt, gradAt, rows, cols) * scale;
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
      expect(Math.abs(loss - want) / want).toBeLessThan(1e-5);
      expect(worst).toBeLessThan(1e-5);
    });
  }
}

describe('the WebAssembly kernels (assembly/kernels.ts), both builds', () => {
  softmaxCeBuildTest(false);
  if (relaxedSimdAvailable()) softmaxCeBuildTest(true);
  else {
    it('the FMA build passes its tests under Node 24 (this runtime lacks relaxed SIMD)', () => {
      const node24 = join(root, 'node_modules/node24/bin/node');
      expect(existsSync(node24), `${node24} (npm ci installs it)`).toBe(true);
      const run = spawnSync(node24, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'src/core/kernels/wasm/kernelsBuilds.test.ts', '-t', 'FMA build'], {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      expect(run.stdout).toMatch(/Tests\s+.*3 passed/);
    }, 150_000);
  }
  it('loads the fused multiply–add build by default exactly where relaxed SIMD runs', () => {
    expect(kernelsModule()).toBe(kernelsModule(relaxedSimdAvailable()));
    expect(kernelsModule(true) !== null).toBe(relaxedSimdAvailable());
  });
});
