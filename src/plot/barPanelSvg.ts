import type { AxisSpec } from './AxisSpec.js';
import { makeScale } from './scale.js';
import { escapeXml, INK, px, textWidth } from './svgText.js';
import { xAxisSvg } from './xAxisSvg.js';

/** One piece of a bar. Segments of a row are stacked from 0 in order. */
export interface BarSegment {
  /** Length on the value axis; +Infinity runs to the end of the axis, NaN is not drawn. */
  value: number;
  color: string;
  /** Text drawn inside the segment when it fits, white on the colour. */
  label?: string;
}

/** One row of a bar chart: its name and its stacked segments (one segment for a plain bar). */
export interface BarRow {
  label: string;
  segments: readonly BarSegment[];
  /** Text just past the end of the bar, such as its value. */
  endLabel?: string;
  /** A dark tick at the end of the stack, marking the total. */
  totalTick?: boolean;
}

/** Horizontal bars, one row each, along a linear value axis that starts at 0. */
export interface BarChartSpec {
  kind: 'bars';
  title?: string;
  /** The value axis (linear). By default [0, the longest finite stack] made round. */
  x: AxisSpec;
  rows: readonly BarRow[];
  /**
   * 'left' (default) names the rows in a margin left of the axis; 'above' writes each
   * name small over its bar, which leaves the whole width to the bars on a narrow screen.
   */
  rowLabels?: 'left' | 'above';
}

const LABEL_SIZE = 11;
const INSIDE_SIZE = 11;

/**
 * One bar panel at (x0, y0) of a figure: rows evenly spaced top to bottom, the value axis
 * with its grid under them. A stack that reaches +Infinity is drawn to the axis end, so
 * the caller should name the infinity in a label.
 */
export function renderBarPanel(spec: BarChartSpec, x0: number, y0: number, width: number, height: number): string {
  const above = spec.rowLabels === 'above';
  const titleHeight = spec.title ? 26 : 8;
  const plotTop = y0 + titleHeight;
  const plotBottom = y0 + height - 46;
  const labelWidth = above ? 0 : Math.max(0, ...spec.rows.map((r) => textWidth(r.label, LABEL_SIZE))) + 14;
  const endWidth = Math.max(0, ...spec.rows.map((r) => (r.endLabel ? textWidth(r.endLabel, LABEL_SIZE) + 6 : 0)));
  const plotLeft = x0 + 8 + labelWidth;
  const plotRight = x0 + width - Math.max(14, endWidth + 8);
  let longest = 0;
  for (const row of spec.rows) {
    let end = 0;
    for (const s of row.segments) if (Number.isFinite(s.value)) end += s.value;
    longest = Math.max(longest, end);
  }
  const x = makeScale('linear', [0, longest], [plotLeft, plotRight], spec.x.domain);
  const [, top] = x.domain;
  const clampToAxis = (v: number) => Math.min(top, v);

  const out: string[] = ['<g>'];
  if (spec.title) out.push(`<text x="${px(x0 + 14)}" y="${px(y0 + 20)}" font-size="13.5" font-weight="bold">${escapeXml(spec.title)}</text>`);
  out.push(...xAxisSvg(x, spec.x.label, plotTop, plotBottom));
  // Each row gets an equal band; the bar fills part of it, and in 'above' mode its name
  // takes the top of the band.
  const band = (plotBottom - plotTop) / Math.max(1, spec.rows.length);
  const barHeight = Math.min(28, band * (above ? 0.45 : 0.7));
  spec.rows.forEach((row, i) => {
    const barTop = above ? plotTop + band * i + band - barHeight - band * 0.12 : plotTop + band * i + (band - barHeight) / 2;
    const middle = barTop + barHeight / 2;
    if (above) out.push(`<text x="${px(plotLeft + 4)}" y="${px(barTop - 4)}" font-size="10" fill="#5b6575">${escapeXml(row.label)}</text>`);
    else out.push(`<text x="${px(plotLeft - 8)}" y="${px(middle)}" dy="0.35em" font-size="${LABEL_SIZE}" text-anchor="end">${escapeXml(row.label)}</text>`);
    let start = 0;
    for (const s of row.segments) {
      if (Number.isNaN(s.value)) continue;
      const end = clampToAxis(start + Math.max(0, s.value));
      const [a, b] = [x.map(start), x.map(end)];
      out.push(`<rect x="${px(a)}" y="${px(barTop)}" width="${px(Math.max(0, b - a - 1))}" height="${px(barHeight)}" fill="${s.color}"/>`);
      if (s.label && textWidth(s.label, INSIDE_SIZE) + 10 < b - a) {
        out.push(`<text x="${px((a + b) / 2)}" y="${px(middle)}" dy="0.35em" font-size="${INSIDE_SIZE}" font-weight="bold" fill="white" text-anchor="middle">${escapeXml(s.label)}</text>`);
      }
      start = end;
    }
    const endX = x.map(start);
    if (row.totalTick) out.push(`<line x1="${px(endX)}" x2="${px(endX)}" y1="${px(barTop - 2)}" y2="${px(barTop + barHeight + 2)}" stroke="${INK}" stroke-width="2"/>`);
    if (row.endLabel) out.push(`<text x="${px(endX + 5)}" y="${px(middle)}" dy="0.35em" font-size="${LABEL_SIZE}">${escapeXml(row.endLabel)}</text>`);
  });
  out.push(`<path d="M${px(plotLeft)},${px(plotTop)}V${px(plotBottom)}" fill="none" stroke="${INK}"/>`);
  out.push('</g>');
  return out.join('\n');
}
