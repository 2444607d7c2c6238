import { NeumaierAccumulator } from '../core/math/neumaierSum.js';
import { XentError } from '../core/XentError.js';
import { minimizeNewton } from './minimizeNewton.js';
import { softmaxInto } from './softmaxInto.js';
import { checkScoreRows, rowWeight, totalWeight, type ScoreRows } from './ScoreRows.js';

/**
 * Vector scaling (Guo et al. 2017): a weight and a bias per class, new scores
 * u_k = a_k s_k + b_k, fitted by minimising the mean log-loss
 *
 *   f(a, b) = (1/W) Σ_i w_i [log Σ_k exp(u_ik) − u_iy].
 *
 * f is convex: a log-sum-exp of functions linear in (a, b), minus a linear function. With
 * p = softmax(u), its gradient is (1/W) Σ w (p_k − [k = y])·(s_k for a_k, 1 for b_k), and its
 * Hessian is (1/W) Σ w Jᵀ(diag p − p pᵀ)J, J the Jacobian of u. Adding a constant to every
 * b_k changes nothing, so b_0 is held at 0 to make the minimum unique; Newton's method with
 * the exact Hessian then converges to it. A class scored −Infinity keeps probability 0
 * (its score is not multiplied by a_k, which could flip its sign).
 *
 * The Hessian costs K² per row, so this fit is for up to MAX_VECTOR_SCALING_CLASSES classes.
 */
export const MAX_VECTOR_SCALING_CLASSES = 100;

export interface VectorScalingFit {
  /** a_k per class. */
  weights: Float64Array;
  /** b_k per class, b_0 = 0. */
  biases: Float64Array;
  logLossBefore: number;
  logLossAfter: number;
  iterations: number;
}

/**
 * @example
 * // Two classes whose scores are twice what they should be: a halves them.
 * const data = { rows: 4, classes: 2, scores: Float64Array.of(2, -2, 2, -2, -2, 2, -2, 2), labels: Int32Array.of(0, 1, 1, 0), weights: null };
 * fitVectorScaling(data).logLossAfter // 0.693147: the scores are no better than chance
 */
export function fitVectorScaling(data: ScoreRows): VectorScalingFit {
  checkScoreRows(data);
  const K = data.classes;
  if (K > MAX_VECTOR_SCALING_CLASSES) {
    throw new XentError(`vector scaling fits up to ${MAX_VECTOR_SCALING_CLASSES} classes, got ${K} (use temperature scaling)`, { field: 'method' });
  }
  const start = new Float64Array(2 * K - 1);
  start.fill(1, 0, K);
  const objective = { dimension: 2 * K - 1, evaluate: (x: Float64Array, g: Float64Array | null, h: Float64Array | null) => vectorScalingObjective(data, x, g, h) };
  const logLossBefore = objective.evaluate(start, null, null);
  const fit = minimizeNewton(objective, start);
  const biases = new Float64Array(K);
  biases.set(fit.x.subarray(K), 1);
  return { weights: fit.x.slice(0, K), biases, logLossBefore, logLossAfter: fit.value, iterations: fit.iterations };
}

/** u_k = a_k s_k + b_k, with −Infinity scores kept at −Infinity. */
export function applyVectorScaling(weights: ArrayLike<number>, biases: ArrayLike<number>, scores: ArrayLike<number>, offset: number, out: Float64Array, outOffset: number): void {
  for (let k = 0; k < weights.length; k++) {
    const s = scores[offset + k];
    out[outOffset + k] = s === -Infinity ? -Infinity : weights[k] * s + biases[k];
  }
}

/**
 * The mean log-loss (nats) under parameters x = (a_0…a_{K−1}, b_1…b_{K−1}) (b_0 = 0; b_k's
 * index is K + k − 1), and, when asked, its gradient and Hessian.
 */
export function vectorScalingObjective(data: ScoreRows, x: Float64Array, gradient: Float64Array | null, hessian: Float64Array | null): number {
  const { rows, classes: K, scores, labels } = data;
  const n = 2 * K - 1;
  const value = new NeumaierAccumulator();
  if (gradient !== null) gradient.fill(0);
  if (hessian !== null) hessian.fill(0);
  const u = new Float64Array(K);
  const p = new Float64Array(K);
  const biases = new Float64Array(K);
  biases.set(x.subarray(K), 1);
  const bIndex = (k: number): number => (k === 0 ? -1 : K + k - 1);
  for (let i = 0, o = 0; i < rows; i++, o += K) {
    const w = rowWeight(data, i);
    if (w === 0) continue;
    applyVectorScaling(x, biases, scores, o, u, 0);
    const logNormaliser = softmaxInto(u, p, K);
    const y = labels[i];
    value.add(w * (logNormaliser - u[y]));
    if (gradient === null) continue;
    for (let k = 0; k < K; k++) {
      if (p[k] === 0 && k !== y) continue;
      const r = w * (p[k] - (k === y ? 1 : 0));
      const s = scores[o + k];
      gradient[k] += r * s;
      if (k > 0) gradient[bIndex(k)] += r;
    }
    if (hessian === null) continue;
    // Σ_{k,j} (δ_kj p_k − p_k p_j) ∇u_k ∇u_jᵀ, with ∇u_k = s_k e_{a_k} + e_{b_k}.
    for (let k = 0; k < K; k++) {
      if (p[k] === 0) continue;
      const sk = scores[o + k];
      for (let j = 0; j < K; j++) {
        if (p[j] === 0) continue;
        const c = w * ((k === j ? p[k] : 0) - p[k] * p[j]);
        const sj = scores[o + j];
        const bk = bIndex(k);
        const bj = bIndex(j);
        hessian[k * n + j] += c * sk * sj;
        if (bj >= 0) hessian[k * n + bj] += c * sk;
        if (bk >= 0) {
          hessian[bk * n + j] += c * sj;
          if (bj >= 0) hessian[bk * n + bj] += c;
        }
      }
    }
  }
  const W = totalWeight(data);
  if (gradient !== null) for (let j = 0; j < n; j++) gradient[j] /= W;
  if (hessian !== null) for (let j = 0; j < n * n; j++) hessian[j] /= W;
  return value.value() / W;
}
