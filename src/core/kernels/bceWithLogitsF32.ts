import { NeumaierAccumulator } from '../math/neumaierSum.js';
import { bceWithLogitsF64 } from './bceWithLogitsF64.js';
import { fastExpNonPositive } from './fastExp.js';

/** Σ ℓ_i over float32 inputs (compensated per block), writing scale·(σ(x) − z) into grad. */
export function bceWithLogitsF32(x: Float32Array, z: ArrayLike<number>, scale: number, grad: Float32Array | null): number {
  const acc = new NeumaierAccumulator();
  const n = x.length;
  // Plain double sums over blocks of 4096 keep the hot loop free of the compensation's
  // branch; 4096 terms of at most ~100 lose nothing a float32 result would show.
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(start + BLOCK, n);
    let s = 0;
    for (let i = start; i < end; i++) {
      const v = x[i];
      const t = z[i];
      const u = fastExpNonPositive(v >= 0 ? -v : v);
      const q = u / (2 + u);
      const q2 = q * q;
      const log1pU =
        2 * q * (1 + q2 * (1 / 3 + q2 * (1 / 5 + q2 * (1 / 7 + q2 * (1 / 9 + q2 * (1 / 11 + q2 * (1 / 13 + q2 * (1 / 15))))))));
      s += (v > 0 ? v : 0) - v * t + log1pU;
      if (grad !== null) {
        const inv = 1 / (1 + u);
        // σ(x) − z as (1 − z) − σ(−x) for x ≥ 0: no cancellation when σ(x) and z are both ≈ 1.
        grad[i] = (v >= 0 ? 1 - t - u * inv : u * inv - t) * scale;
      }
    }
    // x = ±Infinity makes x − x·z = ∞ − ∞ here: such a block is summed again by the exact path.
    acc.add(s === s ? s : bceWithLogitsF64(x.subarray(start, end), z instanceof Float32Array || z instanceof Float64Array ? z.subarray(start, end) : Array.prototype.slice.call(z, start, end), 1, null));
  }
  return acc.value();
}

const BLOCK = 4096;
