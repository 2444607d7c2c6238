import { describe, expect, it } from 'vitest';
import type { BarChartSpec } from './barPanelSvg.js';
import { figureSvg } from './figureSvg.js';
import { findAll, parseSvg, type SvgNode } from './parseSvg.js';

const num = (node: SvgNode, key: string) => Number(node.attrs[key]);
const draw = (spec: BarChartSpec, width = 600, height = 160) => parseSvg(figureSvg({ panels: [spec], panelWidth: width, panelHeight: height }));
/** The axis line's x: where 0 is. */
const zeroAt = (doc: SvgNode) => Number(/^M([\d.]+),/.exec(findAll(doc, 'path', { stroke: '#222' })[0].attrs.d)?.[1]);

const stacked: BarChartSpec = {
  kind: 'bars',
  x: { label: 'bits', domain: [0, 2.5] },
  rows: [
    { label: 'H(p,q)', segments: [{ value: 1.75, color: '#1f6f9f', label: 'H(p) 1.750' }, { value: 0.625, color: '#c0392b', label: 'KL 0.625' }], totalTick: true },
    { label: 'H(q,p)', segments: [{ value: 1.75, color: '#d9822b', label: 'H(q) 1.750' }, { value: 0.5, color: '#c0392b', label: 'KL 0.500' }], totalTick: true },
  ],
};

describe('bar panels', () => {
  it('stacks the segments of a row from 0, in proportion to their values', () => {
    const doc = draw(stacked);
    const [hp, kl] = findAll(doc, 'rect').filter((r) => r.attrs.fill === '#1f6f9f' || r.attrs.fill === '#c0392b');
    const zero = zeroAt(doc);
    expect(num(hp, 'x')).toBeCloseTo(zero, 1);
    // 1 px gap after each segment, so neighbours stay apart.
    const unit = (num(hp, 'width') + 1) / 1.75;
    expect(num(kl, 'x')).toBeCloseTo(zero + 1.75 * unit, 1);
    expect(num(kl, 'width') + 1).toBeCloseTo(0.625 * unit, 1);
    // The axis ends at the domain's 2.5: its last tick label.
    expect(findAll(doc, 'text').map((t) => t.text)).toEqual(expect.arrayContaining(['H(p,q)', 'H(q,p)', 'H(p) 1.750', 'KL 0.625', 'bits', '2.5']));
    // A total tick per row, at the end of the stack.
    const ticks = findAll(doc, 'line', { 'stroke-width': '2' });
    expect(ticks).toHaveLength(2);
    expect(num(ticks[0], 'x1')).toBeCloseTo(zero + 2.375 * unit, 0);
  });

  it('draws an infinite segment to the end of the axis, and leaves out labels that do not fit', () => {
    const doc = draw({ ...stacked, rows: [{ label: 'r', segments: [{ value: 0.05, color: '#111111', label: 'too long for it' }, { value: Infinity, color: '#c0392b', label: 'KL ∞' }] }] });
    const [small, infinite] = findAll(doc, 'rect').filter((r) => r.attrs.fill === '#111111' || r.attrs.fill === '#c0392b');
    const zero = zeroAt(doc);
    const unit = (num(small, 'width') + 1) / 0.05;
    expect(num(infinite, 'x') + num(infinite, 'width') + 1).toBeCloseTo(zero + 2.5 * unit, 0);
    const texts = findAll(doc, 'text').map((t) => t.text);
    expect(texts).toContain('KL ∞');
    expect(texts).not.toContain('too long for it');
  });

  it('by default spans 0 to the longest finite stack made round, with labels past the ends', () => {
    const doc = draw({
      kind: 'bars',
      x: { label: 'bits per character' },
      rows: [
        { label: 'text', segments: [{ value: 8, color: '#8d99ae' }], endLabel: '8.00' },
        { label: 'coded', segments: [{ value: 4.34, color: '#2a9d8f' }], endLabel: '4.34' },
        { label: 'none', segments: [{ value: NaN, color: '#000000' }] },
      ],
    });
    const texts = findAll(doc, 'text').map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(['0', '8', '8.00', '4.34', 'none']));
    const bars = findAll(doc, 'rect').filter((r) => r.attrs.fill === '#8d99ae' || r.attrs.fill === '#2a9d8f');
    expect((num(bars[1], 'width') + 1) / (num(bars[0], 'width') + 1)).toBeCloseTo(4.34 / 8, 3);
    expect(findAll(doc, 'rect', { fill: '#000000' })).toEqual([]);
    // Rows run top to bottom in order.
    expect(num(bars[0], 'y')).toBeLessThan(num(bars[1], 'y'));
    const end = findAll(doc, 'text').find((t) => t.text === '8.00');
    expect(num(end as SvgNode, 'x')).toBeGreaterThan(num(bars[0], 'x') + num(bars[0], 'width'));
  });

  it("writes the rows' names over the bars when asked, giving the bars the width", () => {
    const spec: BarChartSpec = { kind: 'bars', x: { label: 'x', domain: [0, 1] }, rows: [{ label: 'a rather long name', segments: [{ value: 1, color: '#123456' }] }] };
    const left = draw(spec, 320);
    const above = draw({ ...spec, rowLabels: 'above' }, 320);
    const width = (doc: SvgNode) => num(findAll(doc, 'rect', { fill: '#123456' })[0], 'width');
    expect(width(above)).toBeGreaterThan(width(left) + 80);
    const name = findAll(above, 'text').find((t) => t.text === 'a rather long name') as SvgNode;
    expect(num(name, 'y')).toBeLessThan(num(findAll(above, 'rect', { fill: '#123456' })[0], 'y'));
  });
});
