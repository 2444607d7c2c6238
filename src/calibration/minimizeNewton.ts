import { XentError } from '../core/XentError.js';

/**
 * A smooth objective with exact first and second derivatives. `evaluate` returns f(x) and,
 * when asked, writes ∇f(x) into `gradient` and the Hessian (row-major, dimension²) into
 * `hessian`.
 */
export interface SmoothObjective {
  dimension: number;
  evaluate(x: Float64Array, gradient: Float64Array | null, hessian: Float64Array | null): number;
}

export interface NewtonResult {
  x: Float64Array;
  value: number;
  iterations: number;
  /** Half the Newton decrement g·H⁻¹·g at the end: the predicted distance of f from its minimum. */
  predictedGap: number;
  converged: boolean;
}

export interface NewtonOptions {
  maxIterations?: number;
  /** Stop when the Newton decrement says f is within this of its minimum (default 1e-22). */
  gapTolerance?: number;
}

/**
 * Damped Newton's method for a convex objective (Boyd & Vandenberghe, Convex Optimization,
 * §9.5): the step d solves H d = −g, a backtracking line search keeps f decreasing
 * (Armijo, c = 1e-4, halving), and the Newton decrement λ² = −g·d bounds f − f* by about
 * λ²/2, which is the stopping test. It converges quadratically near the minimum, so the
 * answer is as exact as float64 allows in a handful of iterations. Where H is singular or
 * not positive definite to working precision, a multiple of the identity is added
 * (Levenberg) until the Cholesky factorisation succeeds.
 *
 * @example
 * // f(x) = (x − 3)²: one step.
 * minimizeNewton({ dimension: 1, evaluate: (x, g, h) => { if (g) g[0] = 2 * (x[0] - 3); if (h) h[0] = 2; return (x[0] - 3) ** 2; } }, Float64Array.of(0)).x // Float64Array [3]
 */
export function minimizeNewton(objective: SmoothObjective, start: Float64Array, options: NewtonOptions = {}): NewtonResult {
  const n = objective.dimension;
  const maxIterations = options.maxIterations ?? 100;
  const gapTolerance = options.gapTolerance ?? 1e-22;
  const x = Float64Array.from(start);
  const g = new Float64Array(n);
  const h = new Float64Array(n * n);
  const d = new Float64Array(n);
  const trial = new Float64Array(n);
  let value = objective.evaluate(x, g, h);
  if (!Number.isFinite(value)) throw new XentError(`the objective is ${value} at the start`, { field: 'fit' });
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    newtonStep(h, g, n, d);
    let slope = 0;
    for (let j = 0; j < n; j++) slope += g[j] * d[j];
    const predictedGap = -slope / 2;
    if (!(predictedGap > gapTolerance)) {
      // Within tolerance, one more full step: it changes f by less than f's own rounding,
      // so f cannot judge it, but near the minimum it squares the error in x.
      for (let j = 0; j < n; j++) x[j] += d[j];
      value = objective.evaluate(x, null, null);
      return { x, value, iterations: iteration + 1, predictedGap: Math.max(predictedGap, 0), converged: true };
    }
    let step = 1;
    let next = NaN;
    for (let halvings = 0; halvings < 60; halvings++, step /= 2) {
      for (let j = 0; j < n; j++) trial[j] = x[j] + step * d[j];
      next = objective.evaluate(trial, null, null);
      if (next <= value + 1e-4 * step * slope) break;
    }
    if (!(next <= value)) return { x, value, iterations: iteration, predictedGap, converged: predictedGap <= 1e-16 * Math.max(1, Math.abs(value)) };
    x.set(trial);
    value = objective.evaluate(x, g, h);
  }
  newtonStep(h, g, n, d);
  let slope = 0;
  for (let j = 0; j < n; j++) slope += g[j] * d[j];
  return { x, value, iterations: maxIterations, predictedGap: -slope / 2, converged: -slope / 2 <= gapTolerance };
}

/** d = −(H + μI)⁻¹ g with the smallest μ ≥ 0 (0, then 1e-12·scale, ×10…) for which H + μI factors. */
function newtonStep(h: Float64Array, g: Float64Array, n: number, d: Float64Array): void {
  let scale = 0;
  for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(h[j * n + j]));
  const factor = new Float64Array(n * n);
  for (let mu = 0; ; mu = mu === 0 ? 1e-12 * (scale || 1) : mu * 10) {
    if (choleskyFactor(h, n, mu, factor)) break;
    if (mu > 1e12 * (scale || 1)) throw new XentError('the Hessian is not finite', { field: 'fit' });
  }
  // Forward then back substitution: L y = −g, Lᵀ d = y.
  for (let i = 0; i < n; i++) {
    let s = -g[i];
    for (let k = 0; k < i; k++) s -= factor[i * n + k] * d[k];
    d[i] = s / factor[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = d[i];
    for (let k = i + 1; k < n; k++) s -= factor[k * n + i] * d[k];
    d[i] = s / factor[i * n + i];
  }
}

/** The lower Cholesky factor of H + μI into `out`; false when it is not positive definite. */
function choleskyFactor(h: Float64Array, n: number, mu: number, out: Float64Array): boolean {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = h[i * n + j] + (i === j ? mu : 0);
      for (let k = 0; k < j; k++) s -= out[i * n + k] * out[j * n + k];
      if (i === j) {
        if (!(s > 0)) return false;
        out[i * n + i] = Math.sqrt(s);
      } else {
        out[i * n + j] = s / out[j * n + j];
      }
    }
  }
  return true;
}
