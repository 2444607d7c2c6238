import { XentError } from '../XentError.js';

/**
 * Checks class-index targets and returns the divisor of their weighted mean: Σ weight[t]
 * over the rows whose target is not `ignoreIndex` (their count without weights). Every
 * other target must be an integer class index in [0, cols); the first that is not is a
 * XentError naming `target` and the row.
 *
 * @example
 * classTargetDivisor([0, -100, 2], 3, 3, [1, 1, 0.5], -100) // 1.5
 */
export function classTargetDivisor(
  targets: ArrayLike<number>,
  rows: number,
  cols: number,
  weight: ArrayLike<number> | null,
  ignoreIndex: number,
): number {
  let divisor = 0;
  for (let r = 0; r < rows; r++) {
    const t = targets[r];
    if (t === ignoreIndex) continue;
    if (!Number.isInteger(t) || t < 0 || t >= cols) {
      throw new XentError(`target ${t} is not a class index in [0, ${cols})`, { field: 'target', index: r });
    }
    divisor += weight === null ? 1 : weight[t];
  }
  return divisor;
}
