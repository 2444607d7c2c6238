import { XentError } from '../core/XentError.js';
import type { SmoothObjective } from './minimizeNewton.js';

export interface LbfgsOptions {
  /** Curvature pairs (s, y) kept, m (default 10). */
  memory?: number;
  /** Iterations before giving up (default 20,000). */
  maxIterations?: number;
  /** Stop when ‖∇f‖∞ ≤ this × max(1, |f|) (default 1e-10). */
  gradientTolerance?: number;
  /**
   * Multiplies v, in place, by a fixed symmetric positive definite P that approximates the
   * inverse Hessian: the initial matrix becomes H₀ = γP, γ = sᵀy / yᵀPy. Without it, P = I.
   */
  preconditioner?: (x: Float64Array) => (v: Float64Array) => void;
}

/**
 * Why the minimiser stopped. `gradient`: ‖∇f‖∞ passed the tolerance. `rounding`: no step
 * could lower f, but the decrease the quasi-Newton model still promised, −½∇f·d, was below
 * ROUNDING_GAP of |f|, so f is at its minimum as far as f can be measured. Both are
 * convergence; `iterations` and `line-search` are not.
 */
export type LbfgsStop = 'gradient' | 'rounding' | 'iterations' | 'line-search';

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  /** ‖∇f(x)‖∞ at the answer. */
  gradientMaxNorm: number;
  /** The bound ‖∇f‖∞ had to pass: gradientTolerance × max(1, |f|). */
  gradientBound: number;
  iterations: number;
  /** Evaluations of f and ∇f, the start's included. */
  evaluations: number;
  converged: boolean;
  stop: LbfgsStop;
}

// Line-search constants (Nocedal & Wright, Numerical Optimization, 2nd ed., §3.1): c1 for
// sufficient decrease, c2 for curvature; 0.9 is their recommendation for quasi-Newton.
const C1 = 1e-4;
const C2 = 0.9;
const MAX_LINE_SEARCH_EVALUATIONS = 60;
/**
 * Relative size of f's rounding: Neumaier-summed objectives are good to a few ulps, so a
 * change of f below this is not a measurement and the decrease is judged by the slope.
 */
const VALUE_ROUNDING = 1e-14;
/** A promised decrease below this fraction of |f| (a hundred times f's rounding) is no decrease. */
const ROUNDING_GAP = 1e-12;

/**
 * L-BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed., Algorithm 7.5), for objectives
 * too large for Newton's method: it keeps the last m steps s and gradient changes y and
 * applies the inverse-Hessian approximation they define to −∇f by the two-loop recursion
 * (Algorithm 7.4), with H₀ = (sᵀy / yᵀy)·I (their eq. 7.20), or γP with a caller's
 * preconditioner P, which may change from one iteration to the next as §7.2 allows.
 * Memory and work per iteration are O(m·n), never n², besides P's.
 *
 * Steps satisfy the strong Wolfe conditions, found by the bracketing line search and zoom
 * of Algorithms 3.5 and 3.6 with cubic interpolation (eq. 3.59) kept inside the bracket.
 * Near the minimum a decrease of f drowns in f's rounding, so where |f(x + αd) − f(x)| is
 * below VALUE_ROUNDING·|f| the sufficient-decrease test is the slope form of Hager & Zhang's
 * approximate Wolfe condition, φ'(α) ≤ (2c1 − 1)φ'(0) (SIAM J. Optim. 16, 2005, §4), which
 * is Armijo's for the local quadratic and is measured on the gradient, still accurate there.
 *
 * It stops when ‖∇f‖∞ ≤ gradientTolerance·max(1, |f|), or when no step lowers f and the
 * quasi-Newton model promises less than f's rounding (see LbfgsStop). It never pretends:
 * if the iterations run out, or no step along the direction nor along −P∇f meets the
 * conditions, it returns the best point with `converged: false` and says why in `stop`;
 * callers must check.
 *
 * @example
 * // f(x) = (x₀ − 1)² + 10(x₁ + 2)²
 * minimizeLbfgs({ dimension: 2, evaluate: (x, g) => { if (g) { g[0] = 2 * (x[0] - 1); g[1] = 20 * (x[1] + 2); } return (x[0] - 1) ** 2 + 10 * (x[1] + 2) ** 2; } }, new Float64Array(2)).converged // true
 */
export function minimizeLbfgs(objective: SmoothObjective, start: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const n = objective.dimension;
  const memory = options.memory ?? 10;
  const maxIterations = options.maxIterations ?? 20000;
  const tolerance = options.gradientTolerance ?? 1e-10;
  if (!(Number.isInteger(memory) && memory >= 1)) throw new XentError(`memory must be a whole number ≥ 1, got ${memory}`, { field: 'memory' });
  if (!(tolerance >= 0)) throw new XentError(`gradientTolerance must be ≥ 0, got ${tolerance}`, { field: 'gradientTolerance' });
  if (start.length !== n) throw new XentError(`the start has ${start.length} entries, expected ${n}`, { field: 'start' });

  let x: Float64Array = Float64Array.from(start);
  let g: Float64Array = new Float64Array(n);
  let value = objective.evaluate(x, g, null);
  let evaluations = 1;
  if (!Number.isFinite(value) || !allFinite(g)) throw new XentError(`the objective or its gradient is not finite at the start (f = ${value})`, { field: 'fit' });

  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alphas = new Float64Array(memory);
  const d = new Float64Array(n);
  const py = new Float64Array(n);
  let precondition: ((v: Float64Array) => void) | undefined;
  let xNext: Float64Array = new Float64Array(n);
  let gNext: Float64Array = new Float64Array(n);
  const search: LineSearch = { objective, x, d, xTrial: xNext, gTrial: gNext, evaluations: 0 };

  const result = (iterations: number, stop: LbfgsStop): LbfgsResult => {
    const gradientMaxNorm = maxAbs(g);
    const gradientBound = tolerance * Math.max(1, Math.abs(value));
    return { x, value, gradientMaxNorm, gradientBound, iterations, evaluations, converged: stop === 'gradient' || stop === 'rounding', stop };
  };

  let steepestRetry = false;
  for (let iteration = 0; ; iteration++) {
    if (maxAbs(g) <= tolerance * Math.max(1, Math.abs(value))) return result(iteration, 'gradient');
    if (iteration >= maxIterations) return result(iteration, 'iterations');

    precondition = options.preconditioner?.(x);
    // Two-loop recursion (Algorithm 7.4): d = −H∇f.
    for (let j = 0; j < n; j++) d[j] = -g[j];
    const pairs = steepestRetry ? 0 : s.length;
    for (let i = pairs - 1; i >= 0; i--) {
      alphas[i] = rho[i] * dot(s[i], d);
      axpy(-alphas[i], y[i], d);
    }
    if (precondition !== undefined) precondition(d);
    if (pairs > 0) {
      // γ = sᵀy / yᵀPy of the newest pair (eq. 7.20 in P's metric).
      const last = pairs - 1;
      py.set(y[last]);
      if (precondition !== undefined) precondition(py);
      scale(dot(s[last], y[last]) / dot(y[last], py), d);
    }
    for (let i = 0; i < pairs; i++) {
      const beta = rho[i] * dot(y[i], d);
      axpy(alphas[i] - beta, s[i], d);
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Rounding has made the quasi-Newton direction useless: start again from −P∇f.
      for (let j = 0; j < n; j++) d[j] = -g[j];
      if (precondition !== undefined) precondition(d);
      slope = dot(g, d);
      s.length = y.length = rho.length = 0;
    }
    // A step without curvature pairs has nothing to scale it: its longest move is at most 1
    // (the line search lengthens it if f keeps falling).
    const initialStep = pairs === 0 ? Math.min(1, 1 / maxAbs(d)) : 1;

    search.x = x;
    search.xTrial = xNext;
    search.gTrial = gNext;
    search.evaluations = 0;
    const step = strongWolfeStep(search, value, slope, initialStep);
    evaluations += search.evaluations;
    if (step === null) {
      if (pairs > 0 && -slope / 2 <= ROUNDING_GAP * Math.max(1, Math.abs(value))) return result(iteration, 'rounding');
      if (pairs === 0) return result(iteration, 'line-search');
      // Drop the curvature pairs and try once along −P∇f before giving up.
      steepestRetry = true;
      s.length = y.length = rho.length = 0;
      iteration--;
      continue;
    }
    steepestRetry = false;

    // New pair s = x⁺ − x, y = ∇f⁺ − ∇f; kept only when sᵀy > 0 (Wolfe guarantees it in exact arithmetic).
    const sNew = s.length === memory ? s.shift()! : new Float64Array(n);
    const yNew = y.length === memory ? y.shift()! : new Float64Array(n);
    if (rho.length === memory) rho.shift();
    for (let j = 0; j < n; j++) {
      sNew[j] = step.x[j] - x[j];
      yNew[j] = step.g[j] - g[j];
    }
    const sy = dot(sNew, yNew);
    if (sy > 0) {
      s.push(sNew);
      y.push(yNew);
      rho.push(1 / sy);
    }
    [x, xNext] = [step.x, x];
    [g, gNext] = [step.g, g];
    value = step.value;
  }
}

interface LineSearch {
  objective: SmoothObjective;
  x: Float64Array;
  d: Float64Array;
  xTrial: Float64Array;
  gTrial: Float64Array;
  evaluations: number;
}

interface Trial {
  alpha: number;
  value: number;
  slope: number;
}

/**
 * A step length α meeting the strong Wolfe conditions along d (Algorithm 3.5, zoom by
 * Algorithm 3.6), or null when none is found in MAX_LINE_SEARCH_EVALUATIONS evaluations.
 * On success, `x`, `g` and `value` are the point, gradient and f there.
 */
function strongWolfeStep(ls: LineSearch, value0: number, slope0: number, initialStep: number): { x: Float64Array; g: Float64Array; value: number } | null {
  const roundingBand = VALUE_ROUNDING * Math.max(1, Math.abs(value0));
  const probe = (alpha: number): Trial => {
    const { x, d, xTrial, gTrial } = ls;
    for (let j = 0; j < x.length; j++) xTrial[j] = x[j] + alpha * d[j];
    const value = ls.objective.evaluate(xTrial, gTrial, null);
    ls.evaluations++;
    const slope = dot(gTrial, d);
    return Number.isFinite(value) && Number.isFinite(slope) ? { alpha, value, slope } : { alpha, value: Infinity, slope: Infinity };
  };
  // Armijo, or, where f's change is rounding, its slope form (Hager & Zhang's approximate Wolfe).
  const sufficientDecrease = (t: Trial): boolean => {
    if (t.value <= value0 + C1 * t.alpha * slope0) return true;
    return Math.abs(t.value - value0) <= roundingBand && t.slope <= (2 * C1 - 1) * slope0;
  };
  const curvature = (t: Trial): boolean => Math.abs(t.slope) <= -C2 * slope0;
  // f(a) ≥ f(b), as far as f can tell; within its rounding the slopes decide instead.
  const higher = (a: Trial, b: Trial): boolean => Math.abs(a.value - b.value) > roundingBand && a.value >= b.value;
  // Called only on the last probe, whose point and gradient xTrial and gTrial hold.
  const accept = (t: Trial): { x: Float64Array; g: Float64Array; value: number } => ({ x: ls.xTrial, g: ls.gTrial, value: t.value });

  let previous: Trial = { alpha: 0, value: value0, slope: slope0 };
  let alpha = initialStep;
  while (ls.evaluations < MAX_LINE_SEARCH_EVALUATIONS) {
    const t = probe(alpha);
    if (!sufficientDecrease(t) || (previous.alpha > 0 && higher(t, previous))) return zoom(previous, t);
    if (curvature(t)) return accept(t);
    if (t.slope >= 0) return zoom(t, previous);
    previous = t;
    alpha *= 4;
  }
  return null;

  // Algorithm 3.6: lo satisfies sufficient decrease and has the lower f, and the slope at lo points towards hi.
  function zoom(lo: Trial, hi: Trial): { x: Float64Array; g: Float64Array; value: number } | null {
    while (ls.evaluations < MAX_LINE_SEARCH_EVALUATIONS) {
      const width = Math.abs(hi.alpha - lo.alpha);
      if (!(width > 1e-16 * Math.max(lo.alpha, hi.alpha))) return null;
      const t = probe(interpolate(lo, hi));
      if (!sufficientDecrease(t) || higher(t, lo)) {
        hi = t;
        continue;
      }
      if (curvature(t)) return accept(t);
      if (t.slope * (hi.alpha - lo.alpha) >= 0) hi = lo;
      lo = t;
    }
    return null;
  }
}

/**
 * The minimiser of the cubic through φ and φ' at both ends (Nocedal & Wright eq. 3.59)
 * when it lies in the middle 80% of the bracket, else of the quadratic through φ(a), φ'(a),
 * φ(b), held there; bisection when neither exists (an end where f is not finite).
 */
function interpolate(a: Trial, b: Trial): number {
  const lo = Math.min(a.alpha, b.alpha);
  const hi = Math.max(a.alpha, b.alpha);
  const margin = 0.1 * (hi - lo);
  let alpha = NaN;
  if (Number.isFinite(a.value) && Number.isFinite(b.value)) {
    const d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.alpha - b.alpha);
    const discriminant = d1 * d1 - a.slope * b.slope;
    if (discriminant >= 0) {
      const d2 = Math.sign(b.alpha - a.alpha) * Math.sqrt(discriminant);
      alpha = b.alpha - (b.alpha - a.alpha) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2);
    }
  }
  if (alpha >= lo + margin && alpha <= hi - margin) return alpha;
  // The quadratic through φ(a), φ'(a) and φ(b) (eq. 3.58), which shrinks a far overshoot
  // (φ(b) huge) by up to the bracket's tenth per evaluation where bisection halves it.
  if (Number.isFinite(a.value) && Number.isFinite(b.value)) {
    const w = b.alpha - a.alpha;
    const curvature = b.value - a.value - a.slope * w;
    if (curvature > 0) alpha = a.alpha - (a.slope * w * w) / (2 * curvature);
  }
  if (alpha >= lo + margin && alpha <= hi - margin) return alpha;
  if (Number.isFinite(alpha)) return Math.min(Math.max(alpha, lo + margin), hi - margin);
  return (lo + hi) / 2;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += a[j] * b[j];
  return sum;
}

function axpy(alpha: number, x: Float64Array, y: Float64Array): void {
  for (let j = 0; j < x.length; j++) y[j] += alpha * x[j];
}

function scale(alpha: number, x: Float64Array): void {
  for (let j = 0; j < x.length; j++) x[j] *= alpha;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j]));
  return m;
}

function allFinite(a: Float64Array): boolean {
  for (let j = 0; j < a.length; j++) if (!Number.isFinite(a[j])) return false;
  return true;
}
