import { NeumaierAccumulator } from '../core/math/neumaierSum.js';
import { minimizeNewton } from './minimizeNewton.js';
import { checkScoreRows, rowWeight, totalWeight, type ScoreRows } from './ScoreRows.js';

/**
 * Temperature scaling (Guo et al., "On Calibration of Modern Neural Networks", ICML 2017):
 * one parameter T > 0, new scores s/T, fitted by minimising the mean log-loss
 *
 *   f(β) = (1/W) Σ_i w_i [log Σ_k exp(β s_ik) − β s_iy],   β = 1/T.
 *
 * f is convex in β: each term is a log-sum-exp of functions linear in β, minus a linear
 * function. Its derivatives are moments of the calibrated distribution p = softmax(β s):
 *
 *   f′(β) = (1/W) Σ w_i (E_p[s_i] − s_iy),    f″(β) = (1/W) Σ w_i Var_p[s_i] ≥ 0,
 *
 * so Newton's method on β, with these exact derivatives, converges from any start.
 * (It is not convex in log T in general; in β it is.) The two edges have closed forms:
 * if f′(0) ≥ 0 the scores carry no information a positive β can use and the minimum is at
 * β = 0, T = Infinity (uniform over the classes with finite scores); if every true class
 * holds its row's largest score, f decreases for ever and the infimum is at T = 0 (the
 * argmax). Classes scored −Infinity keep probability 0 at every temperature.
 */
export interface TemperatureFit {
  temperature: number;
  /** Mean log-loss (nats) before, at T = 1, and after, at the fitted T. */
  logLossBefore: number;
  logLossAfter: number;
  iterations: number;
}

/**
 * @example
 * const data = { rows: 2, classes: 2, scores: Float64Array.of(2, 0, 2, 0), labels: Int32Array.of(0, 1), weights: null };
 * fitTemperature(data).temperature // Infinity: one right and one wrong at the same score, so no β > 0 helps
 */
export function fitTemperature(data: ScoreRows): TemperatureFit {
  checkScoreRows(data);
  const logLossBefore = temperatureObjective(data, 1, null);
  const slope = new Float64Array(2);
  temperatureObjective(data, 0, slope);
  if (slope[0] >= 0) return { temperature: Infinity, logLossBefore, logLossAfter: temperatureObjective(data, 0, null), iterations: 0 };
  if (allTrueClassesOnTop(data)) return { temperature: 0, logLossBefore, logLossAfter: zeroTemperatureLogLoss(data), iterations: 0 };
  const fit = minimizeNewton(
    {
      dimension: 1,
      evaluate: (beta, gradient, hessian) => {
        const value = temperatureObjective(data, beta[0], slope);
        if (gradient !== null) gradient[0] = slope[0];
        if (hessian !== null) hessian[0] = slope[1];
        return value;
      },
    },
    Float64Array.of(1),
  );
  return { temperature: 1 / fit.x[0], logLossBefore, logLossAfter: fit.value, iterations: fit.iterations };
}

/**
 * The mean log-loss (nats) of softmax(s/T): the curve the fit minimises, for plotting
 * against T. T = Infinity is the uniform distribution over finite scores, T = 0 the argmax.
 *
 * @example
 * temperatureLogLoss({ rows: 1, classes: 2, scores: Float64Array.of(0, 0), labels: Int32Array.of(0), weights: null }, 3) // 0.693147
 */
export function temperatureLogLoss(data: ScoreRows, temperature: number): number {
  checkScoreRows(data);
  if (temperature === 0) return zeroTemperatureLogLoss(data);
  return temperatureObjective(data, 1 / temperature, null);
}

/**
 * f(β), the mean log-loss (nats) at β = 1/T, and into `derivatives` (when given) f′(β) and
 * f″(β). Scores must have passed checkScoreRows. Each row is shifted by its
 * largest finite score m, so every exponent is ≤ 0: the row's term is
 * β(m − s_y) + log Σ_k exp(β(s_k − m)), and its moments are those of s − m.
 */
export function temperatureObjective(data: ScoreRows, beta: number, derivatives: Float64Array | null): number {
  const { rows, classes: K, scores, labels } = data;
  const value = new NeumaierAccumulator();
  const first = new NeumaierAccumulator();
  const second = new NeumaierAccumulator();
  for (let i = 0, o = 0; i < rows; i++, o += K) {
    const w = rowWeight(data, i);
    if (w === 0) continue;
    let m = -Infinity;
    for (let k = 0; k < K; k++) if (scores[o + k] > m) m = scores[o + k];
    let sum = 0;
    let mean = 0;
    let square = 0;
    for (let k = 0; k < K; k++) {
      const shifted = scores[o + k] - m;
      if (shifted === -Infinity) continue;
      const e = Math.exp(beta * shifted);
      sum += e;
      mean += e * shifted;
      square += e * shifted * shifted;
    }
    mean /= sum;
    const trueShifted = scores[o + labels[i]] - m;
    value.add(w * (Math.log(sum) - beta * trueShifted));
    if (derivatives !== null) {
      first.add(w * (mean - trueShifted));
      second.add(w * Math.max(0, square / sum - mean * mean));
    }
  }
  const W = totalWeight(data);
  if (derivatives !== null) {
    derivatives[0] = first.value() / W;
    derivatives[1] = second.value() / W;
  }
  return value.value() / W;
}

function allTrueClassesOnTop(data: ScoreRows): boolean {
  const { rows, classes: K, scores, labels } = data;
  for (let i = 0, o = 0; i < rows; i++, o += K) {
    if (rowWeight(data, i) === 0) continue;
    const top = scores[o + labels[i]];
    for (let k = 0; k < K; k++) if (scores[o + k] > top) return false;
  }
  return true;
}

/** The limit T → 0: the argmax, with ties sharing the mass, so a row's loss is log(ties) or ∞. */
function zeroTemperatureLogLoss(data: ScoreRows): number {
  const { rows, classes: K, scores, labels } = data;
  const value = new NeumaierAccumulator();
  for (let i = 0, o = 0; i < rows; i++, o += K) {
    const w = rowWeight(data, i);
    if (w === 0) continue;
    let m = -Infinity;
    let ties = 0;
    for (let k = 0; k < K; k++) {
      const s = scores[o + k];
      if (s > m) {
        m = s;
        ties = 1;
      } else if (s === m) ties++;
    }
    value.add(scores[o + labels[i]] === m ? w * Math.log(ties) : Infinity);
  }
  return value.value() / totalWeight(data);
}
