import { describe, expect, it } from 'vitest';
import { calibrationFixtures, type CalibrationFixture } from '../../test/calibration/calibrationFixture.js';
import { calibrateRows, fitCalibrator } from './Calibrator.js';
import { dirichletObjective, fitDirichlet, logProbabilitiesOf } from './fitDirichlet.js';
import { fitHistogramBinning } from './fitHistogramBinning.js';
import { fitIsotonic } from './fitIsotonic.js';
import { fitPlatt } from './fitPlatt.js';
import { fitTemperature } from './fitTemperature.js';
import { fitVectorScaling } from './fitVectorScaling.js';
import type { ScoreRows } from './ScoreRows.js';

// The same objectives minimised by scipy.optimize, and isotonic regression by
// scikit-learn (scripts/reference/calibration_fixtures.py). A fit must reach the minimum
// scipy found: its loss no higher, and its parameters the same to the precision scipy
// stopped at (a gradient below 1e-8).


const fixtures = calibrationFixtures;

function rowsOf(f: CalibrationFixture): ScoreRows {
  return {
    rows: f.rows,
    classes: f.classes,
    scores: Float64Array.from(f.scores),
    labels: Int32Array.from(f.labels),
    weights: f.weights === null ? null : Float64Array.from(f.weights),
  };
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i]), `at ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected[i])));
}

describe.each(fixtures.map((f) => [f.name, f] as const))('calibration of %s against SciPy and scikit-learn', (_name, f) => {
  const data = rowsOf(f);

  it('temperature: the minimum brentq found on the same objective', () => {
    const fit = fitTemperature(data);
    expect(Math.abs(fit.temperature - f.temperature.temperature) / f.temperature.temperature).toBeLessThan(1e-10);
    expect(Math.abs(fit.logLossBefore - f.temperature.logLossBefore)).toBeLessThan(1e-13);
    expect(fit.logLossAfter).toBeLessThanOrEqual(f.temperature.logLossAfter + 1e-14);
    expect(fit.logLossAfter).toBeLessThan(fit.logLossBefore);
  });

  it('vector scaling: the minimum trust-exact found, no higher', () => {
    const fit = fitVectorScaling(data);
    expect(fit.logLossAfter).toBeLessThanOrEqual(f.vector.logLossAfter + 1e-14);
    expect(f.vector.logLossAfter - fit.logLossAfter).toBeLessThan(1e-12);
    expectClose(fit.weights, f.vector.weights, 1e-6);
    expectClose(fit.biases, f.vector.biases, 1e-6);
  });

  it('Dirichlet calibration: the minimum of the penalised objective trust-exact found, no higher', () => {
    const options = { offDiagonalPenalty: f.dirichlet.lambda, interceptPenalty: f.dirichlet.mu };
    const fit = fitDirichlet(data, options);
    const x = Float64Array.from([...fit.matrix, ...fit.intercepts]);
    const objective = dirichletObjective(data, logProbabilitiesOf(data), x, f.dirichlet.lambda, f.dirichlet.mu, null, null);
    expect(objective).toBeLessThanOrEqual(f.dirichlet.objective + 1e-14);
    expect(Math.abs(fit.logLossAfter - f.dirichlet.logLossAfter)).toBeLessThan(1e-9);
    expectClose(fit.matrix, f.dirichlet.matrix, 1e-6);
    expectClose(fit.intercepts, f.dirichlet.intercepts, 1e-6);
    expect(Math.abs(fitCalibrator(data, 'dirichlet', options).logLossAfter - fit.logLossAfter)).toBeLessThan(1e-13);
  });

  it("isotonic: scikit-learn's thresholds and calibrated probabilities", () => {
    const fit = fitIsotonic(data);
    expect(fit.maps.length).toBe(f.isotonic.maps.length);
    fit.maps.forEach((map, c) => {
      expectClose(map.xs, f.isotonic.maps[c].xs, 1e-15);
      expectClose(map.ys, f.isotonic.maps[c].ys, 1e-15);
    });
    expectClose(calibrateRows(fitCalibrator(data, 'isotonic').calibrator, data.scores, data.rows), f.isotonic.probabilities, 1e-12);
  });

  it('histogram binning: the per-bin shares written from the definition', () => {
    const fit = fitHistogramBinning(data, f.histogram.bins);
    fit.values.forEach((v, c) => expectClose(v, f.histogram.values[c], 1e-15));
  });

  it('every method, applied, gives the log-loss it reports, and rows that sum to 1', () => {
    for (const method of ['temperature', 'vector', 'dirichlet', 'isotonic', 'histogram', ...(f.classes === 2 ? ['platt' as const] : [])] as const) {
      const fit = fitCalibrator(data, method);
      const p = calibrateRows(fit.calibrator, data.scores, data.rows);
      for (let i = 0; i < data.rows; i++) {
        let sum = 0;
        for (let k = 0; k < data.classes; k++) sum += p[i * data.classes + k];
        expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
      }
      expect(fit.logLossBefore).toBeCloseTo(f.temperature.logLossBefore, 12);
      if (method === 'temperature') expect(Math.abs(fit.logLossAfter - f.temperature.logLossAfter)).toBeLessThan(1e-13);
    }
  });
});

describe.each(fixtures.filter((f) => f.platt !== undefined).map((f) => [f.name, f] as const))('Platt scaling of %s against SciPy', (_name, f) => {
  it('reaches the minimum trust-exact found, no higher', () => {
    const fit = fitPlatt(rowsOf(f));
    expect(fit.logLossAfter).toBeLessThanOrEqual(f.platt!.logLossAfter + 1e-14);
    expectClose([fit.a, fit.b], [f.platt!.a, f.platt!.b], 1e-7);
  });
});
