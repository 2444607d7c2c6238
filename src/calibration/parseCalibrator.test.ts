import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { CALIBRATION_METHODS, calibrateRows, fitCalibrator } from './Calibrator.js';
import { parseCalibrator } from './parseCalibrator.js';
import type { ScoreRows } from './ScoreRows.js';

function randomRows(rows: number, classes: number, seed: number): ScoreRows {
  const rng = createRng(seed);
  return {
    rows,
    classes,
    scores: Float64Array.from({ length: rows * classes }, () => 6 * (rng.uniform() - 0.5)),
    labels: Int32Array.from({ length: rows }, () => rng.int(classes)),
    weights: null,
  };
}

/** JSON as the CLI writes it: non-finite numbers as strings. */
const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)));

describe('parseCalibrator', () => {
  it('reads back what every method fits, through JSON, to the same probabilities', () => {
    for (const classes of [2, 3]) {
      const data = randomRows(80, classes, classes);
      for (const method of CALIBRATION_METHODS) {
        if (method === 'platt' && classes !== 2) continue;
        const { calibrator } = fitCalibrator(data, method);
        const back = parseCalibrator(roundTrip(calibrator), 'calibrator');
        expect(back).toEqual(calibrator);
        expect(calibrateRows(back, data.scores, data.rows)).toEqual(calibrateRows(calibrator, data.scores, data.rows));
      }
    }
  });

  it('reads a temperature of "Infinity"', () => {
    const calibrator = parseCalibrator({ format: 'xent-calibrator', version: 1, classes: 2, method: 'temperature', temperature: 'Infinity' }, 'c');
    expect(calibrator.method === 'temperature' && calibrator.temperature).toBe(Infinity);
  });

  it('names the key at fault', () => {
    const ok = { format: 'xent-calibrator', version: 1, classes: 3 };
    const cases: Array<[unknown, string]> = [
      [[1, 2], 'is not a JSON object (--calibrator)'],
      [{ ...ok, format: 'other' }, 'is not an xent calibrator: format is "other", expected "xent-calibrator" (--calibrator, key format)'],
      [{ ...ok, version: 2 }, 'version 2 is not one this xent reads (1) (--calibrator, key version)'],
      [{ ...ok, classes: 1.5, method: 'temperature', temperature: 1 }, '(--calibrator, key classes)'],
      [{ ...ok, method: 'temperature', temperature: -1 }, 'must be a number ≥ 0 or "Infinity" (--calibrator, key temperature)'],
      [{ ...ok, method: 'vector', weights: [1, 1], biases: [0, 0, 0] }, 'must be an array of 3 numbers (--calibrator, key weights)'],
      [{ ...ok, method: 'vector', weights: [1, NaN, 1], biases: [0, 0, 0] }, '(--calibrator, key weights[1])'],
      [{ ...ok, method: 'platt', a: 1, b: 0 }, 'Platt scaling is for 2 classes (--calibrator, key classes)'],
      [{ ...ok, method: 'isotonic', maps: [{ xs: [0.5, 0.2], ys: [0, 1] }, { xs: [0], ys: [0] }, { xs: [0], ys: [0] }] }, 'must increase (--calibrator, key maps[0].xs[1])'],
      [{ ...ok, method: 'histogram', bins: 2, values: [[0, 1.5], [0, 1], [0, 1]] }, 'must be a probability (--calibrator, key values[0][1])'],
      [{ ...ok, method: 'magic' }, 'unknown method "magic" (expected temperature, vector, dirichlet, platt, isotonic, histogram) (--calibrator, key method)'],
    ];
    for (const [value, message] of cases) expect(() => parseCalibrator(value, '--calibrator')).toThrow(message);
  });
});
