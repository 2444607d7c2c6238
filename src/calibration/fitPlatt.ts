import { NeumaierAccumulator } from '../core/math/neumaierSum.js';
import { sigmoid, sigmoidPrime } from '../core/math/sigmoid.js';
import { softplus } from '../core/math/softplus.js';
import { XentError } from '../core/XentError.js';
import { minimizeNewton } from './minimizeNewton.js';
import { checkScoreRows, rowWeight, totalWeight, type ScoreRows } from './ScoreRows.js';

/**
 * Platt scaling (Platt, "Probabilistic Outputs for Support Vector Machines", 1999) for two
 * classes: the log-odds s = s_1 − s_0 becomes t = a·s + b, fitted by minimising the mean
 * log-loss on the hard labels y ∈ {0, 1}:
 *
 *   f(a, b) = (1/W) Σ w [softplus(t) − y·t],   ∇f = (1/W) Σ w (σ(t) − y)(s, 1),
 *   ∇²f = (1/W) Σ w σ(t)(1 − σ(t)) (s, 1)(s, 1)ᵀ,
 *
 * convex, so Newton's method finds the minimum. (Platt's paper, and scikit-learn's
 * `CalibratedClassifierCV(method='sigmoid')`, fit smoothed targets (N₊ + 1)/(N₊ + 2)
 * instead of 1 and 1/(N₋ + 2) instead of 0; this fits the log-loss itself.) Rows whose
 * log-odds are infinite are certain and right (a certain wrong row is refused), keep their
 * certainty, and add nothing to the fit.
 */
export interface PlattFit {
  a: number;
  b: number;
  logLossBefore: number;
  logLossAfter: number;
  iterations: number;
}

/**
 * @example
 * const data = { rows: 4, classes: 2, scores: Float64Array.of(0, 1, 0, 1, 0, -1, 0, -1), labels: Int32Array.of(1, 0, 0, 1), weights: null };
 * fitPlatt(data).logLossAfter // 0.693147
 */
export function fitPlatt(data: ScoreRows): PlattFit {
  checkScoreRows(data);
  if (data.classes !== 2) throw new XentError(`Platt scaling is for 2 classes, got ${data.classes} (use temperature or vector scaling)`, { field: 'method' });
  const objective = { dimension: 2, evaluate: (x: Float64Array, g: Float64Array | null, h: Float64Array | null) => plattObjective(data, x[0], x[1], g, h) };
  const logLossBefore = objective.evaluate(Float64Array.of(1, 0), null, null);
  const fit = minimizeNewton(objective, Float64Array.of(1, 0));
  return { a: fit.x[0], b: fit.x[1], logLossBefore, logLossAfter: fit.value, iterations: fit.iterations };
}

/** The calibrated log-odds a·s + b; infinite log-odds stay as they are. */
export function plattLogOdds(a: number, b: number, logOdds: number): number {
  return Number.isFinite(logOdds) ? a * logOdds + b : logOdds;
}

function plattObjective(data: ScoreRows, a: number, b: number, gradient: Float64Array | null, hessian: Float64Array | null): number {
  const { rows, scores, labels } = data;
  const value = new NeumaierAccumulator();
  let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
  for (let i = 0; i < rows; i++) {
    const w = rowWeight(data, i);
    const s = scores[2 * i + 1] - scores[2 * i];
    if (w === 0 || !Number.isFinite(s)) continue;
    const t = a * s + b;
    const y = labels[i];
    value.add(w * softplus(y === 1 ? -t : t));
    const q = sigmoid(t);
    const r = w * (q - y);
    ga += r * s;
    gb += r;
    const c = w * sigmoidPrime(t);
    haa += c * s * s;
    hab += c * s;
    hbb += c;
  }
  const W = totalWeight(data);
  if (gradient !== null) {
    gradient[0] = ga / W;
    gradient[1] = gb / W;
  }
  if (hessian !== null) {
    hessian[0] = haa / W;
    hessian[1] = hessian[2] = hab / W;
    hessian[3] = hbb / W;
  }
  return value.value() / W;
}
