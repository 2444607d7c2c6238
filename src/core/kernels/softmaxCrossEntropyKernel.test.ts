import { describe, expect, it } from 'vitest';
import { createRng } from '../random/createRng.js';
import { crossEntropyLoss } from '../losses/crossEntropyLoss.js';
import { XentError } from '../XentError.js';
import { pickWasm, softmaxCrossEntropyKernel } from './softmaxCrossEntropyKernel.js';

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

const shapes: [number, number, number][] = [
  [1, 1, 1],
  [7, 3, 2],
  [33, 10, 5],
  [4, 257, 30],
  [3, 1000, 1],
];

describe('softmaxCrossEntropyKernel, float64: bit-for-bit the losses layer', () => {
  for (const [rows, cols, spread] of shapes) {
    for (const reduction of ['mean', 'sum'] as const) {
      it(`(${rows}, ${cols}), spread ${spread}, ${reduction}, with and without weights and ignored rows`, () => {
        const { logits, targets, weight } = randomCase(rows * 1000 + cols, rows, cols, spread);
        const ours = softmaxCrossEntropyKernel(logits, targets, rows, cols, { reduction });
        const ref = crossEntropyLoss({ data: logits, shape: [rows, cols] }, { data: targets, shape: [rows] }, { reduction });
        expect(ours.loss).toBe(ref.loss);
        expect(Array.from(ours.grad!)).toEqual(Array.from(ref.grad));

        if (rows > 1) targets[1] = -100;
        const weighted = softmaxCrossEntropyKernel(logits, targets, rows, cols, { reduction, weight });
        const refW = crossEntropyLoss({ data: logits, shape: [rows, cols] }, { data: targets, shape: [rows] }, {
          reduction,
          weight: { data: weight, shape: [cols] },
        });
        expect(weighted.loss).toBe(refW.loss);
        expect(Array.from(weighted.grad!)).toEqual(Array.from(refW.grad));
      });
    }
  }

  it('follows the same rules for infinite logits', () => {
    const logits = new Float64Array([Infinity, 0, 1, -Infinity, -Infinity, -Infinity, 3, -Infinity, 2]);
    const targets = [1, 0, 0];
    const ours = softmaxCrossEntropyKernel(logits, targets, 3, 3);
    const ref = crossEntropyLoss({ data: logits, shape: [3, 3] }, targets);
    expect(ours.loss).toBe(ref.loss);
    expect(Array.from(ours.grad!)).toEqual(Array.from(ref.grad));
  });

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
});

// The reference is the losses layer in float64 on the float32 logits: its own float32
// path now runs this very kernel, so it could not judge it.
describe.each(['typescript', 'wasm'] as const)('softmaxCrossEntropyKernel, float32 on %s: within 1e-5 relative of the exact loss', (backend) => {
  for (const [rows, cols, spread] of [...shapes, [16, 5000, 8] as [number, number, number], [300, 13, 40] as [number, number, number]]) {
    it(`(${rows}, ${cols}), spread ${spread}`, () => {
      const { logits, targets, weight } = randomCase(rows + 7 * cols, rows, cols, spread);
      const x32 = Float32Array.from(logits);
      if (rows > 2) targets[2] = -100;
      for (const w of [undefined, weight]) {
        const ours = softmaxCrossEntropyKernel(x32, targets, rows, cols, { weight: w, backend });
        const ref = crossEntropyLoss({ data: x32, shape: [rows, cols] }, { data: targets, shape: [rows] }, {
          dtype: 'float64',
          weight: w === undefined ? undefined : { data: w, shape: [cols] },
        });
        expect(ours.grad).toBeInstanceOf(Float32Array);
        expect(Math.abs(ours.loss - (ref.loss as number))).toBeLessThanOrEqual(1e-5 * Math.abs(ref.loss as number));
        // The target's entry is compared with −Σ of the row's other entries (a gradient
        // row sums to 0): the reference's own p_t − 1 loses its digits as p_t → 1.
        const expected = Float64Array.from(ref.grad);
        for (let r = 0; r < rows; r++) {
          if (targets[r] === -100) continue;
          let others = 0;
          for (let j = 0; j < cols; j++) if (j !== targets[r]) others += ref.grad[r * cols + j];
          expected[r * cols + targets[r]] = -others;
        }
        let worst = 0;
        for (let i = 0; i < x32.length; i++) {
          const err = Math.abs(ours.grad![i] - expected[i]);
          // Relative per element; entries below the float32 normal range (1.2e-38) have none.
          worst = Math.max(worst, err / Math.max(Math.abs(expected[i]), 1e-30));
        }
        expect(worst).toBeLessThan(1e-5);
      }
    });
  }

  it('falls back to the exact rules for infinite maxima and propagates NaN', () => {
    const x = new Float32Array([Infinity, 0, 1, -Infinity, -Infinity, -Infinity]);
    const ours = softmaxCrossEntropyKernel(x, [1, 0], 2, 3, { reduction: 'sum', backend });
    const ref = crossEntropyLoss({ data: x, shape: [2, 3] }, [1, 0], { dtype: 'float64', reduction: 'sum' });
    expect(ours.loss).toBe(Math.fround(ref.loss as number));
    expect(Array.from(ours.grad!)).toEqual(Array.from(Float32Array.from(ref.grad)));
    // NaN anywhere in a row, in the vector part or the tail: loss and gradient row NaN.
    for (const at of [1, 5, 9]) {
      const row = new Float32Array(10).fill(0.5);
      row[at] = NaN;
      const r = softmaxCrossEntropyKernel(row, [0], 1, 10, { backend });
      expect(r.loss).toBeNaN();
      expect(Array.from(r.grad!).every((g) => Number.isNaN(g))).toBe(true);
    }
    // −Infinity logits below a finite maximum get exactly 0 gradient.
    const withNegInf = softmaxCrossEntropyKernel(new Float32Array([1, -Infinity, 0, -Infinity, 2, 3]), [0], 1, 6, { backend });
    expect(withNegInf.grad![1]).toBe(0);
    expect(withNegInf.grad![3]).toBe(0);
  });

  it('reuses a grad buffer, and skips the backward pass for grad: null', () => {
    const { logits, targets } = randomCase(5, 8, 6, 3);
    const x32 = Float32Array.from(logits);
    const buffer = new Float32Array(x32.length).fill(123);
    const a = softmaxCrossEntropyKernel(x32, targets, 8, 6, { grad: buffer, backend });
    expect(a.grad).toBe(buffer);
    const fresh = softmaxCrossEntropyKernel(x32, targets, 8, 6, { backend });
    expect(Array.from(buffer)).toEqual(Array.from(fresh.grad!));
    const noGrad = softmaxCrossEntropyKernel(x32, targets, 8, 6, { grad: null, backend });
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
    expect(() => softmaxCrossEntropyKernel(x, [0, 3], 2, 3)).toThrow('(target, index 1)');
    expect(() => softmaxCrossEntropyKernel(x, [0, 1.5], 2, 3)).toThrow('(target, index 1)');
    expect(() => softmaxCrossEntropyKernel(x, [0], 2, 3)).toThrow('(target)');
    expect(() => softmaxCrossEntropyKernel(x, [0, 0], 3, 3)).toThrow('(input)');
    expect(() => softmaxCrossEntropyKernel(x, [0, 0], 2, 3, { weight: [1, 1] })).toThrow('(weight)');
    expect(() => softmaxCrossEntropyKernel(x, [0, 0], 2, 3, { grad: new Float64Array(6) })).toThrow('(grad)');
  });
});
