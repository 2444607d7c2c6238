import { describe, expect, it } from 'vitest';
import { fitTemperature, temperatureLogLoss } from '../../../src/calibration/fitTemperature.js';
import { evaluateStreams } from '../../../src/eval/evaluateStreams.js';
import { arrayTableStream } from '../../../src/calibration/tableStreams.js';
import type { EvaluateSourcesOptions } from '../../../src/eval/evaluateSources.js';
import type { EvalReport } from '../../../src/eval/EvalReport.js';
import type { ScoreRows } from '../../../src/calibration/ScoreRows.js';
import { calibrateTemperature, CURVE_POINTS, ScoreRowsReservoir } from './evalCalibration.js';
import { EXAMPLE_ROWS, exampleFiles } from './evalExamples.js';

const where = () => ({ field: 'pred', index: 'row' });

/** The over-confident example's rows, through the reservoir as the worker feeds it. */
function exampleSample(): { sample: ScoreRows; probabilities: number[][]; labels: number[] } {
  const files = exampleFiles('overconfident');
  const probabilities = files.pred.trim().split('\n').map((r) => r.split(',').map(Number));
  const labels = files.labels.trim().split('\n').map(Number);
  const reservoir = new ScoreRowsReservoir('probs', false);
  probabilities.forEach((p, i) => reservoir.add(Float64Array.from(p), 0, p.length, labels[i], 1, where));
  return { sample: reservoir.finish(), probabilities, labels };
}

/** Scores rows held in memory with the options the worker would pass to evaluateSources. */
function rescoreFrom(probabilities: number[][], labels: number[]) {
  return (options: EvaluateSourcesOptions): Promise<EvalReport> => {
    const { mapPredictions, ...rest } = options;
    return evaluateStreams(
      () => ({
        pred: mapPredictions!(arrayTableStream('pred', probabilities.flat(), probabilities.length, probabilities[0].length)),
        labels: () => arrayTableStream('labels', labels, labels.length, 1),
      }),
      rest,
    );
  };
}

describe('calibrateTemperature', () => {
  it('fits T* on the sample, draws the curve through T = 1 and T*, and scores the rows at T*', async () => {
    const { sample, probabilities, labels } = exampleSample();
    expect(sample.rows).toBe(EXAMPLE_ROWS);
    const c = await calibrateTemperature(sample, EXAMPLE_ROWS, { input: 'probs', unit: 'nats' }, rescoreFrom(probabilities, labels));
    if (c.kind !== 'fitted') throw new Error(c.message);
    const fit = fitTemperature(sample);
    expect(c.temperature).toBe(fit.temperature);
    expect(c.temperature).toBeGreaterThan(1);
    expect(c.temperatures.length).toBe(CURVE_POINTS + 1);
    c.temperatures.forEach((T, i) => expect(c.logLoss[i]).toBe(temperatureLogLoss(sample, T)));
    // The rows scored again at T* have the fit's log-loss, and a lower ECE than as given.
    expect(c.after.logLoss).toBeCloseTo(fit.logLossAfter, 10);
    const before = await rescoreFrom(probabilities, labels)({ input: 'probs', unit: 'nats', mapPredictions: (s) => s });
    expect(c.after.ece).toBeLessThan(before.ece);
    expect(c.after.accuracy).toBe(before.accuracy);
  });

  it('says why when no temperature can be fitted', async () => {
    const never = () => Promise.reject(new Error('not called'));
    const reservoir = new ScoreRowsReservoir('probs', false);
    reservoir.add(Float64Array.of(1, 0), 0, 2, 1, 1, where);
    expect(await calibrateTemperature(reservoir.finish(), 1, {}, never)).toMatchObject({ kind: 'unfit', reason: 'zeroTrueClass' });
    expect(await calibrateTemperature(new ScoreRowsReservoir('probs', false).finish(), 0, {}, never)).toMatchObject({ kind: 'unfit', reason: 'noRows' });
  });
});
