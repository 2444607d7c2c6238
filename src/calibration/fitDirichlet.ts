import { logSoftmaxStrided } from '../core/math/logSoftmax.js';
import { NeumaierAccumulator } from '../core/math/neumaierSum.js';
import { XentError } from '../core/XentError.js';
import { minimize, NEWTON_MAX_PARAMETERS, type Minimizer } from './minimize.js';
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
/** K² + K ≤ NEWTON_MAX_PARAMETERS. */
export const NEWTON_MAX_DIRICHLET_CLASSES = Math.floor((Math.sqrt(4 * NEWTON_MAX_PARAMETERS + 1) - 1) / 2);

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
  // Every gradient evaluation also sums each class's curvature, for the preconditioner at
  // the point L-BFGS moves to (its last evaluation) at no extra pass.
  const curvatures = new Float64Array(K);
  const curvaturesAt = new Float64Array(K * K + K).fill(NaN);
  const minimizer = options.minimizer ?? (K <= NEWTON_MAX_DIRICHLET_CLASSES ? 'newton' : 'lbfgs');
  const reduced = minimizer === 'lbfgs';
  const objective = {
    dimension: K * K + K,
    evaluate: (x: Float64Array, g: Float64Array | null, h: Float64Array | null): number => {
      const at = reduced ? centreOnOrbit(x, K) : x;
      const value = dirichletObjective(data, logProbabilities, at, lambda, mu, g, h, g === null ? null : curvatures);
      if (g !== null) {
        curvaturesAt.set(x);
        if (reduced) centreGradient(g, K);
      }
      return value;
    },
  };
  let features: FeatureEigen | undefined;
  const preconditioner = (x: Float64Array): ((v: Float64Array) => void) => {
    features ??= featureEigen(data, logProbabilities);
    if (!x.every((v, j) => v === curvaturesAt[j])) objective.evaluate(x, new Float64Array(K * K + K), null);
    return kroneckerInverse(features, curvatures, K > 1 ? (2 * lambda) / (K * (K - 1)) : 0);
  };
  const fit = minimize(objective, start, minimizer, 'Dirichlet calibration', preconditioner);
  if (reduced) fit.x = centreOnOrbit(fit.x, K);
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
 * f(M, c) with parameters x = (M row-major, c), and, when asked, its gradient (O(n·K²)),
 * its Hessian (O(n·K⁴)), and each class's curvature (1/W) Σ w p_k(1 − p_k) (only with the
 * gradient). Penalties λ = μ = 0 give the log-loss alone.
 */
export function dirichletObjective(
  data: ScoreRows,
  logProbabilities: Float64Array,
  x: Float64Array,
  lambda: number,
  mu: number,
  gradient: Float64Array | null,
  hessian: Float64Array | null,
  curvatures: Float64Array | null = null,
): number {
  const { rows, classes: K, labels } = data;
  const n = K * K + K;
  const value = new NeumaierAccumulator();
  if (gradient !== null) gradient.fill(0);
  if (hessian !== null) hessian.fill(0);
  if (curvatures !== null) curvatures.fill(0);
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
      if (curvatures !== null) curvatures[k] += w * p[k] * (1 - p[k]);
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
  if (curvatures !== null) for (let k = 0; k < K; k++) curvatures[k] /= W;
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

/** F = (1/W) Σ w f fᵀ, the second moment of the features f = (ℓ, 1), as F = Q diag(λ) Qᵀ. */
interface FeatureEigen {
  /** Eigenvectors, Q's columns, row-major (K + 1)². */
  vectors: Float64Array;
  values: Float64Array;
}

function featureEigen(data: ScoreRows, logProbabilities: Float64Array): FeatureEigen {
  const K = data.classes;
  const m = K + 1;
  const moment = new Float64Array(m * m);
  const f = new Float64Array(m);
  for (let i = 0, o = 0; i < data.rows; i++, o += K) {
    const w = rowWeight(data, i);
    if (w === 0) continue;
    for (let j = 0; j < K; j++) f[j] = logProbabilities[o + j] === -Infinity ? 0 : logProbabilities[o + j];
    f[K] = 1;
    for (let a = 0; a < m; a++) {
      const wa = w * f[a];
      for (let b = 0; b <= a; b++) moment[a * m + b] += wa * f[b];
    }
  }
  const W = totalWeight(data);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b <= a; b++) {
      moment[a * m + b] /= W;
      moment[b * m + a] = moment[a * m + b];
    }
  }
  return symmetricEigen(moment, m);
}

/**
 * Eigenvalues and eigenvectors of a symmetric m×m matrix by the cyclic Jacobi method
 * (Golub & Van Loan, Matrix Computations, 4th ed., Algorithm 8.5.3), with Rutishauser's
 * stable rotation formulas; sweeps until the off-diagonal mass is below 1e-30 of the total.
 */
export function symmetricEigen(matrix: Float64Array, m: number): FeatureEigen {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  let total = 0;
  for (let i = 0; i < m * m; i++) total += a[i] * a[i];
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += 2 * a[p * m + q] ** 2;
    if (!(off > 1e-30 * total)) break;
    for (let p = 0; p < m - 1; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q];
        if (apq === 0) continue;
        const theta = (a[q * m + q] - a[p * m + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // A ← Jᵀ A J on rows and columns p, q; V ← V J.
        for (let k = 0; k < m; k++) {
          const akp = a[k * m + p];
          const akq = a[k * m + q];
          a[k * m + p] = c * akp - s * akq;
          a[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = a[p * m + k];
          const aqk = a[q * m + k];
          a[p * m + k] = c * apk - s * aqk;
          a[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = v[k * m + p];
          const vkq = v[k * m + q];
          v[k * m + p] = c * vkp - s * vkq;
          v[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = Float64Array.from({ length: m }, (_, i) => a[i * m + i]);
  return { vectors: v, values };
}

/**
 * L-BFGS's preconditioner: the Hessian's diagonal block of class k, (1/W) Σ w p_k(1 − p_k) f fᵀ
 * over (M_k0…M_k(K−1), c_k), approximated by c_k·F, c_k the class's mean curvature and F
 * the features' second moment (the Kronecker factorisation of Martens & Grosse, "Optimizing
 * neural networks with Kronecker-factored approximate curvature", ICML 2015), plus the
 * off-diagonal penalty's ρ = 2λ/(K(K − 1)) on every entry. With F = Q diag(λ) Qᵀ, found once,
 * (c_k F + ρI)⁻¹ = Q diag(1/(c_k λ + ρ)) Qᵀ: O(K³) per use, against the gradient's O(n·K²).
 * It holds the strong correlation of the log-probabilities (they share −log Σ exp s), the
 * spread of curvature across classes, and, where rows are fewer than features, the
 * penalty alone on F's null space.
 */
function kroneckerInverse(features: FeatureEigen, curvatures: Float64Array, penalty: number): (v: Float64Array) => void {
  const K = curvatures.length;
  const m = K + 1;
  const { vectors, values } = features;
  let largest = 0;
  for (let i = 0; i < m; i++) largest = Math.max(largest, values[i]);
  let largestCurvature = 0;
  for (let k = 0; k < K; k++) largestCurvature = Math.max(largestCurvature, curvatures[k]);
  // A floor of 1e-12 of the largest curvature keeps the inverse bounded where ρ = 0.
  const floor = 1e-12 * largest * largestCurvature + 1e-300;
  const block = new Float64Array(m);
  const projected = new Float64Array(m);
  return (v) => {
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < K; j++) block[j] = v[k * K + j];
      block[K] = v[K * K + k];
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let a = 0; a < m; a++) s += vectors[a * m + i] * block[a];
        projected[i] = s / (curvatures[k] * Math.max(values[i], 0) + penalty + floor);
      }
      for (let a = 0; a < m; a++) {
        let s = 0;
        for (let i = 0; i < m; i++) s += vectors[a * m + i] * projected[i];
        block[a] = s;
      }
      for (let j = 0; j < K; j++) v[k * K + j] = block[j];
      v[K * K + k] = block[K];
    }
  };
}

/**
 * The point of least penalty among those of the same log-loss as x. The log-loss does not
 * change when a vector v is added to every row of M (every u_k gains v·ℓ) or a constant to
 * every c_k, so on these K + 1 directions only the penalty curves, by as little as
 * 2λ/(K(K − 1)): L-BFGS would crawl along them. Minimising the penalty over them is closed
 * form: subtract from each column of M the mean of its off-diagonal entries, and from c its
 * mean. L-BFGS minimises g(x) = f(A x), A this linear map, whose gradient Aᵀ∇f(A x)
 * (centreGradient) is 0 along those directions, and min g = min f, reached at A x*.
 */
export function centreOnOrbit(x: Float64Array, K: number): Float64Array {
  const out = Float64Array.from(x);
  if (K < 2) return out;
  for (let j = 0; j < K; j++) {
    let sum = 0;
    for (let k = 0; k < K; k++) if (k !== j) sum += x[k * K + j];
    const mean = sum / (K - 1);
    for (let k = 0; k < K; k++) out[k * K + j] -= mean;
  }
  let sum = 0;
  for (let k = 0; k < K; k++) sum += x[K * K + k];
  for (let k = 0; k < K; k++) out[K * K + k] -= sum / K;
  return out;
}

/** g ← Aᵀg for centreOnOrbit's A: each column's sum, spread over its off-diagonal entries, taken away; c's mean taken away. */
export function centreGradient(g: Float64Array, K: number): void {
  if (K < 2) return;
  for (let j = 0; j < K; j++) {
    let sum = 0;
    for (let k = 0; k < K; k++) sum += g[k * K + j];
    for (let k = 0; k < K; k++) if (k !== j) g[k * K + j] -= sum / (K - 1);
  }
  let sum = 0;
  for (let k = 0; k < K; k++) sum += g[K * K + k];
  for (let k = 0; k < K; k++) g[K * K + k] -= sum / K;
}
