import { describe, expect, it } from 'vitest';
import { figureSvg, lineChartSvg, PALETTE, type LineChartSpec } from './figureSvg.js';

const PALETTE_FIRST = PALETTE[0];
import { findAll, parseSvg, type SvgNode } from './parseSvg.js';

/** The first element with this name and attributes; fails the test if there is none. */
function first(root: SvgNode, name: string, attrs: Record<string, string> = {}): SvgNode {
  const [node] = findAll(root, name, attrs);
  expect(node, `<${name}> ${JSON.stringify(attrs)}`).toBeDefined();
  return node;
}

const num = (node: SvgNode, key: string) => Number(node.attrs[key]);

const chart: LineChartSpec = {
  title: 'A & B <test>',
  x: { label: 'epoch' },
  y: { label: 'cost C (nats)' },
  series: [
    { label: 'rising', x: [0, 1, 2, 3, 4], y: [0, 1, 2, 3, 4] },
    { label: 'gap', x: [0, 1, 2, 3, 4], y: [1, 1, NaN, 1, 1], color: '#123456', dash: '4 2' },
  ],
};

describe('figureSvg', () => {
  it('writes a standalone, well-formed SVG document with escaped text', () => {
    const svg = figureSvg({ title: 'Figure "1"', notes: ['a note'], panels: [chart, chart] });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="880"')).toBe(true);
    const doc = parseSvg(svg);
    expect(doc.attrs.role).toBeUndefined();
    const texts = findAll(doc, 'text').map((t) => t.text);
    expect(texts).toContain('Figure "1"');
    expect(texts).toContain('a note');
    expect(texts.filter((t) => t === 'A & B <test>')).toHaveLength(2);
    // Two panels with distinct clip-path ids.
    const clips = findAll(doc, 'clipPath').map((c) => c.attrs.id);
    expect(new Set(clips).size).toBe(2);
    // Raw markup characters in a label would break the document: parseSvg checks for them.
    expect(() => parseSvg(svg.replace('A &amp; B', 'A & B'))).toThrow(/raw markup/);
  });

  it('names the figure for screen readers when asked to', () => {
    const doc = parseSvg(figureSvg({ ariaLabel: 'H(p) < H(p,q) & more', panels: [chart] }));
    expect(doc.attrs).toMatchObject({ role: 'img', 'aria-label': 'H(p) < H(p,q) & more' });
  });

  it('maps data to the plot area: first and last points at its corners', () => {
    const doc = parseSvg(lineChartSvg({ ...chart, series: [chart.series[0]] }));
    const clip = first(first(doc, 'clipPath'), 'rect');
    // The clip rectangle is the plot area plus 3 px on each side.
    const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((k) => num(clip, k)).map((v, i) => (i < 2 ? v + 3 : v - 6));
    const d = first(doc, 'path', { 'stroke-width': '2' }).attrs.d;
    const points = [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(points).toHaveLength(5);
    expect(points[0][0]).toBeCloseTo(x, 1);
    expect(points[0][1]).toBeCloseTo(y + h, 1);
    expect(points[4][0]).toBeCloseTo(x + w, 1);
    expect(points[4][1]).toBeCloseTo(y, 1);
  });

  it('breaks a line at points that cannot be drawn and draws a lone point as a dot', () => {
    const doc = parseSvg(lineChartSvg({ ...chart, series: [chart.series[1]] }));
    const line = first(doc, 'path', { stroke: '#123456' });
    expect(line.attrs.d.match(/M/g)).toHaveLength(2);
    expect(line.attrs['stroke-dasharray']).toBe('4 2');
    const dot = parseSvg(lineChartSvg({ x: { label: 'x' }, y: { label: 'y' }, series: [{ label: 'one', x: [1], y: [2] }] }));
    expect(findAll(dot, 'circle')).toHaveLength(1);
    // On a log axis, zero and negative values are gaps too.
    const log = parseSvg(lineChartSvg({ x: { label: 'x' }, y: { label: 'y', scale: 'log' }, series: [{ label: 'l', x: [0, 1, 2, 3, 4], y: [1, 0.1, 0, 0.01, 0.001], color: '#abcdef' }] }));
    expect(first(log, 'path', { stroke: '#abcdef' }).attrs.d.match(/M/g)).toHaveLength(2);
  });

  it('puts the legend in a corner free of data', () => {
    // A line near the top: the legend must go to the bottom.
    const spec: LineChartSpec = { x: { label: 'x' }, y: { label: 'y', domain: [0, 1] }, series: [{ label: 'top', x: [0, 1, 2, 3, 4, 5, 6, 7, 8], y: [0.93, 0.94, 0.93, 0.92, 0.93, 0.94, 0.9, 0.95, 0.93] }] };
    const doc = parseSvg(lineChartSvg(spec));
    const clip = first(first(doc, 'clipPath'), 'rect');
    const plotMid = num(clip, 'y') + num(clip, 'height') / 2;
    expect(num(first(doc, 'rect', { stroke: '#bbb' }), 'y')).toBeGreaterThan(plotMid);
    expect(findAll(parseSvg(lineChartSvg({ ...spec, legend: 'none' })), 'rect', { stroke: '#bbb' })).toEqual([]);
  });

  it('draws a figure-level legend and reference lines with labels', () => {
    const svg = figureSvg({
      legend: [{ label: 'quadratic', color: '#D55E00' }, { label: 'cross-entropy', color: '#0072B2', dash: '7 4' }],
      panels: [{ ...chart, rules: [{ axis: 'y', value: 2, label: 'target' }, { axis: 'x', value: 1, label: 'start' }] }],
    });
    const doc = parseSvg(svg);
    const texts = findAll(doc, 'text').map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(['quadratic', 'cross-entropy', 'target', 'start']));
    expect(findAll(doc, 'line', { 'stroke-dasharray': '3 3' })).toHaveLength(2);
  });

  it('styles a reference line as asked, at its value', () => {
    const spec: LineChartSpec = {
      x: { label: 'round' },
      y: { label: 'questions', domain: [0, 4] },
      series: [{ label: 'mean', x: [1, 2], y: [3, 2] }],
      rules: [{ axis: 'y', value: 1, color: '#c0392b', dash: '6 3', width: 2 }, { axis: 'y', value: 3, color: '#1f6f9f', dash: '' }],
    };
    const doc = parseSvg(lineChartSvg(spec));
    const clip = first(first(doc, 'clipPath'), 'rect');
    const [top, height] = [num(clip, 'y') + 3, num(clip, 'height') - 6];
    const red = first(doc, 'line', { stroke: '#c0392b' });
    expect(red.attrs).toMatchObject({ 'stroke-width': '2', 'stroke-dasharray': '6 3' });
    // y = 1 on [0, 4] lies a quarter of the way up from the bottom.
    expect(num(red, 'y1')).toBeCloseTo(top + height * 0.75, 1);
    expect(first(doc, 'line', { stroke: '#1f6f9f' }).attrs['stroke-dasharray']).toBeUndefined();
  });

  it('fills a band between its lower and upper lines, broken where a point cannot be drawn, and lists it in the legend', () => {
    const spec: LineChartSpec = {
      x: { label: 'x', domain: [0, 4] },
      y: { label: 'y', domain: [0, 4] },
      series: [{ label: 'middle', x: [0, 1, 2, 3, 4], y: [1, 2, 2, 2, 3] }],
      bands: [{ label: 'band', x: [0, 1, 2, 3, 4], lower: [0.5, 1.5, NaN, 1.5, 2.5], upper: [1.5, 2.5, 2.5, 2.5, 3.5], color: '#56B4E9', opacity: 0.35 }],
      legend: 'top-left',
    };
    const doc = parseSvg(figureSvg({ panels: [spec] }));
    const band = first(doc, 'path', { fill: '#56B4E9' });
    expect(band.attrs['fill-opacity']).toBe('0.35');
    // Two runs of two points each: two closed shapes, each up one edge and back along the other.
    const runs = band.attrs.d.split('Z').filter((r) => r !== '');
    expect(runs).toHaveLength(2);
    for (const run of runs) expect(run.match(/[ML]/g)).toHaveLength(4);
    // Drawn under the series: the band's path comes before the line's.
    const paths = findAll(doc, 'path');
    expect(paths.indexOf(band)).toBeLessThan(paths.findIndex((p) => p.attrs.stroke === PALETTE_FIRST));
    expect(findAll(doc, 'text').map((t) => t.text)).toContain('band');
    first(doc, 'rect', { fill: '#56B4E9' });
  });
});
