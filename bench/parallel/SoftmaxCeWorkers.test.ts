import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { softmaxCrossEntropyKernel } from '../../src/core/kernels/softmaxCrossEntropyKernel.js';
import { createKernelArena } from '../../src/core/kernels/wasm/kernelArena.js';
import { createRng } from '../../src/core/random/createRng.js';
import { bundleWorker } from '../../test/bundleWorker.js';
import { SoftmaxCeWorkers } from './SoftmaxCeWorkers.js';

let worker: Awaited<ReturnType<typeof bundleWorker>>;
beforeAll(async () => {
  worker = await bundleWorker(new URL('./kernelWorker.ts', import.meta.url));
});
afterAll(() => worker.remove());

/**
 * SoftmaxCeWorkers against the one-thread kernel (softmaxCrossEntropyKernel, judged by
 * its own tests against the float64 primitives): the same gradient bit for bit, since
 * every row is computed by the same code; the loss adds the threads' partial sums in
 * another order, so it may differ by rounding only.
 */
describe('SoftmaxCeWorkers', () => {
  it.each([
    [1, 7, 3],
    [5, 10, 2],
    [333, 10, 2],
    [97, 1000, 3],
    [64, 31, 2],
  ])('(%i, %i) on %i threads: the one-thread gradient, bit for bit', async (rows, cols, threads) => {
    const n = rows * cols;
    const arena = createKernelArena(12 * n + 8 * rows + 8192, { shared: true })!;
    const logits = arena.float32(n);
    const targets = arena.int32(rows);
    const grad = arena.float32(n);
    const rng = createRng(rows);
    for (let i = 0; i < n; i++) logits[i] = 4 * rng.normal();
    for (let r = 0; r < rows; r++) targets[r] = rng.int(cols);
    if (rows > 3) {
      targets[1] = -100; // ignored
      logits[2 * cols] = Infinity; // a row the float64 path redoes
      logits[3 * cols + 1] = NaN;
    }
    const one = softmaxCrossEntropyKernel(logits, targets, rows, cols, { grad: new Float32Array(n) });
    const workers = await SoftmaxCeWorkers.start(arena, threads, rows, worker.url);
    try {
      const loss = workers.run(logits, targets, rows, cols, grad);
      expect(Array.from(grad).map((g, i) => Object.is(g, one.grad![i]) || (Number.isNaN(g) && Number.isNaN(one.grad![i]))).indexOf(false)).toBe(-1);
      if (rows > 3) expect(loss).toBeNaN();
      else expect(Math.abs(loss - one.loss)).toBeLessThanOrEqual(2 ** -22 * Math.abs(one.loss));
    } finally {
      await workers.stop();
    }
  });

  it('the loss of finite rows agrees with the one-thread kernel to float32 rounding', async () => {
    const rows = 4096;
    const cols = 10;
    const arena = createKernelArena(12 * rows * cols + 8 * rows + 8192, { shared: true })!;
    const logits = arena.float32(rows * cols);
    const targets = arena.int32(rows);
    const grad = arena.float32(rows * cols);
    const rng = createRng(9);
    for (let i = 0; i < logits.length; i++) logits[i] = rng.normal();
    for (let r = 0; r < rows; r++) targets[r] = rng.int(cols);
    const one = softmaxCrossEntropyKernel(logits, targets, rows, cols, { grad: null }).loss;
    const workers = await SoftmaxCeWorkers.start(arena, 2, rows, worker.url);
    try {
      expect(Math.abs(workers.run(logits, targets, rows, cols, grad) - one)).toBeLessThanOrEqual(2 ** -22 * one);
    } finally {
      await workers.stop();
    }
  });
});
