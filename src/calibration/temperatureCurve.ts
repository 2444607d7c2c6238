import { XentError } from '../core/XentError.js';
import { temperatureLogLoss } from './fitTemperature.js';
import type { ScoreRows } from './ScoreRows.js';

export interface TemperatureGridOptions {
  /** Log-spaced points over the range (default 81). */
  points?: number;
  /** The range [lowest, highest] before it is widened to hold the fitted T (default [0.1, 10]). */
  lowest?: number;
  highest?: number;
}

/**
 * Temperatures to draw the log-loss at: `points` log-spaced values over [lowest, highest],
 * widened where needed to [T* ÷ 3, 3·T*] so the fitted T* is well inside, and with T = 1
 * (the model as given) and T* themselves among them, in increasing order. A T* of 0 or
 * Infinity (the limits fitTemperature can return) is not drawable and is left out.
 *
 * @example
 * temperatureGrid(2, { points: 3 }) // Float64Array [0.1, 1, 2, 10]
 */
export function temperatureGrid(fitted: number, options: TemperatureGridOptions = {}): Float64Array {
  const points = options.points ?? 81;
  let lowest = options.lowest ?? 0.1;
  let highest = options.highest ?? 10;
  if (!(Number.isInteger(points) && points >= 2)) throw new XentError(`needs a whole number of points ≥ 2, got ${points}`, { field: 'points' });
  if (!(lowest > 0 && highest > lowest && highest < Infinity)) throw new XentError(`needs 0 < lowest < highest < Infinity, got [${lowest}, ${highest}]`, { field: 'range' });
  const drawable = fitted > 0 && fitted < Infinity;
  if (drawable) {
    lowest = Math.min(lowest, fitted / 3);
    highest = Math.max(highest, fitted * 3);
  }
  const [a, b] = [Math.log(lowest), Math.log(highest)];
  const spaced = Array.from({ length: points }, (_, i) => (i === 0 ? lowest : i === points - 1 ? highest : Math.exp(a + ((b - a) * i) / (points - 1))));
  const exact = drawable ? [1, fitted] : [1];
  // A spaced point a rounding error away from 1 or T* gives way to it.
  const grid = spaced.filter((t) => exact.every((e) => Math.abs(Math.log(t / e)) > 1e-9)).concat(exact);
  return Float64Array.from(new Set(grid)).sort();
}

/**
 * The mean log-loss (nats) of softmax(s/T) at each temperature: the curve temperature
 * scaling minimises, one `temperatureLogLoss` per point.
 *
 * @example
 * temperatureCurve({ rows: 1, classes: 2, scores: Float64Array.of(0, 0), labels: Int32Array.of(0), weights: null }, Float64Array.of(1, 2)) // Float64Array [0.693147, 0.693147]
 */
export function temperatureCurve(data: ScoreRows, temperatures: Float64Array): Float64Array {
  return temperatures.map((t) => temperatureLogLoss(data, t));
}
