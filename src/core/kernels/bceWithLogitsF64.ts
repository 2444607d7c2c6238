import { NeumaierAccumulator } from '../math/neumaierSum.js';
import { sigmoid } from '../math/sigmoid.js';
import { softplus } from '../math/softplus.js';

/**
 * The exact float64 path, from the core/math primitives: ℓ = y·softplus(−x) +
 * (1 − y)·softplus(x) (= −[y log σ(x) + (1 − y) log σ(−x)]), a zero coefficient
 * contributing 0 even against an infinite softplus, and ∂ℓ/∂x = (1 − y)·σ(x) − y·σ(−x),
 * which never subtracts two numbers near 1 for hard targets; compensated sum. The float32
 * kernels redo with it (loss only) a block whose sum came out NaN, which for inputs
 * without NaN means an infinite logit whose 0·∞ they leave undefined.
 */
export function bceWithLogitsF64(x: ArrayLike<number>, z: ArrayLike<number>, scale: number, grad: Float64Array | null): number {
  const acc = new NeumaierAccumulator();
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const y = z[i];
    const notY = 1 - y;
    acc.add((y === 0 ? 0 : y * softplus(-v)) + (notY === 0 ? 0 : notY * softplus(v)));
    if (grad !== null) grad[i] = (notY * sigmoid(v) - y * sigmoid(-v)) * scale;
  }
  return acc.value();
}
