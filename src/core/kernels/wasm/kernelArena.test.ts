import { describe, expect, it } from 'vitest';
import { logSoftmaxStrided } from '../../math/logSoftmax.js';
import { XentError } from '../../XentError.js';
import { bceWithLogitsKernel } from '../bceWithLogitsKernel.js';
import { softmaxCrossEntropyKernel } from '../softmaxCrossEntropyKernel.js';
import { createKernelArena, kernelsOwning } from './kernelArena.js';

describe('createKernelArena', () => {
  it('hands out zeroed, 16-byte aligned arrays of its own memory, and refuses what does not fit', () => {
    const arena = createKernelArena(1000)!;
    const a = arena.float32(10);
    const b = arena.int32(3);
    expect(a.buffer).toBe(b.buffer);
    expect(kernelsOwning(a.buffer)).toBeDefined();
    expect(kernelsOwning(new Float32Array(4).buffer)).toBeUndefined();
    expect(a.byteOffset % 16).toBe(0);
    expect(b.byteOffset % 16).toBe(0);
    expect(b.byteOffset).toBeGreaterThanOrEqual(a.byteOffset + 40 + 16); // with slack between
    expect(Array.from(a).every((v) => v === 0)).toBe(true);
    expect(() => arena.float32(1e6)).toThrow(XentError);
    expect(() => arena.float32(-1)).toThrow('(length)');
    expect(() => createKernelArena(-5)).toThrow('(bytes)');
  });

  it('never grows, so its arrays stay attached while the staging memory grows', () => {
    const arena = createKernelArena(4 * 64)!;
    const x = arena.float32(64);
    x.fill(1);
    // A large staged call grows the default kernels' memory, not the arena's.
    const big = new Float32Array(300_000).fill(0.5);
    softmaxCrossEntropyKernel(big, new Int32Array(3), 3, 100_000, { backend: 'wasm' });
    expect(x.length).toBe(64);
    expect(x[63]).toBe(1);
  });

  it('runs the kernels in place: the gradient lands in the arena array, also for rows at its very end', () => {
    // cols = 7: each row ends in a partial vector, which reads up to 12 bytes past the row;
    // the last row of the last array must not read past the memory.
    const rows = 5;
    const cols = 7;
    const arena = createKernelArena(2 * 4 * rows * cols + 4 * rows)!;
    const targets = arena.int32(rows);
    const grad = arena.float32(rows * cols);
    const logits = arena.float32(rows * cols);
    expect(arena.freeBytes).toBeLessThan(64 * 1024);
    for (let i = 0; i < logits.length; i++) logits[i] = Math.sin(i);
    for (let r = 0; r < rows; r++) targets[r] = r % cols;
    const { loss, grad: g } = softmaxCrossEntropyKernel(logits, targets, rows, cols, { grad, reduction: 'sum' });
    expect(g).toBe(grad);
    let want = 0;
    for (let r = 0; r < rows; r++) want -= logSoftmaxRow(logits, r, cols)[targets[r]];
    expect(Math.abs(loss - want)).toBeLessThanOrEqual(1e-6 * want);
    for (let r = 0; r < rows; r++) {
      const p = logSoftmaxRow(logits, r, cols).map(Math.exp);
      for (let j = 0; j < cols; j++) {
        const expected = p[j] - (j === targets[r] ? 1 : 0);
        expect(Math.abs(grad[r * cols + j] - expected)).toBeLessThanOrEqual(1e-6 * Math.abs(expected) + 1e-7);
      }
    }
  });

  it('runs bce-with-logits in place', () => {
    const arena = createKernelArena(3 * 4 * 13)!;
    const [x, z, grad] = [arena.float32(13), arena.float32(13), arena.float32(13)];
    for (let i = 0; i < 13; i++) {
      x[i] = i - 6;
      z[i] = i % 2;
    }
    const inPlace = bceWithLogitsKernel(x, z, { grad });
    const typescript = bceWithLogitsKernel(Float32Array.from(x), Float32Array.from(z), { backend: 'typescript' });
    expect(Math.abs(inPlace.loss - typescript.loss)).toBeLessThanOrEqual(1e-6 * typescript.loss);
    for (let i = 0; i < 13; i++) expect(Math.abs(grad[i] - typescript.grad![i])).toBeLessThanOrEqual(1e-7);
  });

  it('makes a shared arena whose memory is a SharedArrayBuffer', () => {
    const arena = createKernelArena(64, { shared: true })!;
    expect(arena.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    const x = arena.float32(6);
    x.set([2, -1, 0.5, 3, 0, 1]);
    const r = softmaxCrossEntropyKernel(x, [0], 1, 6, { reduction: 'sum', grad: arena.float32(6) });
    expect(r.loss).toBeCloseTo(-logSoftmaxRow(x, 0, 6)[0], 6);
  });
});

function logSoftmaxRow(x: Float32Array, r: number, cols: number): number[] {
  const out = new Float64Array(cols);
  logSoftmaxStrided(Array.from(x.subarray(r * cols, (r + 1) * cols)), 0, cols, 1, out);
  return Array.from(out);
}
