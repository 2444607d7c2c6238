import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { figureSvg, lineChartSvg, type LineChartSpec } from './figureSvg.js';

/**
 * Checks that `svg` is well-formed XML of the kind figureSvg writes: balanced tags,
 * quoted attributes, and no raw '<' or '&' in text. linkedom's parser is lenient, so
 * this is checked by hand.
 */
function expectWellFormed(svg: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const m of svg.matchAll(tag)) {
    const text = svg.slice(last, m.index);
    expect(text, `text before ${m[0]}`).not.toMatch(/[<>]|&(?!(amp|lt|gt|quot|#39);)/);
    last = m.index + m[0].length;
    if (m[1] === '/') expect(stack.pop(), `closing ${m[2]}`).toBe(m[2]);
    else if (m[4] !== '/') stack.push(m[2]);
  }
  expect(svg.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
}

function parse(svg: string) {
  return new DOMParser().parseFromString(svg, 'image/svg+xml');
}

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
    expectWellFormed(svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="880"')).toBe(true);
    const doc = parse(svg);
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toContain('Figure "1"');
    expect(texts).toContain('a note');
    expect(texts.filter((t) => t === 'A & B <test>')).toHaveLength(2);
    // Two panels with distinct clip-path ids.
    const clips = [...doc.querySelectorAll('clipPath')].map((c) => c.getAttribute('id'));
    expect(new Set(clips).size).toBe(2);
  });

  it('maps data to the plot area: first and last points at its corners', () => {
    const doc = parse(lineChartSvg({ ...chart, series: [chart.series[0]] }));
    const clip = doc.querySelector('clipPath rect');
    // The clip rectangle is the plot area plus 3 px on each side.
    const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((k) => Number(clip.getAttribute(k))).map((v, i) => (i < 2 ? v + 3 : v - 6));
    const d = doc.querySelector('path[stroke-width="2"]').getAttribute('d') as string;
    const points = [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(points).toHaveLength(5);
    expect(points[0][0]).toBeCloseTo(x, 1);
    expect(points[0][1]).toBeCloseTo(y + h, 1);
    expect(points[4][0]).toBeCloseTo(x + w, 1);
    expect(points[4][1]).toBeCloseTo(y, 1);
  });

  it('breaks a line at points that cannot be drawn and draws a lone point as a dot', () => {
    const doc = parse(lineChartSvg({ ...chart, series: [chart.series[1]] }));
    const d = doc.querySelector('path[stroke="#123456"]').getAttribute('d') as string;
    expect(d.match(/M/g)).toHaveLength(2);
    expect(doc.querySelector('path[stroke="#123456"]').getAttribute('stroke-dasharray')).toBe('4 2');
    const dot = parse(lineChartSvg({ x: { label: 'x' }, y: { label: 'y' }, series: [{ label: 'one', x: [1], y: [2] }] }));
    expect(dot.querySelectorAll('circle')).toHaveLength(1);
    // On a log axis, zero and negative values are gaps too.
    const log = parse(lineChartSvg({ x: { label: 'x' }, y: { label: 'y', scale: 'log' }, series: [{ label: 'l', x: [0, 1, 2, 3, 4], y: [1, 0.1, 0, 0.01, 0.001], color: '#abcdef' }] }));
    expect(log.querySelector('path[stroke="#abcdef"]').getAttribute('d').match(/M/g)).toHaveLength(2);
  });

  it('puts the legend in a corner free of data', () => {
    // A line near the top: the legend must go to the bottom.
    const spec: LineChartSpec = { x: { label: 'x' }, y: { label: 'y', domain: [0, 1] }, series: [{ label: 'top', x: [0, 1, 2, 3, 4, 5, 6, 7, 8], y: [0.93, 0.94, 0.93, 0.92, 0.93, 0.94, 0.9, 0.95, 0.93] }] };
    const doc = parse(lineChartSvg(spec));
    const clip = doc.querySelector('clipPath rect');
    const plotMid = Number(clip.getAttribute('y')) + Number(clip.getAttribute('height')) / 2;
    const legend = doc.querySelector('rect[stroke="#bbb"]');
    expect(Number(legend.getAttribute('y'))).toBeGreaterThan(plotMid);
    expect(parse(lineChartSvg({ ...spec, legend: 'none' })).querySelector('rect[stroke="#bbb"]')).toBeNull();
  });

  it('draws a figure-level legend and reference lines with labels', () => {
    const svg = figureSvg({
      legend: [{ label: 'quadratic', color: '#D55E00' }, { label: 'cross-entropy', color: '#0072B2', dash: '7 4' }],
      panels: [{ ...chart, rules: [{ axis: 'y', value: 2, label: 'target' }, { axis: 'x', value: 1, label: 'start' }] }],
    });
    expectWellFormed(svg);
    const doc = parse(svg);
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['quadratic', 'cross-entropy', 'target', 'start']));
    expect(doc.querySelectorAll('line[stroke-dasharray="3 3"]')).toHaveLength(2);
  });
});
