import { describe, expect, it } from 'vitest';
import { figureSvg } from './figureSvg.js';
import { rampColor, type HeatmapSpec } from './heatmapPanelSvg.js';
import { findAll, parseSvg, svgTexts } from './parseSvg.js';

const spec = (over: Partial<HeatmapSpec> = {}): HeatmapSpec => ({
  kind: 'heatmap',
  title: 'C(w, b)',
  x: { label: 'w' },
  y: { label: 'b' },
  columns: [0, 1, 2],
  rows: [10, 20],
  values: [1, 2, 3, 4, 5, 6],
  valueLabel: 'C (nats)',
  ...over,
});

/** The cell rects: those inside the crisp-edged group. */
function cells(svg: string) {
  const doc = parseSvg(svg);
  const group = findAll(doc, 'g', { 'shape-rendering': 'crispEdges' })[0];
  return findAll(group, 'rect');
}

describe('heatmap panels', () => {
  it('draws one cell per value, the smallest in the ramp’s first colour and the largest in its last', () => {
    const c = cells(figureSvg({ panels: [spec()] }));
    expect(c).toHaveLength(6);
    expect(c[0].attrs.fill).toBe(rampColor(0));
    expect(c[5].attrs.fill).toBe(rampColor(1));
    expect(c[2].attrs.fill).toBe(rampColor(2 / 5));
    // Row 0 (b = 10) is below row 1 (b = 20): y grows upwards; column 0 is left of column 1.
    expect(Number(c[0].attrs.y)).toBeGreaterThan(Number(c[3].attrs.y));
    expect(Number(c[0].attrs.x)).toBeLessThan(Number(c[1].attrs.x));
    // Cells tile the plot: each spans its centre ± half the spacing, so 3 columns are 3 equal widths.
    const widths = c.slice(0, 3).map((r) => Number(r.attrs.width));
    expect(Math.max(...widths) - Math.min(...widths)).toBeLessThan(0.02);
  });

  it('colours by log10 on request and leaves NaN and (on a log scale) non-positive cells blank', () => {
    const c = cells(figureSvg({ panels: [spec({ values: [1, 10, 100, Number.NaN, 0, 1000], colorScale: 'log' })] }));
    expect(c.map((r) => r.attrs.fill)).toEqual([rampColor(0), rampColor(1 / 3), rampColor(2 / 3), rampColor(1)]);
    expect(svgTexts(figureSvg({ panels: [spec({ values: [1, 10, 100, Number.NaN, 0, 1000], colorScale: 'log' })] }))).toEqual(
      expect.arrayContaining(['1', '1000', 'C (nats)', 'w', 'b', 'C(w, b)']),
    );
  });

  it('draws paths over the cells, with a dot at the start, escaping labels', () => {
    const svg = figureSvg({ panels: [spec({ paths: [{ label: 'a<b', x: [0, 1, 2], y: [10, 15, 20], color: '#D55E00', dash: '4 2' }] })] });
    const doc = parseSvg(svg);
    const lines = findAll(doc, 'polyline', { stroke: '#D55E00' });
    expect(lines).toHaveLength(1);
    expect(lines[0].attrs['stroke-dasharray']).toBe('4 2');
    expect(lines[0].attrs.points.split(' ')).toHaveLength(3);
    expect(findAll(doc, 'circle', { fill: '#D55E00' })).toHaveLength(1);
    expect(svg).toContain('<title>a&lt;b</title>');
  });

  it('has a defined picture for degenerate input: constant values, one cell', () => {
    const flat = cells(figureSvg({ panels: [spec({ values: [2, 2, 2, 2, 2, 2] })] }));
    expect(new Set(flat.map((r) => r.attrs.fill))).toEqual(new Set([rampColor(0)]));
    const one = cells(figureSvg({ panels: [spec({ columns: [5], rows: [5], values: [1] })] }));
    expect(one).toHaveLength(1);
    expect(Number(one[0].attrs.width)).toBeGreaterThan(10);
  });

  it('interpolates the ramp between its stops and clamps outside [0, 1]', () => {
    expect(rampColor(0)).toBe('#440154');
    expect(rampColor(1)).toBe('#fde725');
    expect(rampColor(-3)).toBe('#440154');
    expect(rampColor(7)).toBe('#fde725');
    // Half-way between the first two stops, #440154 and #482878: (0x46, 20.5 → 0x15, 0x66).
    expect(rampColor(1 / 18)).toBe('#461566');
  });
});
