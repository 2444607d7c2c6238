import { describe, expect, it } from 'vitest';
import { figureSvg } from '../../../src/plot/figureSvg.js';
import { temperatureCurveFigure, type FittedCurve } from './temperatureCurveFigure.js';

const texts = { title: 'Log-loss', x: 'T', y: 'log-loss (nats)', series: 'curve', best: 'T* = 2' };
const curve: FittedCurve = { temperatures: Float64Array.of(0.1, 1, 2, 10), logLoss: Float64Array.of(9, 0.8, 0.6, 1.05), best: 2 };

describe('temperatureCurveFigure', () => {
  it('draws the curve on a log axis with the slider’s point and T* marked', () => {
    const spec = temperatureCurveFigure(curve, 1, 0.8, texts);
    const panel = spec.panels[0];
    expect(panel.x.scale).toBe('log');
    expect(panel.x.domain).toEqual([0.1, 10]);
    expect(panel.series[0].y).toBe(curve.logLoss);
    expect(panel.rules).toEqual([
      expect.objectContaining({ axis: 'x', value: 1 }),
      expect.objectContaining({ axis: 'y', value: 0.8 }),
      expect.objectContaining({ axis: 'x', value: 2, label: 'T* = 2' }),
    ]);
    expect(figureSvg(spec)).toContain('T* = 2');
  });

  it('keeps the valley in view: the y axis ends at twice the larger of the log-loss at T = 1 and at the largest T', () => {
    expect(temperatureCurveFigure(curve, 1, 0.8, texts).panels[0].y.domain).toEqual([0, 2.1]);
  });

  it('leaves out the marker of a T* of 0 or Infinity, which no log axis holds', () => {
    for (const best of [0, Infinity]) {
      const rules = temperatureCurveFigure({ ...curve, best }, 1, 0.8, texts).panels[0].rules ?? [];
      expect(rules.map((r) => r.axis)).toEqual(['x', 'y']);
    }
  });
});
