import { describe, expect, it } from 'vitest';
import { figureSvg } from '../../../src/plot/figureSvg.js';
import { findAll, parseSvg } from '../../../src/plot/parseSvg.js';
import { barsPerCharSpec } from './barsPerChar.js';
import { runningMeanSpec } from './runningMeanChart.js';
import { stackedBarsSpec } from './stackedBars.js';

// The lab's charts are specs drawn by src/plot; these check the specs, and that each draws.

const rows = (klpq: number) => [
  { label: 'H(p,q)', base: 1.75, baseLabel: 'H(p)', extra: klpq, extraLabel: 'KL', color: '#1f6f9f' },
  { label: 'H(q,p)', base: 1.75, baseLabel: 'H(q)', extra: 0.5, extraLabel: 'KL', color: '#d9822b' },
];

describe('stackedBarsSpec', () => {
  it('stacks H(p) and KL with a tick at the total, on an axis rounded up to a half unit', () => {
    const spec = stackedBarsSpec({ rows: rows(0.625), width: 600, minDomain: 2, unitLabel: 'bits', ariaLabel: 'decomposition' });
    const [panel] = spec.panels;
    expect(panel.x.domain).toEqual([0, 2.5]);
    expect(panel.rows[0].segments.map((s) => s.label)).toEqual(['H(p) 1.750', 'KL 0.625']);
    expect(panel.rows.every((r) => r.totalTick)).toBe(true);
    const doc = parseSvg(figureSvg(spec));
    expect(doc.attrs['aria-label']).toBe('decomposition');
    expect(findAll(doc, 'text').map((t) => t.text)).toEqual(expect.arrayContaining(['H(p,q)', 'H(p) 1.750', 'KL 0.625', 'bits']));
  });

  it('keeps the axis at least minDomain long, and makes room for an infinite KL', () => {
    expect(stackedBarsSpec({ rows: rows(0.1), width: 600, minDomain: 4.7, unitLabel: 'bits', ariaLabel: '' }).panels[0].x.domain).toEqual([0, 5]);
    const infinite = stackedBarsSpec({ rows: rows(Infinity), width: 600, minDomain: 2, unitLabel: 'bits', ariaLabel: '' });
    // max(2, 2.25) × 1.25 = 2.8125 → 3.
    expect(infinite.panels[0].x.domain).toEqual([0, 3]);
    expect(infinite.panels[0].rows[0].segments[1]).toMatchObject({ value: Infinity, label: 'KL ∞' });
  });
});

describe('barsPerCharSpec', () => {
  const options = (width: number) => ({
    width,
    xLabel: 'bits per character',
    ariaLabel: 'sizes',
    rows: [
      { label: 'text', value: 8, color: '#8d99ae' },
      { label: 'gzip', value: 9.5, color: '#6c757d' },
      { label: 'missing', value: NaN, color: '#000000' },
    ],
  });

  it('reaches at least 8 bits, labels each finite bar with its value, and names rows over the bars on a phone', () => {
    const wide = barsPerCharSpec(options(800)).panels[0];
    expect(wide.x.domain).toEqual([0, 9.5]);
    expect(wide.rowLabels).toBe('left');
    expect(wide.rows.map((r) => r.endLabel)).toEqual(['8.00', '9.50', undefined]);
    expect(barsPerCharSpec(options(375)).panels[0].rowLabels).toBe('above');
    expect(findAll(parseSvg(figureSvg(barsPerCharSpec(options(375)))), 'text').map((t) => t.text)).toContain('9.50');
  });
});

describe('runningMeanSpec', () => {
  const refs = [
    { value: 1.75, color: '#1f6f9f' },
    { value: 2.375, color: '#c0392b', dash: '6,3' },
    { value: Infinity, color: '#5b6575', dash: '2,3' },
  ];

  it('draws the means over rounds 1..n with a dot at the last, and the finite references', () => {
    const spec = runningMeanSpec({ means: [3, 2, 2.333], references: refs, width: 500, xLabel: 'rounds', yLabel: 'questions', ariaLabel: 'mean' });
    const [panel] = spec.panels;
    expect(panel.x.domain).toEqual([1, 10]);
    expect(panel.y.domain?.[1]).toBeCloseTo(3 * 1.12, 12);
    expect(Array.from(panel.series[0].x)).toEqual([1, 2, 3]);
    expect([Array.from(panel.series[1].x), Array.from(panel.series[1].y)]).toEqual([[3], [2.333]]);
    expect(panel.rules?.map((r) => [r.value, r.color, r.dash])).toEqual([
      [1.75, '#1f6f9f', ''],
      [2.375, '#c0392b', '6,3'],
    ]);
    const doc = parseSvg(figureSvg(spec));
    expect(findAll(doc, 'circle')).toHaveLength(1);
    expect(findAll(doc, 'line', { stroke: '#c0392b' })).toHaveLength(1);
  });

  it('has axes before the first round', () => {
    const [panel] = runningMeanSpec({ means: [], references: refs, width: 300, xLabel: 'r', yLabel: 'q', ariaLabel: '' }).panels;
    expect(panel.series).toHaveLength(1);
    expect(panel.y.domain?.[1]).toBeCloseTo(2.375 * 1.12, 12);
    expect(findAll(parseSvg(figureSvg({ panels: [panel] })), 'circle')).toHaveLength(0);
  });
});
