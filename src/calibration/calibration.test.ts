import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { calibrateRows, fitCalibrator, type Calibrator } from './Calibrator.js';
import { dirichletObjective, fitDirichlet, logProbabilitiesOf } from './fitDirichlet.js';
import { fitIncreasingMap, interpolateMap } from './fitIsotonic.js';
import { fitPlatt } from './fitPlatt.js';
import { fitTemperature, temperatureLogLoss, temperatureObjective } from './fitTemperature.js';
import { fitVectorScaling, vectorScalingObjective } from './fitVectorScaling.js';
import { minimizeNewton } from './minimizeNewton.js';
import { checkScoreRows, type ScoreRows } from './ScoreRows.js';

const logit = (q: number) => Math.log(q / (1 - q));

/** Rows of two classes with log-odds s, labelled 1 with weight q and 0 with weight 1 − q. */
function twoPoint(points: Array<{ s: number; q: number }>): ScoreRows {
  const scores: number[] = [];
  const labels: number[] = [];
  const weights: number[] = [];
  for (const { s, q } of points) {
    scores.push(0, s, 0, s);
    labels.push(1, 0);
    weights.push(q, 1 - q);
  }
  return { rows: labels.length, classes: 2, scores: Float64Array.from(scores), labels: Int32Array.from(labels), weights: Float64Array.from(weights) };
}

function randomRows(rows: number, classes: number, seed: number): ScoreRows {
  const rng = createRng(seed);
  const scores = Float64Array.from({ length: rows * classes }, () => 4 * (rng.uniform() - 0.5));
  const labels = Int32Array.from({ length: rows }, () => Math.floor(rng.uniform() * classes));
  const weights = Float64Array.from({ length: rows }, () => 0.5 + rng.uniform());
  return { rows, classes, scores, labels, weights };
}

/**
 * Checks an objective's gradient and Hessian at x against central differences of its
 * value and of its gradient.
 */
function expectExactDerivatives(evaluate: (x: Float64Array, g: Float64Array | null, h: Float64Array | null) => number, x: Float64Array): void {
  const n = x.length;
  const g = new Float64Array(n);
  const hess = new Float64Array(n * n);
  evaluate(x, g, hess);
  const h = 1e-6;
  for (let j = 0; j < n; j++) {
    const up = Float64Array.from(x);
    const down = Float64Array.from(x);
    up[j] += h;
    down[j] -= h;
    expect(Math.abs((evaluate(up, null, null) - evaluate(down, null, null)) / (2 * h) - g[j])).toBeLessThan(1e-8);
    const gu = new Float64Array(n);
    const gd = new Float64Array(n);
    evaluate(up, gu, null);
    evaluate(down, gd, null);
    for (let i = 0; i < n; i++) expect(Math.abs((gu[i] - gd[i]) / (2 * h) - hess[i * n + j])).toBeLessThan(1e-7);
  }
}

describe('temperature scaling', () => {
  it('has the closed form T = c / logit(q) when every row has log-odds c and a share q is right', () => {
    for (const [c, q] of [[3, 0.8], [0.5, 0.9], [10, 0.6]]) {
      const fit = fitTemperature(twoPoint([{ s: c, q }]));
      expect(Math.abs(fit.temperature - c / logit(q)) / (c / logit(q))).toBeLessThan(1e-13);
      // At the optimum the calibrated probability is the share right: −(q log q + (1−q) log(1−q)).
      expect(fit.logLossAfter).toBeCloseTo(-(q * Math.log(q) + (1 - q) * Math.log(1 - q)), 14);
    }
  });

  it('has exact derivatives: central differences of the objective agree', () => {
    const data = randomRows(40, 5, 3);
    const d = new Float64Array(2);
    const h = 1e-5;
    for (const beta of [0.3, 1, 2.5]) {
      temperatureObjective(data, beta, d);
      const fd1 = (temperatureObjective(data, beta + h, null) - temperatureObjective(data, beta - h, null)) / (2 * h);
      const fd2 = (temperatureObjective(data, beta + h, null) - 2 * temperatureObjective(data, beta, null) + temperatureObjective(data, beta - h, null)) / (h * h);
      expect(Math.abs(d[0] - fd1)).toBeLessThan(1e-9);
      expect(Math.abs(d[1] - fd2)).toBeLessThan(1e-4);
    }
  });

  it('goes to T = Infinity when the scores carry no usable information, and to T = 0 when every row is right', () => {
    const useless = fitTemperature(twoPoint([{ s: 2, q: 0.5 }]));
    expect(useless.temperature).toBe(Infinity);
    expect(useless.logLossAfter).toBeCloseTo(Math.LN2, 15);
    const perfect: ScoreRows = { rows: 2, classes: 3, scores: Float64Array.of(3, 1, 1, 0, 2, 2), labels: Int32Array.of(0, 1), weights: null };
    const fit = fitTemperature(perfect);
    expect(fit.temperature).toBe(0);
    // Row 2 ties two classes at the top: the argmax gives each 1/2.
    expect(fit.logLossAfter).toBeCloseTo(Math.LN2 / 2, 15);
    expect(temperatureLogLoss(perfect, 0.5)).toBeGreaterThan(fit.logLossAfter);
    expect(temperatureLogLoss(perfect, 0)).toBe(fit.logLossAfter);
    expect(Array.from(calibrateRows(fitCalibrator(perfect, 'temperature').calibrator, perfect.scores, 2))).toEqual([1, 0, 0, 0, 0.5, 0.5]);
  });

  it('is the same fit on logits and on their log-softmax (softmax ignores a shift per row)', () => {
    const data = randomRows(50, 4, 7);
    const shifted = { ...data, scores: data.scores.map((s, i) => s + 10 * Math.floor(i / 4)) };
    expect(fitTemperature(shifted).temperature).toBeCloseTo(fitTemperature(data).temperature, 10);
  });
});

describe('vector scaling', () => {
  it('has an exact gradient and Hessian: central differences agree', () => {
    const data = randomRows(30, 3, 11);
    expectExactDerivatives((x, g, h) => vectorScalingObjective(data, x, g, h), Float64Array.of(1.2, 0.7, 0.9, 0.3, -0.4));
  });

  it('keeps a class scored −Infinity at probability 0, even where its weight is negative', () => {
    const data: ScoreRows = { rows: 4, classes: 3, scores: Float64Array.of(2, 0, -Infinity, 0, 2, -1, -1, 0, 3, 1, 1, -Infinity), labels: Int32Array.of(1, 1, 2, 0), weights: null };
    const fit = fitCalibrator(data, 'vector');
    const p = calibrateRows(fit.calibrator, data.scores, data.rows);
    expect(p[2]).toBe(0);
    expect(p[11]).toBe(0);
    expect(fit.logLossAfter).toBeLessThanOrEqual(fit.logLossBefore);
  });

  it('with two classes and log-odds only in class 1 reduces to Platt scaling', () => {
    const data = randomRows(60, 2, 5);
    for (let i = 0; i < data.rows; i++) data.scores[2 * i] = 0;
    expect(fitVectorScaling(data).logLossAfter).toBeCloseTo(fitPlatt(data).logLossAfter, 12);
  });
});

describe('Dirichlet calibration', () => {
  it('has an exact gradient and Hessian, penalty included: central differences agree', () => {
    const data = randomRows(25, 3, 23);
    const logP = logProbabilitiesOf(data);
    const x = Float64Array.from({ length: 12 }, (_, j) => 0.3 * Math.sin(j + 1) + (j % 4 === 0 && j < 9 ? 1 : 0));
    expectExactDerivatives((p, g, h) => dirichletObjective(data, logP, p, 0.2, 0.1, g, h), x);
  });

  it('starts from the identity: M = I, c = 0 leaves the probabilities as they were', () => {
    const data = randomRows(20, 4, 29);
    const fit = fitDirichlet(data);
    expect(fit.logLossAfter).toBeLessThan(fit.logLossBefore);
    const identity = { format: 'xent-calibrator', version: 1, classes: 4, method: 'dirichlet', matrix: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], intercepts: [0, 0, 0, 0], offDiagonalPenalty: 0, interceptPenalty: 0 } satisfies Calibrator;
    const p = calibrateRows(identity, data.scores, data.rows);
    for (let i = 0; i < data.rows; i++) {
      const row = data.scores.subarray(4 * i, 4 * i + 4);
      const max = Math.max(...row);
      const z = row.reduce((s, v) => s + Math.exp(v - max), 0);
      for (let k = 0; k < 4; k++) expect(p[4 * i + k]).toBeCloseTo(Math.exp(row[k] - max) / z, 14);
    }
  });
});

describe('Platt scaling', () => {
  it('has the closed form of two log-odds values: σ(∓a + b) are the shares right at each', () => {
    const fit = fitPlatt(twoPoint([{ s: -1, q: 0.3 }, { s: 1, q: 0.9 }]));
    expect(fit.a).toBeCloseTo((logit(0.9) - logit(0.3)) / 2, 12);
    expect(fit.b).toBeCloseTo((logit(0.9) + logit(0.3)) / 2, 12);
  });

  it('refuses more than two classes, naming the method', () => {
    expect(() => fitPlatt(randomRows(5, 3, 1))).toThrow(/^Platt scaling is for 2 classes, got 3 .*\(method\)$/);
  });
});

describe('isotonic regression', () => {
  it('equals the min–max formula of the least-squares increasing fit (Barlow et al. 1972)', () => {
    const rng = createRng(17);
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + Math.floor(rng.uniform() * 25);
      const x = Float64Array.from({ length: n }, (_, i) => i + rng.uniform() * 0.5);
      const y = Float64Array.from({ length: n }, () => (rng.uniform() < 0.5 ? 0 : 1));
      const w = Float64Array.from({ length: n }, () => 0.1 + rng.uniform());
      const map = fitIncreasingMap(x, y, w);
      for (let j = 0; j < n; j++) {
        // fit_j = max over i ≤ j of min over k ≥ j of the weighted mean of y[i..k].
        let best = -Infinity;
        for (let i = 0; i <= j; i++) {
          let lowest = Infinity;
          for (let k = j; k < n; k++) {
            let sw = 0;
            let swy = 0;
            for (let t = i; t <= k; t++) {
              sw += w[t];
              swy += w[t] * y[t];
            }
            lowest = Math.min(lowest, swy / sw);
          }
          best = Math.max(best, lowest);
        }
        expect(interpolateMap(map, x[j])).toBeCloseTo(best, 12);
      }
    }
  });
});

describe('damped Newton', () => {
  it('finds the minimum of a log-sum-exp objective to the last digits from far away', () => {
    // f(x) = log(e^x + e^−2x) has its minimum where e^x = 2e^−2x: x = ln(2)/3.
    const fit = minimizeNewton(
      {
        dimension: 1,
        evaluate: (x, g, h) => {
          const a = Math.exp(x[0]);
          const b = Math.exp(-2 * x[0]);
          const p = a / (a + b);
          if (g) g[0] = p - 2 * (1 - p);
          if (h) h[0] = 9 * p * (1 - p);
          return Math.log(a + b);
        },
      },
      Float64Array.of(30),
    );
    expect(fit.converged).toBe(true);
    expect(fit.x[0]).toBeCloseTo(Math.LN2 / 3, 14);
  });
});

describe('checkScoreRows', () => {
  it('names the first bad entry', () => {
    const ok = randomRows(3, 2, 1);
    expect(() => checkScoreRows({ ...ok, labels: Int32Array.of(0, 2, 1) })).toThrow('label 2 is not a class index 0…1 (labels, index 1)');
    expect(() => checkScoreRows({ ...ok, scores: Float64Array.of(0, 1, NaN, 0, 1, 1) })).toThrow('(scores, row 1, class 0)');
    expect(() => checkScoreRows({ ...ok, scores: Float64Array.of(0, 1, 0, 0, 1, -Infinity), labels: Int32Array.of(0, 0, 1) })).toThrow(/probability 0.*\(scores, row 2\)/);
    expect(() => checkScoreRows({ ...ok, weights: Float64Array.of(0, 0, 0) })).toThrow('the weights sum to 0 (weights)');
  });
});
