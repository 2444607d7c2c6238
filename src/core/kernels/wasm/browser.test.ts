import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { softmaxCrossEntropyKernel } from '../softmaxCrossEntropyKernel.js';
import { KERNELS_WASM_BASE64 } from './kernelsWasmBinary.js';

// Debian's chromium, which `npm test` installs when missing (scripts/ensure-chromium.sh).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the WebAssembly SIMD kernels in a browser', () => {
  it('compile (synchronously too) and compute what they compute in Node', async () => {
    expect(existsSync(CHROMIUM)).toBe(true);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      // The same steps as loadWasmKernels and softmaxCrossEntropyRowsWasm, by hand: one
      // row of six logits, target 0, no weights, scale 1 (a sum over one row).
      const out = await page.evaluate(async (b64: string) => {
        const text = atob(b64);
        const bytes = new Uint8Array(text.length);
        for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
        new WebAssembly.Module(bytes);
        const memory = new WebAssembly.Memory({ initial: 3 });
        const { instance } = await WebAssembly.instantiate(bytes, { env: { memory } });
        const k = instance.exports as unknown as { softmaxCeRowsF32(...args: number[]): number };
        const base = 65536;
        const buf = memory.buffer;
        new Float32Array(buf, base + 64, 6).set([2, -1, 0.5, 3, 0, 1]);
        new Int32Array(buf, base + 32, 1)[0] = 0;
        const loss = k.softmaxCeRowsF32(base + 64, base + 32, 0, -100, 1, base + 40, base + 128, 1, 6);
        return {
          simd: WebAssembly.validate(bytes),
          loss,
          flag: new Int32Array(buf, base + 40, 1)[0],
          grad: Array.from(new Float32Array(buf, base + 128, 6)),
        };
      }, KERNELS_WASM_BASE64);
      const node = softmaxCrossEntropyKernel(new Float32Array([2, -1, 0.5, 3, 0, 1]), [0], 1, 6, { reduction: 'sum', backend: 'wasm' });
      expect(out.simd).toBe(true);
      expect(out.flag).toBe(0);
      expect(Math.fround(out.loss)).toBe(node.loss);
      expect(out.grad).toEqual(Array.from(node.grad!));
    } finally {
      await browser.close();
    }
  });
});
