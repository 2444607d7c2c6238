import { describe, expect, it } from 'vitest';
import { figureSvg } from '../plot/figureSvg.js';
import { svgTexts } from '../plot/parseSvg.js';
import { COST_STYLES } from './costStyles.js';
import { neuronFigureData, neuronPresetFigure } from './neuronFigure.js';
import { neuronFigureSpec } from './neuronFigureSpec.js';

describe('neuronFigureSpec of long runs', () => {
  it('draws 200 000 epochs per run as a figure of modest size (and does not overflow the stack)', () => {
    const settings = (['quadratic', 'cross-entropy'] as const).map((cost) => ({ cost, w: 2, b: 2, eta: 0.15, epochs: 200_000, x: 1, y: 0 }));
    const data = neuronFigureData('long', settings);
    const spec = neuronFigureSpec(data);
    for (const panel of spec.panels.slice(0, 3)) for (const s of panel.series) expect(s.x.length).toBeLessThanOrEqual(4000);
    // The end of the run is kept exactly.
    const { x, y } = spec.panels[0].series[0];
    expect(x[x.length - 1]).toBe(200_000);
    expect(y[y.length - 1]).toBe(data.runs[0].trace[200_000].cost);
    expect(figureSvg(spec).length).toBeLessThan(1_000_000);
  });
});

describe('neuronFigureSpec', () => {
  const data = neuronPresetFigure('seed');
  const spec = neuronFigureSpec(data);

  it('has the four shared panels and one cost panel per run', () => {
    expect(spec.panels.map((p) => p.title)).toEqual([
      'Cost vs epoch (shared axes)',
      'Output a vs epoch',
      'Gradient |∂C/∂z| vs epoch (log scale)',
      'σ′(z) and δ = ∂C/∂z vs z (target y = 0)',
      'Cost: quadratic, η = 0.15, from (0.6, 0.9)',
      'Cost: cross-entropy, η = 0.15, from (0.6, 0.9)',
      'Cost: quadratic, η = 0.15, from (2, 2)',
      'Cost: cross-entropy, η = 0.15, from (2, 2)',
    ]);
    expect(spec.panels[2].y.scale).toBe('log');
  });

  it('draws the traces themselves, coloured by cost and dashed by start', () => {
    const [cost, output, gradient] = spec.panels;
    data.runs.forEach((run, i) => {
      expect(Array.from(cost.series[i].y)).toEqual(run.trace.map((r) => r.cost));
      expect(Array.from(output.series[i].y)).toEqual(run.trace.map((r) => r.a));
      expect(Array.from(gradient.series[i].y)).toEqual(run.trace.map((r) => Math.abs(r.dCdz)));
      expect(cost.series[i].color).toBe(COST_STYLES[run.cost].color);
      expect(cost.series[i].dash).toBe(run.w0 === 2 ? '7 4' : '');
    });
    expect(spec.legend?.map((e) => e.label)).toEqual([
      'quadratic, from (0.6, 0.9)',
      'cross-entropy, from (0.6, 0.9)',
      'quadratic, from (2, 2)',
      'cross-entropy, from (2, 2)',
    ]);
    // The δ panel marks both starting z = w₀ + b₀.
    expect(spec.panels[3].rules?.map((r) => r.value)).toEqual([1.5, 4]);
  });

  it('names η in the labels when the runs differ in it, and carries the note', () => {
    const nielsen = neuronFigureSpec(neuronPresetFigure('nielsen'));
    expect(nielsen.legend?.[1].label).toBe('cross-entropy, η = 0.005, from (0.6, 0.9)');
    expect(nielsen.notes?.[1]).toMatch(/^Not like with like/);
  });

  it('renders one run without a start to tell apart', () => {
    const one = neuronFigureData('One run', [{ cost: 'quadratic', w: 0.6, b: 0.9, eta: 0.15, epochs: 10, x: 1, y: 0 }]);
    const texts = svgTexts(figureSvg(neuronFigureSpec(one)));
    expect(texts).toContain('One run');
    expect(texts).toContain('quadratic');
    // The note wraps over lines of text.
    expect(texts.join(' ')).toContain('η = 0.15, start (w₀, b₀) = (0.6, 0.9), 10 epochs.');
  });
});
