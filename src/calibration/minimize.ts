import { XentError } from '../core/XentError.js';
import { minimizeLbfgs } from './minimizeLbfgs.js';
import { minimizeNewton, type SmoothObjective } from './minimizeNewton.js';

/**
 * The most parameters for which a fit uses Newton's method by default, L-BFGS above. On
 * 20,000 rows L-BFGS (preconditioned) was already as fast as Newton at 11 parameters
 * (vector scaling of 6 classes: 1.08 s against 1.20 s) and faster beyond, and Newton's
 * cost per iteration grows as n·d² + d³; up to 8 Newton's exact steps are cheap, and its
 * answer is exact to rounding in a handful of iterations.
 */
export const NEWTON_MAX_PARAMETERS = 8;

/** Newton's method with the exact Hessian, or L-BFGS on the gradient alone. */
export type Minimizer = 'newton' | 'lbfgs';
export const MINIMIZERS: readonly Minimizer[] = ['newton', 'lbfgs'];

/**
 * The minimum of a fit's objective by the chosen method; `preconditioner` makes L-BFGS's
 * (built only when L-BFGS runs). L-BFGS that stops short of its gradient tolerance is an
 * error naming why and how far it was, never a quiet answer.
 *
 * @example
 * minimize({ dimension: 1, evaluate: (x, g, h) => { if (g) g[0] = 2 * (x[0] - 3); if (h) h[0] = 2; return (x[0] - 3) ** 2; } }, Float64Array.of(0), 'lbfgs', 'a parabola').x // Float64Array [3]
 */
export function minimize(objective: SmoothObjective, start: Float64Array, minimizer: Minimizer, what: string, preconditioner?: (x: Float64Array) => (v: Float64Array) => void): { x: Float64Array; value: number; iterations: number } {
  if (minimizer === 'newton') return minimizeNewton(objective, start);
  if (minimizer !== 'lbfgs') throw new XentError(`unknown minimizer '${String(minimizer)}' (expected ${MINIMIZERS.join(' or ')})`, { field: 'minimizer' });
  const fit = minimizeLbfgs(objective, start, { preconditioner });
  if (!fit.converged) {
    const why = fit.stop === 'iterations' ? `ran out of iterations (${fit.iterations})` : `found no step that lowers the objective after ${fit.iterations} iterations`;
    throw new XentError(
      `${what} did not converge: L-BFGS ${why}, with the gradient's max-norm ${short(fit.gradientMaxNorm)} above the ${short(fit.gradientBound)} required (log-loss ${short(fit.value)})`,
      { field: 'fit' },
    );
  }
  return fit;
}

function short(v: number): string {
  return v.toPrecision(3);
}
