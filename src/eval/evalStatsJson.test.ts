import { describe, expect, it } from 'vitest';
import { EvalAccumulator } from './EvalAccumulator.js';
import { resolveEvalOptions } from './EvalOptions.js';
import { evalReport, mergeEvalSums, type EvalSums } from './EvalSums.js';
import { evalStatsJson, evalStatsSettings, parseEvalStats, settingsDifference } from './evalStatsJson.js';

const where = () => ({ field: 'pred', index: 'row' });

function sumsOf(rows: [number[], number, number][], options = {}, scale = {}): EvalSums {
  const acc = new EvalAccumulator({ width: rows[0][0].length, options: resolveEvalOptions({ bins: 4, ...options }), scale });
  for (const [p, y, w] of rows) acc.addRow(Float64Array.from(p), 0, y, w, where);
  return acc.sums;
}

const roundTrip = (sums: EvalSums) => parseEvalStats(JSON.parse(evalStatsJson(sums, evalStatsSettings(sums, undefined, false))), 'stats').sums;

describe('evalStatsJson', () => {
  it('reads back every float64 bit for bit, −0, Infinity and NaN included', () => {
    // p_y = 0 makes the log-loss infinite; a weight of 0 leaves the moments' shift NaN in a table of its own.
    const sums = sumsOf([
      [[0.1, 0.2, 0.7], 2, 0.1],
      [[0.7, 0.3, 0], 2, 1 / 3],
      [[1 / 3, 1 / 3, 1 / 3], 0, 1e-300],
    ]);
    sums.smooth.residual.compensation[5] = -0;
    const back = roundTrip(sums);
    expect(back).toEqual(sums);
    expect(Object.is(back.smooth.residual.compensation[5], -0)).toBe(true);
    expect(evalReport(back).logLoss).toBe(Infinity);
    const empty = roundTrip(sumsOf([[[0.5, 0.5], 1, 0]]));
    expect(empty.logLoss.shift).toBeNaN();
  });

  it('carries the bootstrap replicates and the KLL sketch', () => {
    const rows: [number[], number, number][] = Array.from({ length: 50 }, (_, i) => [[i / 60, 1 - i / 60], i % 2, 1]);
    const sums = sumsOf(rows, { binning: 'quantile' }, { bootstrap: { replicates: 7, seed: 3, rowOffset: 0 }, equalMassFromStats: true });
    const back = roundTrip(sums);
    expect(back.quantileSketch).toEqual(sums.quantileSketch);
    expect(back.bootstrap).toEqual(sums.bootstrap);
    expect(evalReport(back)).toEqual(evalReport(sums));
  });

  it('merges with mergeEvalSums after the round trip', () => {
    const a = sumsOf([[[0.1, 0.9], 1, 1]]);
    const b = sumsOf([[[0.6, 0.4], 1, 2]]);
    const whole = sumsOf([
      [[0.1, 0.9], 1, 1],
      [[0.6, 0.4], 1, 2],
    ]);
    const merged = roundTrip(a);
    mergeEvalSums(merged, roundTrip(b));
    expect(evalReport(merged).logLoss).toBeCloseTo(evalReport(whole).logLoss, 15);
  });

  it('refuses a table whose shape is not its settings', () => {
    const sums = sumsOf([[[0.1, 0.9], 1, 1]]);
    const json = JSON.parse(evalStatsJson(sums, evalStatsSettings(sums, undefined, false))) as { settings: { bins: number }; sums: Record<string, unknown> };
    expect(() => parseEvalStats({ ...json, version: 2 }, 'f')).toThrow(/version 2 is not supported/);
    expect(() => parseEvalStats({ ...json, settings: { ...json.settings, bins: 5 } }, 'f')).toThrow(/edges must hold 6 numbers/);
    expect(() => parseEvalStats({ ...json, sums: { ...json.sums, extra: 1 } }, 'f')).toThrow(/sums\.extra is not a key/);
    expect(() => parseEvalStats({ ...json, sums: { ...json.sums, rows: 'many' } }, 'f')).toThrow(/sums\.rows is not a number/);
  });

  it('names the first setting that differs', () => {
    const s = evalStatsSettings(sumsOf([[[0.1, 0.9], 1, 1]]), undefined, false);
    expect(settingsDifference(s, { ...s })).toBeUndefined();
    expect(settingsDifference(s, { ...s, clip: 0.01 })).toBe('clip null vs 0.01');
  });
});
