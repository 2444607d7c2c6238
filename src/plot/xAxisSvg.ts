import type { Scale } from './scale.js';
import { escapeXml, GRID, INK, px } from './svgText.js';

/**
 * A horizontal value axis under a plot area: vertical grid lines, tick marks and labels
 * at the scale's ticks, and the axis title centred below them.
 */
export function xAxisSvg(x: Scale, label: string, plotTop: number, plotBottom: number): string[] {
  const out: string[] = [];
  for (const t of x.ticks) {
    const p = px(x.map(t));
    out.push(`<line x1="${p}" x2="${p}" y1="${px(plotTop)}" y2="${px(plotBottom)}" stroke="${GRID}"/>`);
    out.push(`<line x1="${p}" x2="${p}" y1="${px(plotBottom)}" y2="${px(plotBottom + 5)}" stroke="${INK}"/>`);
    out.push(`<text x="${p}" y="${px(plotBottom + 18)}" font-size="11" text-anchor="middle">${escapeXml(x.format(t))}</text>`);
  }
  const [left, right] = [x.map(x.domain[0]), x.map(x.domain[1])];
  out.push(`<text x="${px((left + right) / 2)}" y="${px(plotBottom + 38)}" font-size="12.5" text-anchor="middle">${escapeXml(label)}</text>`);
  return out;
}
