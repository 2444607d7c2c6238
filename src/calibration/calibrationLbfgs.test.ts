import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { fitCalibrator } from './Calibrator.js';
import { centreGradient, centreOnOrbit, dirichletObjective, fitDirichlet, logProbabilitiesOf, NEWTON_MAX_DIRICHLET_CLASSES } from './fitDirichlet.js';
import { fitVectorScaling, NEWTON_MAX_VECTOR_CLASSES, vectorScalingObjective } from './fitVectorScaling.js';
import type { ScoreRows } from './ScoreRows.js';

// The many-class fits by L-BFGS, judged three ways: against Newton's method with the exact
// Hessian where both apply, against scipy's L-BFGS-B on the same objectives
// (scripts/reference/calibration_lbfgs_fixtures.py), and their gradients against central
// differences.

/** Rows whose labels follow softmax(t) while the scores are t distorted per class, with weights. */
function distortedRows(rows: number, classes: number, seed: number, weighted = true): ScoreRows {
  const rng = createRng(seed);
  const scores = new Float64Array(rows * classes);
  const labels = new Int32Array(rows);
  const t = new Float64Array(classes);
  for (let i = 0; i < rows; i++) {
    let best = -Infinity;
    for (let k = 0; k < classes; k++) {
      t[k] = 1.5 * rng.normal();
      // Gumbel-max: the argmax of t + Gumbel noise is distributed as softmax(t).
      const g = t[k] - Math.log(-Math.log(1 - rng.uniform()));
      if (g > best) {
        best = g;
        labels[i] = k;
      }
      scores[i * classes + k] = t[k] * (0.5 + (k % 4) / 2) + (k % 3) - 1 + 0.3 * rng.normal();
    }
  }
  const weights = weighted ? Float64Array.from({ length: rows }, () => 0.5 + rng.uniform()) : null;
  return { rows, classes, scores, labels, weights };
}

function maxRelativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return m;
}

describe('L-BFGS against Newton’s method where both apply', () => {
  it.each([3, 8, 20])('vector scaling of %i classes: the same minimum, to 1e-12 in the log-loss and 1e-6 in the parameters', (K) => {
    const data = distortedRows(60 * K, K, K);
    const newton = fitVectorScaling(data, { minimizer: 'newton' });
    const lbfgs = fitVectorScaling(data, { minimizer: 'lbfgs' });
    expect(Math.abs(lbfgs.logLossAfter - newton.logLossAfter)).toBeLessThan(1e-12);
    expect(lbfgs.logLossAfter).toBeLessThan(lbfgs.logLossBefore);
    expect(maxRelativeDifference(lbfgs.weights, newton.weights)).toBeLessThan(1e-6);
    expect(maxRelativeDifference(lbfgs.biases, newton.biases)).toBeLessThan(1e-6);
  });

  it.each([2, 3, 6])('Dirichlet calibration of %i classes: the same minimum of the penalised objective, to 1e-12, and 1e-5 in the parameters', (K) => {
    const data = distortedRows(80 * K, K, 100 + K);
    const ell = logProbabilitiesOf(data);
    const objective = (fit: { matrix: Float64Array; intercepts: Float64Array }) => dirichletObjective(data, ell, Float64Array.from([...fit.matrix, ...fit.intercepts]), 1e-3, 1e-3, null, null);
    const newton = fitDirichlet(data, { minimizer: 'newton' });
    const lbfgs = fitDirichlet(data, { minimizer: 'lbfgs' });
    expect(Math.abs(objective(lbfgs) - objective(newton))).toBeLessThan(1e-12);
    expect(maxRelativeDifference(lbfgs.matrix, newton.matrix)).toBeLessThan(1e-5);
    expect(maxRelativeDifference(lbfgs.intercepts, newton.intercepts)).toBeLessThan(1e-5);
  });

  it('is chosen by the number of classes: Newton up to the stated limits, L-BFGS above', () => {
    for (const [K, limit] of [[NEWTON_MAX_VECTOR_CLASSES, 'vector'], [NEWTON_MAX_DIRICHLET_CLASSES, 'dirichlet']] as const) {
      const small = distortedRows(20 * K, K, 7);
      const large = distortedRows(20 * (K + 1), K + 1, 7);
      const fit = (d: ScoreRows, minimizer?: 'newton' | 'lbfgs') => (limit === 'vector' ? fitVectorScaling(d, { minimizer }) : fitDirichlet(d, { minimizer }));
      expect(fit(small).iterations).toBe(fit(small, 'newton').iterations);
      expect(fit(large).iterations).toBe(fit(large, 'lbfgs').iterations);
    }
  });
});

interface LbfgsFixtureSet {
  name: string;
  seed: number;
  rows: number;
  classes: number;
  weighted: boolean;
  labels: number[];
  scoreSum: number;
  firstScores: number[];
}
interface LbfgsFixtures {
  vector: LbfgsFixtureSet & { fit: { weights: number[]; biases: number[]; logLossBefore: number; logLossAfter: number } };
  dirichlet: LbfgsFixtureSet & { fit: { lambda: number; mu: number; matrix: number[]; intercepts: number[]; objective: number; logLossBefore: number } };
}
const fixtures = JSON.parse(readFileSync(new URL('../../test/fixtures/calibration-lbfgs.json', import.meta.url), 'utf8')) as LbfgsFixtures;

/** The fixture's rows, rebuilt from the generator by the script's additions and multiplications. */
function fixtureRows(f: LbfgsFixtureSet): ScoreRows {
  const rng = createRng(f.seed);
  const K = f.classes;
  const scores = new Float64Array(f.rows * K);
  for (let i = 0; i < f.rows; i++) for (let k = 0; k < K; k++) scores[i * K + k] = (8 * rng.uniform() - 4) * (0.5 + (k % 7) / 4) + ((k % 5) - 2) / 2;
  const weights = f.weighted ? Float64Array.from({ length: f.rows }, () => 0.5 + rng.uniform()) : null;
  return { rows: f.rows, classes: K, scores, labels: Int32Array.from(f.labels), weights };
}

describe('many classes against scipy.optimize.minimize(method=L-BFGS-B) on the same objective', () => {
  it('rebuilds the fixture’s scores bit for bit', () => {
    for (const f of [fixtures.vector, fixtures.dirichlet]) {
      const data = fixtureRows(f);
      expect(Array.from(data.scores.subarray(0, 8))).toEqual(f.firstScores);
      expect(Math.abs(data.scores.reduce((s, v) => s + v, 0) - f.scoreSum)).toBeLessThan(1e-9 * data.scores.length);
    }
  });

  it(`vector scaling of ${fixtures.vector.classes} classes reaches scipy's minimum, no higher (1e-9 relative), the same parameters to 1e-5`, () => {
    const f = fixtures.vector;
    const data = fixtureRows(f);
    const fit = fitVectorScaling(data);
    expect(Math.abs(fit.logLossBefore - f.fit.logLossBefore)).toBeLessThan(1e-12);
    expect(fit.logLossAfter).toBeLessThanOrEqual(f.fit.logLossAfter * (1 + 1e-9));
    expect(f.fit.logLossAfter - fit.logLossAfter).toBeLessThan(1e-9 * f.fit.logLossAfter);
    expect(maxRelativeDifference(fit.weights, f.fit.weights)).toBeLessThan(1e-5);
    expect(maxRelativeDifference(fit.biases, f.fit.biases)).toBeLessThan(1e-5);
  });

  it(`Dirichlet calibration of ${fixtures.dirichlet.classes} classes reaches scipy's minimum of the penalised objective, no higher (1e-9 relative), the same parameters to 1e-3`, () => {
    const f = fixtures.dirichlet;
    const data = fixtureRows(f);
    const options = { offDiagonalPenalty: f.fit.lambda, interceptPenalty: f.fit.mu };
    const fit = fitDirichlet(data, options);
    const value = dirichletObjective(data, logProbabilitiesOf(data), Float64Array.from([...fit.matrix, ...fit.intercepts]), f.fit.lambda, f.fit.mu, null, null);
    expect(Math.abs(fit.logLossBefore - f.fit.logLossBefore)).toBeLessThan(1e-12);
    expect(value).toBeLessThanOrEqual(f.fit.objective * (1 + 1e-9));
    expect(f.fit.objective - value).toBeLessThan(1e-9 * f.fit.objective);
    // The penalty's curvature, 2λ/(K(K − 1)) = 2.3e-6, is the least along some directions, and
    // scipy stopped at a gradient of 3.5e-8: its parameters are good to about 1e-3 there.
    expect(maxRelativeDifference(fit.matrix, f.fit.matrix)).toBeLessThan(1e-3);
    expect(maxRelativeDifference(fit.intercepts, f.fit.intercepts)).toBeLessThan(1e-3);
    expect(Math.abs(fitCalibrator(data, 'dirichlet', options).logLossAfter - fit.logLossAfter)).toBeLessThan(1e-12);
  });
});

/** Central differences of f at x along each j in `indices`, against g_j. */
function expectGradient(f: (x: Float64Array) => number, x: Float64Array, g: Float64Array, indices: number[]): void {
  const h = 1e-6;
  for (const j of indices) {
    const up = Float64Array.from(x);
    const down = Float64Array.from(x);
    up[j] += h;
    down[j] -= h;
    expect(Math.abs((f(up) - f(down)) / (2 * h) - g[j]), `coordinate ${j}`).toBeLessThan(1e-8);
  }
}

describe('gradients against central differences', () => {
  it('vector scaling of 60 classes, and its diagonal blocks against the exact Hessian of 6', () => {
    const data = distortedRows(300, 60, 11);
    const rng = createRng(3);
    const x = Float64Array.from({ length: 119 }, (_, j) => (j < 60 ? 1 : 0) + 0.3 * rng.normal());
    const g = new Float64Array(119);
    vectorScalingObjective(data, x, g, null);
    expectGradient((y) => vectorScalingObjective(data, y, null, null), x, g, Array.from({ length: 119 }, (_, j) => j).filter((j) => j % 3 === 0));

    const small = distortedRows(50, 6, 12);
    const y = Float64Array.from({ length: 11 }, (_, j) => (j < 6 ? 1 : 0) + 0.3 * rng.normal());
    const hessian = new Float64Array(121);
    const blocks = new Float64Array(18);
    vectorScalingObjective(small, y, new Float64Array(11), hessian, blocks);
    expect(Math.abs(blocks[0] - hessian[0])).toBeLessThan(1e-15);
    for (let k = 1; k < 6; k++) {
      const b = 6 + k - 1;
      expect(Math.abs(blocks[3 * k] - hessian[k * 11 + k])).toBeLessThan(1e-14);
      expect(Math.abs(blocks[3 * k + 1] - hessian[k * 11 + b])).toBeLessThan(1e-14);
      expect(Math.abs(blocks[3 * k + 2] - hessian[b * 11 + b])).toBeLessThan(1e-14);
    }
  });

  it('Dirichlet calibration of 12 classes, and the gradient of f on the penalty-least point of each orbit', () => {
    const K = 12;
    const n = K * K + K;
    const data = distortedRows(200, K, 13);
    const ell = logProbabilitiesOf(data);
    const rng = createRng(4);
    const x = Float64Array.from({ length: n }, (_, j) => (j < K * K && j % (K + 1) === 0 ? 1 : 0) + 0.2 * rng.normal());
    const f = (y: Float64Array) => dirichletObjective(data, ell, y, 0.5, 0.3, null, null);
    const g = new Float64Array(n);
    dirichletObjective(data, ell, x, 0.5, 0.3, g, null);
    const sample = Array.from({ length: n }, (_, j) => j).filter((j) => j % 5 === 0);
    expectGradient(f, x, g, sample);

    // g(x) = f(A x): its gradient is Aᵀ ∇f(A x).
    const reduced = new Float64Array(n);
    dirichletObjective(data, ell, centreOnOrbit(x, K), 0.5, 0.3, reduced, null);
    centreGradient(reduced, K);
    expectGradient((y) => f(centreOnOrbit(y, K)), x, reduced, sample);
    // A x keeps the log-loss and lowers the penalty.
    expect(Math.abs(dirichletObjective(data, ell, centreOnOrbit(x, K), 0, 0, null, null) - dirichletObjective(data, ell, x, 0, 0, null, null))).toBeLessThan(1e-12);
    expect(f(centreOnOrbit(x, K))).toBeLessThan(f(x));
  });
});

describe('edge cases of the L-BFGS fits', () => {
  it('scores of ±1e3: finite parameters and a lower log-loss', () => {
    const data = distortedRows(400, 30, 21, false);
    for (let j = 0; j < data.scores.length; j++) data.scores[j] *= 300;
    const vector = fitVectorScaling(data);
    expect(vector.weights.every(Number.isFinite) && vector.biases.every(Number.isFinite)).toBe(true);
    expect(vector.logLossBefore).toBeGreaterThan(100);
    expect(vector.logLossAfter).toBeLessThan(vector.logLossBefore / 50);
    const dirichlet = fitDirichlet(distortedRows(200, 8, 22, false));
    expect(dirichlet.matrix.every(Number.isFinite)).toBe(true);
  });

  it('labels of one class only: the infimum 0 is not attained, and the fit stops where the gradient passes the tolerance', () => {
    const data = distortedRows(100, 30, 23, false);
    data.labels.fill(4);
    const fit = fitVectorScaling(data);
    expect(fit.logLossAfter).toBeLessThan(1e-8);
    expect(fit.biases[4]).toBe(Math.max(...fit.biases));
  });

  it('fewer rows than parameters: a minimiser, the same from Newton where it applies', () => {
    const data = distortedRows(10, 30, 24);
    const fit = fitVectorScaling(data);
    expect(fit.logLossAfter).toBeLessThan(fit.logLossBefore);
    const small = distortedRows(5, 8, 25);
    expect(Math.abs(fitVectorScaling(small, { minimizer: 'lbfgs' }).logLossAfter - fitVectorScaling(small, { minimizer: 'newton' }).logLossAfter)).toBeLessThan(1e-9);
    // 10 rows, 156 parameters: each row twice, with two labels, so no setting is perfect.
    const twice = distortedRows(5, 12, 26, false);
    const rows: ScoreRows = { rows: 10, classes: 12, scores: Float64Array.from([...twice.scores, ...twice.scores]), labels: Int32Array.from([...twice.labels, ...twice.labels.map((y) => (y + 1) % 12)]), weights: null };
    const lbfgs = fitDirichlet(rows, { minimizer: 'lbfgs' });
    expect(lbfgs.logLossAfter).toBeLessThan(lbfgs.logLossBefore);
    const ell = logProbabilitiesOf(rows);
    const objective = (fit: { matrix: Float64Array; intercepts: Float64Array }) => dirichletObjective(rows, ell, Float64Array.from([...fit.matrix, ...fit.intercepts]), 1e-3, 1e-3, null, null);
    expect(Math.abs(objective(lbfgs) - objective(fitDirichlet(rows, { minimizer: 'newton' })))).toBeLessThan(1e-9);
  });
});
