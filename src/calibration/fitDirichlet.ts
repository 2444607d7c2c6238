import { logSoftmaxStrided } from '../core/math/logSoftmax.js';
import { NeumaierAccumulator } from '../core/math/neumaierSum.js';
import { XentError } from '../core/XentError.js';
import { minimize, type Minimizer } from './minimize.js';
import { softmaxInto } from './softmaxInto.js';
import { checkScoreRows, rowWeight, totalWeight, type ScoreRows } from './ScoreRows.js';

/**
 * Dirichlet calibration (Kull et al., "Beyond temperature scaling: Obtaining well-calibrated
 * multiclass probabilities with Dirichlet calibration", NeurIPS 2019): new scores
 * u = M·ℓ + c from the log-probabilities ℓ = log softmax(s), a full K×K matrix M and an
 * intercept c, fitted by minimising the mean log-loss plus the paper's ODIR penalty
 * (off-diagonal and intercept regularisation):
 *
 *   f(M, c) = (1/W) Σ w [log Σ_k exp(u_k) − u_y]
 *             + λ/(K(K−1)) Σ_{k≠j} M_kj² + μ/K Σ_k c_k².
 *
 * The log-loss part is convex (log-sum-exp of functions linear in the parameters) and the
 * penalty strictly convex in the off-diagonal and the intercept; with p = softmax(u) its
 * gradient is (1/W) Σ w (p_k − [k = y])·(ℓ_j for M_kj, 1 for c_k) plus the penalty's, and
 * its Hessian (1/W) Σ w Jᵀ(diag p − p pᵀ)J plus 2λ/(K(K−1)) and 2μ/K on the penalised
 * diagonal, so Newton's method finds the minimum. M = I, c = 0 leaves the probabilities
 * as they were, and is the start.
 *
 * The Hessian has (K² + K)² entries and costs K²(K + 1)² per row, the gradient K(K + 1)
 * per row and no more memory than the parameters, so Newton's method is used up to
 * NEWTON_MAX_DIRICHLET_CLASSES classes and L-BFGS (minimizeLbfgs) above. Both stop at the
 * same minimum (to 1e-10 in the gradient's max-norm relative to the objective).
 */
export const NEWTON_MAX_DIRICHLET_CLASSES = 4;

/**
 * The most classes: L-BFGS keeps about 26 vectors of the K² + K parameters, 208 MB at
 * 1000 classes, beside the rows' log-probabilities and a calibrator of a million numbers.
 */
export const MAX_DIRICHLET_CLASSES = 1000;

/** λ and μ when not given: small enough to leave a well-determined fit alone, large enough to make the minimum unique. */
export const DEFAULT_DIRICHLET_PENALTY = 1e-3;

export interface DirichletOptions {
  /** λ, the off-diagonal penalty (default DEFAULT_DIRICHLET_PENALTY). */
  offDiagonalPenalty?: number;
  /** μ, the intercept penalty (default DEFAULT_DIRICHLET_PENALTY). */
  interceptPenalty?: number;
  /** 'newton' or 'lbfgs'; by default Newton up to NEWTON_MAX_DIRICHLET_CLASSES classes, L-BFGS above. */
  minimizer?: Minimizer;
}

export interface DirichletFit {
  /** M, K×K row-major. */
  matrix: Float64Array;
  /** c, per class. */
  intercepts: Float64Array;
  logLossBefore: number;
  /** The log-loss alone (nats) at the fit, without the penalty. */
  logLossAfter: number;
  iterations: number;
}

/**
 * @example
 * const data = { rows: 3, classes: 3, scores: Float64Array.of(2, 0, 0, 0, 2, 0, 0, 0, 2), labels: Int32Array.of(0, 1, 2), weights: null };
 * fitDirichlet(data).logLossAfter < fitDirichlet(data).logLossBefore // true
 */
export function fitDirichlet(data: ScoreRows, options: DirichletOptions = {}): DirichletFit {
  checkScoreRows(data);
  const K = data.classes;
  if (K > MAX_DIRICHLET_CLASSES) throw new XentError(`Dirichlet calibration fits up to ${MAX_DIRICHLET_CLASSES} classes, got ${K} (use vector or temperature scaling)`, { field: 'method' });
  const lambda = options.offDiagonalPenalty ?? DEFAULT_DIRICHLET_PENALTY;
  const mu = options.interceptPenalty ?? DEFAULT_DIRICHLET_PENALTY;
  for (const [name, v] of [['offDiagonalPenalty', lambda], ['interceptPenalty', mu]] as const) {
    if (!(v >= 0 && v < Infinity)) throw new XentError(`${name} must be a finite number ≥ 0, got ${v}`, { field: name });
  }
  const logProbabilities = logProbabilitiesOf(data);
  const start = new Float64Array(K * K + K);
  for (let k = 0; k < K; k++) start[k * K + k] = 1;
  const objective = {
    dimension: K * K + K,
    evaluate: (x: Float64Array, g: Float64Array | null, h: Float64Array | null) => dirichletObjective(data, logProbabilities, x, lambda, mu, g, h),
  };
  const minimizer = options.minimizer ?? (K <= NEWTON_MAX_DIRICHLET_CLASSES ? 'newton' : 'lbfgs');
  const fit = minimize(objective, start, minimizer, 'Dirichlet calibration');
  return {
    matrix: fit.x.slice(0, K * K),
    intercepts: fit.x.slice(K * K),
    logLossBefore: dirichletObjective(data, logProbabilities, start, 0, 0, null, null),
    logLossAfter: dirichletObjective(data, logProbabilities, fit.x, 0, 0, null, null),
    iterations: fit.iterations,
  };
}

/** u = M·ℓ + c for one row of log-probabilities ℓ; a class of probability 0 stays at −Infinity. */
export function applyDirichlet(matrix: ArrayLike<number>, intercepts: ArrayLike<number>, logProbabilities: ArrayLike<number>, offset: number, out: Float64Array): void {
  const K = intercepts.length;
  for (let k = 0; k < K; k++) {
    if (logProbabilities[offset + k] === -Infinity) {
      out[k] = -Infinity;
      continue;
    }
    let u = intercepts[k];
    for (let j = 0; j < K; j++) {
      const l = logProbabilities[offset + j];
      // A class of probability 0 carries no evidence about the others: its term is left out.
      if (l !== -Infinity) u += matrix[k * K + j] * l;
    }
    out[k] = u;
  }
}

/** Row-major log softmax of the scores. */
export function logProbabilitiesOf(data: ScoreRows): Float64Array {
  const K = data.classes;
  const out = new Float64Array(data.rows * K);
  for (let i = 0; i < data.rows; i++) logSoftmaxStrided(data.scores, i * K, K, 1, out);
  return out;
}

/**
 * f(M, c) with parameters x = (M row-major, c), and, when asked, its gradient and Hessian.
 * Penalties λ = μ = 0 give the log-loss alone.
 */
export function dirichletObjective(data: ScoreRows, logProbabilities: Float64Array, x: Float64Array, lambda: number, mu: number, gradient: Float64Array | null, hessian: Float64Array | null): number {
  const { rows, classes: K, labels } = data;
  const n = K * K + K;
  const value = new NeumaierAccumulator();
  if (gradient !== null) gradient.fill(0);
  if (hessian !== null) hessian.fill(0);
  const matrix = x.subarray(0, K * K);
  const intercepts = x.subarray(K * K);
  const u = new Float64Array(K);
  const p = new Float64Array(K);
  const features = new Float64Array(K + 1);
  for (let i = 0, o = 0; i < rows; i++, o += K) {
    const w = rowWeight(data, i);
    if (w === 0) continue;
    applyDirichlet(matrix, intercepts, logProbabilities, o, u);
    const logNormaliser = softmaxInto(u, p, K);
    const y = labels[i];
    value.add(w * (logNormaliser - u[y]));
    if (gradient === null) continue;
    // u_k's parameters are M_k0…M_k(K−1) (features ℓ_j, 0 where ℓ_j = −∞) and c_k (feature 1).
    for (let j = 0; j < K; j++) features[j] = logProbabilities[o + j] === -Infinity ? 0 : logProbabilities[o + j];
    features[K] = 1;
    for (let k = 0; k < K; k++) {
      if (p[k] === 0 && k !== y) continue;
      const r = w * (p[k] - (k === y ? 1 : 0));
      for (let j = 0; j < K; j++) gradient[k * K + j] += r * features[j];
      gradient[K * K + k] += r * features[K];
    }
    if (hessian === null) continue;
    for (let k = 0; k < K; k++) {
      if (p[k] === 0) continue;
      for (let k2 = 0; k2 < K; k2++) {
        if (p[k2] === 0) continue;
        const c = w * ((k === k2 ? p[k] : 0) - p[k] * p[k2]);
        for (let j = 0; j <= K; j++) {
          const row = j < K ? k * K + j : K * K + k;
          const cf = c * features[j];
          for (let j2 = 0; j2 <= K; j2++) {
            const col = j2 < K ? k2 * K + j2 : K * K + k2;
            hessian[row * n + col] += cf * features[j2];
          }
        }
      }
    }
  }
  const W = totalWeight(data);
  let total = value.value() / W;
  const offWeight = K > 1 ? lambda / (K * (K - 1)) : 0;
  const interceptWeight = mu / K;
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < K; j++) if (j !== k) total += offWeight * matrix[k * K + j] ** 2;
    total += interceptWeight * intercepts[k] ** 2;
  }
  if (gradient !== null) {
    for (let j = 0; j < n; j++) gradient[j] /= W;
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < K; j++) if (j !== k) gradient[k * K + j] += 2 * offWeight * matrix[k * K + j];
      gradient[K * K + k] += 2 * interceptWeight * intercepts[k];
    }
  }
  if (hessian !== null) {
    for (let j = 0; j < n * n; j++) hessian[j] /= W;
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < K; j++) if (j !== k) hessian[(k * K + j) * n + k * K + j] += 2 * offWeight;
      hessian[(K * K + k) * n + K * K + k] += 2 * interceptWeight;
    }
  }
  return total;
}
