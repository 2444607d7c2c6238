import { XentError } from '../core/XentError.js';
import { CALIBRATION_METHODS, type Calibrator } from './Calibrator.js';
import { MAX_HISTOGRAM_BINS } from './fitHistogramBinning.js';

/** The largest number of classes a calibrator file may declare: its arrays are checked against it before use. */
export const MAX_CALIBRATOR_CLASSES = 1_000_000;

/**
 * Reads a calibrator back from its JSON value, checking everything `calibrateRows` relies
 * on: the format name and version, the method, the class count, and each parameter's
 * type, length and range. Errors name the key, under `field` (the file's flag, say).
 *
 * @example
 * parseCalibrator({ format: 'xent-calibrator', version: 1, classes: 3, method: 'temperature', temperature: 1.5 }, 'calibrator').temperature // 1.5
 */
export function parseCalibrator(value: unknown, field: string): Calibrator {
  const where = (key: string) => ({ field, index: `key ${key}` });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new XentError('is not a JSON object', { field });
  const o = value as Record<string, unknown>;
  if (o.format !== 'xent-calibrator') throw new XentError(`is not an xent calibrator: format is ${JSON.stringify(o.format)?.slice(0, 40)}, expected "xent-calibrator"`, where('format'));
  if (o.version !== 1) throw new XentError(`version ${JSON.stringify(o.version)?.slice(0, 20)} is not one this xent reads (1)`, where('version'));
  const classes = o.classes;
  if (typeof classes !== 'number' || !Number.isInteger(classes) || classes < 2 || classes > MAX_CALIBRATOR_CLASSES) {
    throw new XentError(`classes must be a whole number from 2 to ${MAX_CALIBRATOR_CLASSES}`, where('classes'));
  }
  const number = (key: string, v: unknown, check: (x: number) => boolean, what: string): number => {
    if (typeof v !== 'number' || !check(v)) throw new XentError(`must be ${what}`, where(key));
    return v;
  };
  const numbers = (key: string, v: unknown, length: number, check: (x: number) => boolean, what: string): number[] => {
    if (!Array.isArray(v) || v.length !== length) throw new XentError(`must be an array of ${length} numbers`, where(key));
    v.forEach((x, i) => number(`${key}[${i}]`, x, check, what));
    return v as number[];
  };
  const finite = (x: number) => Number.isFinite(x);
  const probability = (x: number) => x >= 0 && x <= 1;
  const mapCount = classes === 2 ? 1 : classes;
  const base = { format: 'xent-calibrator', version: 1, classes } as const;
  switch (o.method) {
    case 'temperature': {
      const t = o.temperature === 'Infinity' ? Infinity : o.temperature;
      return { ...base, method: 'temperature', temperature: number('temperature', t, (x) => x >= 0, 'a number ≥ 0 or "Infinity"') };
    }
    case 'vector':
      return { ...base, method: 'vector', weights: numbers('weights', o.weights, classes, finite, 'finite'), biases: numbers('biases', o.biases, classes, finite, 'finite') };
    case 'dirichlet':
      return {
        ...base,
        method: 'dirichlet',
        matrix: numbers('matrix', o.matrix, classes * classes, finite, 'finite'),
        intercepts: numbers('intercepts', o.intercepts, classes, finite, 'finite'),
        offDiagonalPenalty: number('offDiagonalPenalty', o.offDiagonalPenalty, (x) => x >= 0 && x < Infinity, 'a finite number ≥ 0'),
        interceptPenalty: number('interceptPenalty', o.interceptPenalty, (x) => x >= 0 && x < Infinity, 'a finite number ≥ 0'),
      };
    case 'platt':
      if (classes !== 2) throw new XentError('Platt scaling is for 2 classes', where('classes'));
      return { ...base, method: 'platt', a: number('a', o.a, finite, 'finite'), b: number('b', o.b, finite, 'finite') };
    case 'isotonic': {
      if (!Array.isArray(o.maps) || o.maps.length !== mapCount) throw new XentError(`must be an array of ${mapCount} maps`, where('maps'));
      const maps = o.maps.map((m: unknown, c: number) => {
        const map = (typeof m === 'object' && m !== null ? m : {}) as Record<string, unknown>;
        const length = Array.isArray(map.xs) ? map.xs.length : 0;
        if (length === 0) throw new XentError('must hold at least one point', where(`maps[${c}].xs`));
        const xs = numbers(`maps[${c}].xs`, map.xs, length, probability, 'a probability');
        for (let j = 1; j < length; j++) if (!(xs[j] > xs[j - 1])) throw new XentError('must increase', where(`maps[${c}].xs[${j}]`));
        const ys = numbers(`maps[${c}].ys`, map.ys, length, probability, 'a probability');
        for (let j = 1; j < length; j++) if (ys[j] < ys[j - 1]) throw new XentError('must not decrease', where(`maps[${c}].ys[${j}]`));
        return { xs, ys };
      });
      return { ...base, method: 'isotonic', maps };
    }
    case 'histogram': {
      const bins = number('bins', o.bins, (x) => Number.isInteger(x) && x >= 1 && x <= MAX_HISTOGRAM_BINS, `a whole number from 1 to ${MAX_HISTOGRAM_BINS}`);
      if (!Array.isArray(o.values) || o.values.length !== mapCount) throw new XentError(`must be an array of ${mapCount} rows`, where('values'));
      return { ...base, method: 'histogram', bins, values: o.values.map((v: unknown, c: number) => numbers(`values[${c}]`, v, bins, probability, 'a probability')) };
    }
    default:
      throw new XentError(`unknown method ${JSON.stringify(o.method)?.slice(0, 40)} (expected ${CALIBRATION_METHODS.join(', ')})`, where('method'));
  }
}
