import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { fitTemperature } from './fitTemperature.js';
import type { ScoreRows } from './ScoreRows.js';
import { temperatureCurve, temperatureGrid } from './temperatureCurve.js';

/**
 * Rows whose labels are drawn from softmax(z) and whose scores are `sharpness`·z: a model
 * over-confident by that factor, so the best temperature is near it.
 */
function sharpenedRows(rows: number, classes: number, sharpness: number, seed: number): ScoreRows {
  const rng = createRng(seed);
  const scores = new Float64Array(rows * classes);
  const labels = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const z = Array.from({ length: classes }, () => 1.5 * rng.normal());
    const e = z.map((v) => Math.exp(v));
    let u = rng.uniform() * e.reduce((a, b) => a + b, 0);
    labels[i] = classes - 1;
    for (let k = 0; k < classes; k++) if ((u -= e[k]) < 0) {
      labels[i] = k;
      break;
    }
    z.forEach((v, k) => (scores[i * classes + k] = sharpness * v));
  }
  return { rows, classes, scores, labels, weights: null };
}

/** The textbook mean log-loss of softmax(s/T): probabilities, then −log of the true one. */
function directLogLoss(data: ScoreRows, T: number): number {
  let total = 0;
  for (let i = 0; i < data.rows; i++) {
    const row = Array.from(data.scores.subarray(i * data.classes, (i + 1) * data.classes), (s) => Math.exp(s / T));
    total -= Math.log(row[data.labels[i]] / row.reduce((a, b) => a + b, 0));
  }
  return total / data.rows;
}

describe('temperatureGrid', () => {
  it('spaces the points evenly in log T over [0.1, 10] and adds T = 1 and the fitted T', () => {
    const grid = temperatureGrid(2.5, { points: 41 });
    expect(grid[0]).toBe(0.1);
    expect(grid[grid.length - 1]).toBe(10);
    expect(grid).toContain(1);
    expect(grid).toContain(2.5);
    expect(grid.length).toBe(42);
    for (let i = 1; i < grid.length; i++) expect(grid[i]).toBeGreaterThan(grid[i - 1]);
    // 1 is itself the middle of the 41 spaced points; 2.5 falls between two of them.
    const spaced = Array.from(grid).filter((t) => t !== 2.5);
    for (let i = 1; i < spaced.length; i++) expect(Math.log(spaced[i] / spaced[i - 1])).toBeCloseTo(Math.log(100) / 40, 12);
  });

  it('widens the range to [T/3, 3T] around a fitted T outside it, and leaves out T = 0 and Infinity', () => {
    const wide = temperatureGrid(50, { points: 11 });
    expect(wide[0]).toBe(0.1);
    expect(wide[wide.length - 1]).toBe(150);
    expect(temperatureGrid(0.01, { points: 11 })[0]).toBeCloseTo(0.01 / 3, 15);
    for (const edge of [0, Infinity, NaN]) expect(Array.from(temperatureGrid(edge, { points: 3 }))).toEqual([0.1, 1, 10]);
  });

  it('refuses a grid it cannot draw', () => {
    expect(() => temperatureGrid(1, { points: 1 })).toThrow(/points/);
    expect(() => temperatureGrid(1, { lowest: 0 })).toThrow(/range/);
  });
});

describe('temperatureCurve', () => {
  const data = sharpenedRows(600, 4, 2.5, 11);

  it('is the mean log-loss of softmax(s/T) at each temperature', () => {
    const grid = temperatureGrid(2.5, { points: 21 });
    const curve = temperatureCurve(data, grid);
    grid.forEach((T, i) => expect(curve[i]).toBeCloseTo(directLogLoss(data, T), 12));
  });

  it('is least at the T that fitTemperature finds, and T > 1 for an over-confident model', () => {
    const fit = fitTemperature(data);
    expect(fit.temperature).toBeGreaterThan(1.5);
    const grid = temperatureGrid(fit.temperature, { points: 401 });
    const curve = temperatureCurve(data, grid);
    const best = grid.indexOf(fit.temperature);
    for (let i = 0; i < grid.length; i++) expect(curve[i]).toBeGreaterThanOrEqual(curve[best] - 1e-15);
    expect(curve[best]).toBeCloseTo(fit.logLossAfter, 14);
    expect(curve[grid.indexOf(1)]).toBeCloseTo(fit.logLossBefore, 14);
    // The neighbours on the dense grid are above it on both sides: a minimum, not an edge.
    expect(curve[best - 1]).toBeGreaterThan(curve[best]);
    expect(curve[best + 1]).toBeGreaterThan(curve[best]);
  });
});
