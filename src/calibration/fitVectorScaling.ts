import { NeumaierAccumulator } from '../core/math/neumaierSum.js';
import { minimize, NEWTON_MAX_PARAMETERS, type Minimizer } from './minimize.js';
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
 * The Hessian costs K² per row and (2K − 1)³/3 to factor, the gradient K per row, so
 * Newton's method is used up to NEWTON_MAX_VECTOR_CLASSES classes and L-BFGS
 * (minimizeLbfgs) above, with no limit on K but the rows' own. Both stop at the same
 * minimum (to 1e-10 in the gradient's max-norm relative to the log-loss).
 *
 * With fewer rows than parameters, or classes that can be separated, the minimum need not
 * be unique or attained; L-BFGS's iterates stay in the start plus the span of the
 * gradients, which is orthogonal to the directions the log-loss ignores, so it returns the
 * minimiser nearest a = 1, b = 0, or, where the infimum is not attained, stops once the
 * gradient passes the tolerance.
 */
/** 2K − 1 ≤ NEWTON_MAX_PARAMETERS. */
export const NEWTON_MAX_VECTOR_CLASSES = Math.floor((NEWTON_MAX_PARAMETERS + 1) / 2);

export interface VectorScalingOptions {
  /** 'newton' or 'lbfgs'; by default Newton up to NEWTON_MAX_VECTOR_CLASSES classes, L-BFGS above. */
  minimizer?: Minimizer;
}

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
export function fitVectorScaling(data: ScoreRows, options: VectorScalingOptions = {}): VectorScalingFit {
  checkScoreRows(data);
  const K = data.classes;
  const start = new Float64Array(2 * K - 1);
  start.fill(1, 0, K);
  // Every gradient evaluation also sums the Hessian's diagonal blocks, for the
  // preconditioner at the point L-BFGS moves to (its last evaluation) at no extra pass.
  const blocks = new Float64Array(3 * K);
  const blocksAt = new Float64Array(2 * K - 1).fill(NaN);
  const objective = {
    dimension: 2 * K - 1,
    evaluate: (x: Float64Array, g: Float64Array | null, h: Float64Array | null): number => {
      const value = vectorScalingObjective(data, x, g, h, g === null ? null : blocks);
      if (g !== null) blocksAt.set(x);
      return value;
    },
  };
  const preconditioner = (x: Float64Array): ((v: Float64Array) => void) => {
    if (!x.every((v, j) => v === blocksAt[j])) objective.evaluate(x, new Float64Array(2 * K - 1), null);
    return blockInverse(blocks, K);
  };
  const logLossBefore = objective.evaluate(start, null, null);
  const minimizer = options.minimizer ?? (K <= NEWTON_MAX_VECTOR_CLASSES ? 'newton' : 'lbfgs');
  const fit = minimize(objective, start, minimizer, 'vector scaling', preconditioner);
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
 * index is K + k − 1), and, when asked, its gradient (O(n·K)), its Hessian (O(n·K²)), and
 * the Hessian's 2×2 diagonal blocks over (a_k, b_k), (1/W) Σ w p_k(1 − p_k)·[s_k², s_k; s_k, 1],
 * as three numbers per class (the b_0 entries unused; only with the gradient).
 */
export function vectorScalingObjective(data: ScoreRows, x: Float64Array, gradient: Float64Array | null, hessian: Float64Array | null, blocks: Float64Array | null = null): number {
  const { rows, classes: K, scores, labels } = data;
  const n = 2 * K - 1;
  const value = new NeumaierAccumulator();
  if (gradient !== null) gradient.fill(0);
  if (hessian !== null) hessian.fill(0);
  if (blocks !== null) blocks.fill(0);
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
      if (blocks !== null) {
        const v = w * p[k] * (1 - p[k]);
        blocks[3 * k] += v * s * s;
        blocks[3 * k + 1] += v * s;
        blocks[3 * k + 2] += v;
      }
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
  if (blocks !== null) for (let j = 0; j < 3 * K; j++) blocks[j] /= W;
  return value.value() / W;
}

/**
 * Multiplication by the inverse of the Hessian's 2×2 diagonal blocks (as
 * vectorScalingObjective sums them), a_0's alone: L-BFGS's preconditioner. The blocks hold
 * the strong coupling of a_k and b_k when class k's scores are far from 0, and the spread
 * of curvature across classes, which is most of what slows L-BFGS on this objective; the
 * softmax's coupling between classes is left to L-BFGS's memory. Each block is inverted
 * with a ridge of 1e-10 of its trace and 1e-12 of the largest, so that a class whose
 * scores barely vary (a singular block) or that has almost no probability anywhere still
 * has a bounded inverse; where every block is 0, P = I.
 */
export function blockInverse(blocks: Float64Array, K: number): (v: Float64Array) => void {
  const inverse = new Float64Array(3 * K);
  let largestTrace = 0;
  for (let k = 0; k < K; k++) largestTrace = Math.max(largestTrace, blocks[3 * k] + blocks[3 * k + 2]);
  for (let k = 0; k < K; k++) {
    const ridge = 1e-10 * (blocks[3 * k] + blocks[3 * k + 2]) + 1e-12 * largestTrace;
    const a = blocks[3 * k] + ridge;
    if (k === 0) {
      inverse[0] = a > 0 && 1 / a < Infinity ? 1 / a : 1;
      continue;
    }
    const b = blocks[3 * k + 1];
    const d = blocks[3 * k + 2] + ridge;
    const det = a * d - b * b;
    if (!(det > 0 && 1 / det < Infinity)) {
      inverse[3 * k] = 1;
      inverse[3 * k + 2] = 1;
      continue;
    }
    inverse[3 * k] = d / det;
    inverse[3 * k + 1] = -b / det;
    inverse[3 * k + 2] = a / det;
  }
  return (v) => {
    v[0] *= inverse[0];
    for (let k = 1; k < K; k++) {
      const va = v[k];
      const vb = v[K + k - 1];
      v[k] = inverse[3 * k] * va + inverse[3 * k + 1] * vb;
      v[K + k - 1] = inverse[3 * k + 1] * va + inverse[3 * k + 2] * vb;
    }
  };
}
