import { describe, expect, it } from 'vitest';
import { createRng } from '../random/createRng.js';
import { softplus } from '../math/softplus.js';
import { sigmoid } from '../math/sigmoid.js';
import { bceWithLogitsKernel } from './bceWithLogitsKernel.js';

/**
 * The judge, from the core/math primitives: softplus(x) − x·z = −[z log σ(x) +
 * (1 − z) log(1 − σ(x))], summed in float64 (a different form from the kernel's
 * z·softplus(−x) + (1 − z)·softplus(x)).
 */
function reference(x: ArrayLike<number>, z: ArrayLike<number>): { loss: number; grad: Float64Array } {
  let sum = 0;
  const grad = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    sum += softplus(x[i]) - x[i] * z[i];
    // σ(x) − z without the cancellation of 1 − z against σ(x) ≈ 1 for large x.
    grad[i] = (x[i] >= 0 ? 1 - z[i] - sigmoid(-x[i]) : sigmoid(x[i]) - z[i]) / x.length;
  }
  return { loss: sum / x.length, grad };
}

function randomCase(seed: number, n: number, spread: number) {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = spread * rng.normal();
    z[i] = i % 3 === 0 ? rng.uniform() : rng.int(2);
  }
  return { x, z };
}

describe('bceWithLogitsKernel', () => {
  for (const [n, spread] of [[1, 1], [17, 3], [10_000, 30]] as const) {
    it(`float64 agrees with the primitives' softplus form to rounding, n = ${n}, spread ${spread}`, () => {
      const { x, z } = randomCase(n, n, spread);
      for (const reduction of ['mean', 'sum'] as const) {
        const ours = bceWithLogitsKernel(x, z, { reduction });
        const ref = reference(x, z);
        const scale = reduction === 'mean' ? 1 : n;
        expect(Math.abs(ours.loss - ref.loss * scale)).toBeLessThanOrEqual(1e-14 * Math.abs(ref.loss * scale));
        // (1 − y)σ(x) − yσ(−x) and σ(x) − y round differently near a cancellation: the
        // difference is measured against the gradient's scale there.
        for (let i = 0; i < n; i++) {
          const want = ref.grad[i] * scale;
          expect(Math.abs(ours.grad![i] - want)).toBeLessThanOrEqual(1e-15 * Math.max(Math.abs(want), scale / n));
        }
      }
      if (spread <= 3) {
        // And the textbook formula, independent of the primitives, where it is accurate.
        let naive = 0;
        for (let i = 0; i < n; i++) {
          const a = 1 / (1 + Math.exp(-x[i]));
          naive -= z[i] * Math.log(a) + (1 - z[i]) * Math.log(1 - a);
        }
        expect(Math.abs(bceWithLogitsKernel(x, z, { reduction: 'sum' }).loss - naive)).toBeLessThanOrEqual(1e-12 * naive);
      }
    });

    for (const backend of ['typescript', 'wasm'] as const) {
      it(`float32 on ${backend} is within 1e-5 relative, n = ${n}, spread ${spread}`, () => {
        const { x, z } = randomCase(n + 1, n, spread);
        const x32 = Float32Array.from(x);
        const z32 = Float32Array.from(z);
        const ours = bceWithLogitsKernel(x32, z32, { reduction: 'sum', backend });
        const ref = reference(x32, z32);
        expect(ours.grad).toBeInstanceOf(Float32Array);
        expect(Math.abs(ours.loss - ref.loss * n)).toBeLessThanOrEqual(1e-5 * Math.abs(ref.loss * n));
        // Per element, relative. The SIMD kernel computes σ(x) − z in float32, so where a
        // soft target nearly cancels σ(x) its error is relative to σ(x) + z instead
        // (float32 rounding of either side); hard 0/1 targets never cancel.
        let worst = 0;
        let worstConditioned = 0;
        for (let i = 0; i < n; i++) {
          const err = Math.abs(ours.grad![i] - ref.grad[i] * n);
          const rel = err / Math.max(Math.abs(ref.grad[i] * n), 1e-30);
          if (backend === 'typescript' || z32[i] === 0 || z32[i] === 1) worst = Math.max(worst, rel);
          else worstConditioned = Math.max(worstConditioned, Math.min(rel, err / (sigmoid(x32[i]) + z32[i])));
        }
        expect(worst).toBeLessThan(1e-5);
        expect(worstConditioned).toBeLessThan(1e-6);
      });
    }
  }

  it('has the gradient of its own loss (central differences, float64)', () => {
    const { x, z } = randomCase(3, 5, 2);
    const { grad } = bceWithLogitsKernel(x, z);
    const h = 1e-6;
    for (let i = 0; i < 5; i++) {
      const up = x.slice();
      const down = x.slice();
      up[i] += h;
      down[i] -= h;
      const fd = (bceWithLogitsKernel(up, z, { grad: null }).loss - bceWithLogitsKernel(down, z, { grad: null }).loss) / (2 * h);
      expect(grad![i]).toBeCloseTo(fd, 8);
    }
  });

  it.each(['typescript', 'wasm'] as const)('stays finite for huge logits on %s, NaN for NaN', (backend) => {
    const x = new Float32Array([1e30, -1e30, 100, -100, 1e30, -1e30, 100, -100, 0]);
    const z = new Float32Array([1, 0, 0, 1, 1, 0, 0, 1, 1]);
    const { loss, grad } = bceWithLogitsKernel(x, z, { reduction: 'sum', backend });
    expect(loss).toBe(Math.fround(400 + Math.LN2));
    expect(Array.from(grad!)).toEqual([0, 0, 1, -1, 0, 0, 1, -1, -0.5]);
    const nan = bceWithLogitsKernel(new Float32Array([0, NaN, 0, 0, 0]), new Float32Array(5), { backend });
    expect(nan.loss).toBeNaN();
    expect(nan.grad![1]).toBeNaN();
  });

  it.each(['typescript', 'wasm'] as const)('defines ±Infinity and the empty input on %s', (backend) => {
    // ℓ(+∞, 1) = ℓ(−∞, 0) = 0 with gradient 0; ℓ(+∞, 0) = ℓ(−∞, 1) = Infinity with gradient ±1.
    const x = new Float32Array([Infinity, -Infinity, Infinity, -Infinity]);
    const z = new Float32Array([1, 0, 0, 1]);
    const ref = reference(x, z);
    const f32 = bceWithLogitsKernel(x, z, { reduction: 'sum', backend });
    expect(f32.loss).toBe(Infinity);
    expect(Array.from(f32.grad!)).toEqual(Array.from(ref.grad, (g) => g * 4));
    const finite = bceWithLogitsKernel(x.subarray(0, 2), z.subarray(0, 2), { reduction: 'sum', backend });
    expect(finite.loss).toBe(0);
    expect(Array.from(bceWithLogitsKernel(Float64Array.from(x), z, { reduction: 'sum' }).grad!)).toEqual([0, 0, 1, -1]);
    const empty = bceWithLogitsKernel(new Float32Array(0), new Float32Array(0), { reduction: 'sum', backend });
    expect(empty.loss).toBe(0);
    expect(bceWithLogitsKernel(new Float32Array(0), new Float32Array(0), { backend }).loss).toBeNaN();
  });

  it('checks its inputs', () => {
    const x = new Float32Array([1e30, -1e30, 100, -100]);
    const z = new Float32Array([1, 0, 0, 1]);
    expect(() => bceWithLogitsKernel(x, [1])).toThrow('(target)');
    expect(() => bceWithLogitsKernel(x, z, { grad: new Float32Array(3) })).toThrow('(grad)');
  });
});
