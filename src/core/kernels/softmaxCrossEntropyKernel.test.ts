import { describe, expect, it } from 'vitest';
import { createRng } from '../random/createRng.js';
import { logSoftmaxStrided } from '../math/logSoftmax.js';
import { XentError } from '../XentError.js';
import { pickWasm } from './pickWasm.js';
import { softmaxCrossEntropyKernel, type SoftmaxCrossEntropyKernelOptions } from './softmaxCrossEntropyKernel.js';
import { createKernelArena } from './wasm/kernelArena.js';

function randomCase(seed: number, rows: number, cols: number, spread: number) {
  const rng = createRng(seed);
  const logits = new Float64Array(rows * cols);
  for (let i = 0; i < logits.length; i++) logits[i] = spread * rng.normal();
  const targets = new Int32Array(rows);
  for (let r = 0; r < rows; r++) targets[r] = rng.int(cols);
  const weight = new Float64Array(cols);
  for (let c = 0; c < cols; c++) weight[c] = 0.1 + 2 * rng.uniform();
  return { logits, targets, weight };
}

interface Options {
  weight?: ArrayLike<number>;
  ignoreIndex?: number;
  reduction?: 'mean' | 'sum';
}

/**
 * The judge: F.cross_entropy and its gradient from the core/math primitive
 * logSoftmaxStrided, in float64 on the (float32-rounded) logits, row by row, the reduction
 * written out. The target's gradient entry is −Σ of the row's other entries (a gradient
 * row sums to 0), which keeps its digits where p_t − 1 would cancel.
 */
function reference(x: ArrayLike<number>, targets: ArrayLike<number>, rows: number, cols: number, options: Options = {}) {
  const ignoreIndex = options.ignoreIndex ?? -100;
  const logP = new Float64Array(cols);
  const grad = new Float64Array(rows * cols);
  let sum = 0;
  let divisor = 0;
  const coefs: number[] = [];
  for (let r = 0; r < rows; r++) {
    const t = targets[r];
    if (t === ignoreIndex) {
      coefs.push(0);
      continue;
    }
    const w = options.weight === undefined ? 1 : options.weight[t];
    logSoftmaxStrided(Array.from({ length: cols }, (_, j) => x[r * cols + j]), 0, cols, 1, logP);
    sum += w === 0 ? 0 : -w * logP[t];
    divisor += w;
    coefs.push(w);
    let others = 0;
    for (let j = 0; j < cols; j++) {
      if (j === t) continue;
      grad[r * cols + j] = w * Math.exp(logP[j]);
      others += Math.exp(logP[j]);
    }
    grad[r * cols + t] = -w * others;
  }
  const scale = (options.reduction ?? 'mean') === 'mean' ? 1 / divisor : 1;
  for (let i = 0; i < grad.length; i++) grad[i] *= scale;
  return { loss: sum * scale, grad };
}

/** The largest relative error per element; entries below float32's normal range (1.2e-38) have none. */
function worstRelative(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[i] - want[i]);
    if (Number.isNaN(err)) return Infinity;
    worst = Math.max(worst, err / Math.max(Math.abs(want[i]), 1e-30));
  }
  return worst;
}

const shapes: [number, number, number][] = [
  [1, 1, 1],
  [7, 3, 2],
  [33, 10, 5],
  [4, 257, 30],
  [3, 1000, 1],
];

describe('softmaxCrossEntropyKernel, float64', () => {
  for (const [rows, cols, spread] of shapes) {
    it(`(${rows}, ${cols}), spread ${spread}: the naive formula to 1e-13, with weights and ignored rows`, () => {
      // Independent of the primitives: log Σ exp(x_j) − x_t with plain Math.exp (no
      // overflow at these spreads), weights and the weighted mean written out.
      const { logits, targets, weight: classWeight } = randomCase(rows * 1000 + cols, rows, cols, spread);
      if (rows > 1) targets[1] = -100;
      for (const [reduction, weight] of [['mean', undefined], ['sum', undefined], ['mean', classWeight], ['sum', classWeight]] as const) {
        const ours = softmaxCrossEntropyKernel(logits, targets, rows, cols, { reduction, weight });
        let sum = 0;
        let divisor = 0;
        for (let r = 0; r < rows; r++) {
          if (targets[r] === -100) continue;
          let s = 0;
          for (let j = 0; j < cols; j++) s += Math.exp(logits[r * cols + j]);
          const w = weight === undefined ? 1 : weight[targets[r]];
          sum += w * (Math.log(s) - logits[r * cols + targets[r]]);
          divisor += w;
        }
        const want = reduction === 'mean' ? sum / divisor : sum;
        // (Plus 1e-15 absolute: with one class the loss is 0 and the naive log(e^x) − x is not.)
        expect(Math.abs(ours.loss - want)).toBeLessThanOrEqual(1e-13 * Math.abs(want) + 1e-15);
        for (let r = 0; r < rows; r++) {
          let rowSum = 0;
          for (let j = 0; j < cols; j++) rowSum += ours.grad![r * cols + j];
          if (targets[r] === -100) {
            expect(Array.from(ours.grad!.subarray(r * cols, (r + 1) * cols)).every((g) => g === 0)).toBe(true);
          } else {
            expect(Math.abs(rowSum)).toBeLessThan(1e-14);
          }
        }
      }
    });
  }

  it('gives the worked example and a central-difference gradient', () => {
    // −log softmax([2, −1, 0.5])_0 = log(e² + e^−1 + e^0.5) − 2, computed independently.
    const x = new Float64Array([2, -1, 0.5]);
    const { loss, grad } = softmaxCrossEntropyKernel(x, [0], 1, 3);
    expect(loss).toBeCloseTo(Math.log(Math.exp(2) + Math.exp(-1) + Math.exp(0.5)) - 2, 15);
    const h = 1e-6;
    for (let j = 0; j < 3; j++) {
      const up = x.slice();
      const down = x.slice();
      up[j] += h;
      down[j] -= h;
      const fd = (softmaxCrossEntropyKernel(up, [0], 1, 3).loss - softmaxCrossEntropyKernel(down, [0], 1, 3).loss) / (2 * h);
      expect(grad![j]).toBeCloseTo(fd, 8);
    }
  });

  it('keeps the small loss of a confident row (log1p, not log of 1 + tiny)', () => {
    // −log p_0 for logits (40, 0) = log(1 + e^−40) ≈ e^−40 = 4.25e-18.
    const { loss, grad } = softmaxCrossEntropyKernel(new Float64Array([40, 0]), [0], 1, 2);
    expect(loss / Math.exp(-40)).toBeCloseTo(1, 14);
    expect(grad![0] / -Math.exp(-40)).toBeCloseTo(1, 14);
  });
});

type Mode = 'typescript' | 'wasm' | 'wasm in place';

/**
 * The kernel on one path: `wasm in place` copies logits, targets and gradient into a
 * kernel arena first, so the kernel reads and writes them where they are.
 */
function kernelOn(mode: Mode) {
  return (x: Float32Array, targets: ArrayLike<number>, rows: number, cols: number, options: SoftmaxCrossEntropyKernelOptions = {}) => {
    if (mode !== 'wasm in place') return softmaxCrossEntropyKernel(x, targets, rows, cols, { ...options, backend: mode });
    const arena = createKernelArena(8 * x.length + 4 * targets.length + 64)!;
    const xs = arena.float32(x.length);
    xs.set(x);
    const ts = arena.int32(targets.length);
    for (let i = 0; i < targets.length; i++) ts[i] = targets[i];
    const grad = options.grad === undefined ? arena.float32(x.length) : options.grad;
    return softmaxCrossEntropyKernel(xs, ts, rows, cols, { ...options, grad, backend: 'wasm' });
  };
}

describe.each(['typescript', 'wasm', 'wasm in place'] as const)('softmaxCrossEntropyKernel, float32 on %s: within 1e-5 relative of the float64 primitives', (mode) => {
  const kernel = kernelOn(mode);
  const more: [number, number, number][] = [[16, 5000, 8], [300, 13, 40], [5, 50257, 3], [64, 4, 0.01]];
  for (const [rows, cols, spread] of [...shapes, ...more]) {
    it(`(${rows}, ${cols}), spread ${spread}, mean and sum, with and without weights`, () => {
      const { logits, targets, weight } = randomCase(rows + 7 * cols, rows, cols, spread);
      const x32 = Float32Array.from(logits);
      if (rows > 2) targets[2] = -100;
      for (const reduction of ['mean', 'sum'] as const) {
        for (const w of [undefined, weight]) {
          const ours = kernel(x32, targets, rows, cols, { weight: w, reduction });
          const ref = reference(x32, targets, rows, cols, { weight: w, reduction });
          expect(ours.grad).toBeInstanceOf(Float32Array);
          expect(Math.abs(ours.loss - ref.loss)).toBeLessThanOrEqual(1e-5 * Math.abs(ref.loss));
          expect(worstRelative(ours.grad!, ref.grad)).toBeLessThan(1e-5);
        }
      }
    });
  }

  it('follows the primitives on infinite logits, ties at an infinite maximum and all −Infinity rows', () => {
    const rows = new Float32Array([Infinity, 0, 1, -Infinity, -Infinity, -Infinity, Infinity, 2, Infinity]);
    const t = [1, 0, 2];
    const got = kernel(rows, t, 3, 3, { reduction: 'sum' });
    const want = reference(rows, t, 3, 3, { reduction: 'sum' });
    // Row 0: −log p_1 = Infinity (p_1 = 0 next to an infinite maximum); row 1: log 3;
    // row 2: log 2 (two tied infinite maxima share the mass).
    expect(want.loss).toBe(Infinity);
    expect(got.loss).toBe(Infinity);
    expect(Array.from(got.grad!)).toEqual(Array.from(Float32Array.from(want.grad)));
    const finite = kernel(rows.subarray(3), [0, 2], 2, 3, { reduction: 'sum' });
    expect(finite.loss).toBe(Math.fround(Math.log(3) + Math.LN2));
  });

  it('propagates NaN anywhere in a row to its loss and whole gradient row, and only there', () => {
    for (const at of [1, 5, 9, 17]) {
      const x = new Float32Array(2 * 18).fill(0.5);
      x[at] = NaN;
      const r = kernel(x, [0, 0], 2, 18);
      expect(r.loss).toBeNaN();
      expect(Array.from(r.grad!.subarray(0, 18)).every((g) => Number.isNaN(g))).toBe(true);
      expect(Array.from(r.grad!.subarray(18)).every((g) => Number.isFinite(g))).toBe(true);
    }
  });

  it('propagates NaN of either sign and any payload, in every lane position, including the target', () => {
    // The SIMD kernel checks rows for NaN by bit pattern (its exp clamps by integer
    // compare, which would mistake a NaN), so the patterns are set bit by bit.
    const cols = 11; // two whole vectors and a tail of 3
    for (const bits of [0x7fc00000, 0xffc00000, 0x7f800001, 0xffffffff, 0x7fc00123]) {
      for (const at of [0, 3, 4, 7, 8, 10]) {
        for (const target of [0, 5, 9]) {
          const x = new Float32Array(3 * cols);
          for (let i = 0; i < x.length; i++) x[i] = Math.sin(i);
          new Uint32Array(x.buffer)[cols + at] = bits;
          const r = kernel(x, [1, target, 2], 3, cols, { reduction: 'sum' });
          expect(r.loss).toBeNaN();
          expect(Array.from(r.grad!.subarray(cols, 2 * cols)).every((g) => Number.isNaN(g))).toBe(true);
          const others = [...r.grad!.subarray(0, cols), ...r.grad!.subarray(2 * cols)];
          expect(others.every((g) => Number.isFinite(g))).toBe(true);
        }
      }
    }
  });

  it('matches the primitives for every target position at every width up to 13 and at 37', () => {
    // The SIMD kernel splits each row at the target's vector and handles the last 1–3
    // columns apart: every (width, target) pair walks a different combination. Rows are
    // confident (the target 6 above the rest), so Σ_{j≠t} e_j is small next to e_t and
    // the target's gradient is judged where a cancelling p_t − 1 would lose its digits.
    for (const cols of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 37]) {
      const rng = createRng(cols);
      const x = new Float32Array(cols * cols);
      const targets: number[] = [];
      for (let r = 0; r < cols; r++) {
        targets.push(r);
        for (let j = 0; j < cols; j++) x[r * cols + j] = rng.normal() + (j === r ? 6 : 0);
      }
      const ours = kernel(x, targets, cols, cols, { reduction: 'sum' });
      const ref = reference(x, targets, cols, cols, { reduction: 'sum' });
      expect(Math.abs(ours.loss - ref.loss)).toBeLessThanOrEqual(1e-5 * Math.abs(ref.loss) + 1e-12);
      expect(worstRelative(ours.grad!, ref.grad)).toBeLessThan(1e-5);
      const noGrad = kernel(x, targets, cols, cols, { reduction: 'sum', grad: null });
      expect(noGrad.loss).toBe(ours.loss);
    }
  });

  it('gives −Infinity logits below a finite maximum exactly 0 gradient', () => {
    const x = new Float32Array([1, -Infinity, 0, -Infinity, 2, 3]);
    const r = kernel(x, [0], 1, 6);
    expect(r.grad![1]).toBe(0);
    expect(r.grad![3]).toBe(0);
    expect(worstRelative(r.grad!, reference(x, [0], 1, 6).grad)).toBeLessThan(1e-6);
  });

  it('gives −Infinity logits exactly 0 gradient in the target vector, the others and the tail', () => {
    const x = new Float32Array([1, -Infinity, 0, -Infinity, 2, 3, -Infinity, 0.5, -1, -Infinity, 2.5]);
    for (const t of [0, 4, 8, 10]) {
      const r = kernel(x, [t], 1, 11);
      for (const j of [1, 3, 6, 9]) expect(r.grad![j]).toBe(0);
      expect(worstRelative(r.grad!, reference(x, [t], 1, 11).grad)).toBeLessThan(1e-6);
    }
  });

  it('honours ignoreIndex (zero gradient rows), weights of 0 and an empty batch', () => {
    const { logits, targets, weight } = randomCase(9, 6, 5, 2);
    const x32 = Float32Array.from(logits);
    targets[0] = 7;
    targets[4] = 7;
    weight[targets[1]] = 0;
    const ours = kernel(x32, targets, 6, 5, { ignoreIndex: 7, weight });
    const ref = reference(x32, targets, 6, 5, { ignoreIndex: 7, weight });
    expect(Math.abs(ours.loss - ref.loss)).toBeLessThanOrEqual(1e-6 * ref.loss);
    expect(Array.from(ours.grad!.subarray(0, 5))).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(ours.grad!.subarray(5, 10)).every((g) => g === 0)).toBe(true); // weight 0 (−0 for the target)
    expect(worstRelative(ours.grad!, ref.grad)).toBeLessThan(1e-5);
    // Every row ignored, or none at all: the mean is 0/0 = NaN (PyTorch too), the sum 0.
    expect(kernel(x32, [7, 7, 7, 7, 7, 7], 6, 5, { ignoreIndex: 7 }).loss).toBeNaN();
    const empty = kernel(new Float32Array(0), [], 0, 5, { reduction: 'sum' });
    expect(empty.loss).toBe(0);
    expect(empty.grad!.length).toBe(0);
    expect(kernel(new Float32Array(0), [], 0, 5).loss).toBeNaN();
  });

  it('reuses a grad buffer, and skips the backward pass for grad: null', () => {
    const { logits, targets } = randomCase(5, 8, 6, 3);
    const x32 = Float32Array.from(logits);
    const buffer = new Float32Array(x32.length).fill(123);
    const a = kernel(x32, targets, 8, 6, { grad: buffer });
    expect(a.grad).toBe(buffer);
    const fresh = kernel(x32, targets, 8, 6);
    expect(Array.from(buffer)).toEqual(Array.from(fresh.grad!));
    const noGrad = kernel(x32, targets, 8, 6, { grad: null });
    expect(noGrad.grad).toBeNull();
    expect(noGrad.loss).toBe(a.loss);
  });
});

describe('softmaxCrossEntropyKernel input checks', () => {
  it('runs WebAssembly SIMD on this runtime (Node 20 has it)', () => {
    expect(pickWasm('auto')).not.toBeNull();
    expect(pickWasm('typescript')).toBeNull();
    expect(() => pickWasm('gpu' as never)).toThrow('(backend)');
  });

  it('names the field at fault', () => {
    const x = new Float32Array(6);
    expect(() => softmaxCrossEntropyKernel(x, [0, 3], 2, 3)).toThrow(XentError);
    expect(() => softmaxCrossEntropyKernel(x, [0, 3], 2, 3)).toThrow('target 3 is not a class index in [0, 3) (target, index 1)');
    expect(() => softmaxCrossEntropyKernel(x, [0, 1.5], 2, 3)).toThrow('(target, index 1)');
    expect(() => softmaxCrossEntropyKernel(x, [-1, 0], 2, 3)).toThrow('(target, index 0)');
    expect(() => softmaxCrossEntropyKernel(x, [0], 2, 3)).toThrow('(target)');
    expect(() => softmaxCrossEntropyKernel(x, [0, 0], 3, 3)).toThrow('(input)');
    expect(() => softmaxCrossEntropyKernel(x, [0, 0], 2, 3, { weight: [1, 1] })).toThrow('(weight)');
    expect(() => softmaxCrossEntropyKernel(x, [0, 0], 2, 3, { grad: new Float64Array(6) })).toThrow('(grad)');
  });
});
