import { renderBarPanel, type BarChartSpec } from './barPanelSvg.js';
import { renderHeatmapPanel, type HeatmapSpec } from './heatmapPanelSvg.js';
import { makeScale, type Scale, type ScaleType } from './scale.js';
import { escapeXml, FONT, GRID, INK, px, textWidth, wrapText } from './svgText.js';
import { xAxisSvg } from './xAxisSvg.js';
import type { AxisSpec } from './AxisSpec.js';

export type { AxisSpec };

/** One line of a chart. Points whose x or y cannot be drawn (NaN, ±Infinity, ≤ 0 on a log axis) break the line. */
export interface LineSeries {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** CSS colour; by default the next colour of the palette. */
  color?: string;
  /** SVG stroke-dasharray, such as '6 3'. */
  dash?: string;
}

/**
 * A filled band between two lines over the same x, such as a confidence band; drawn under
 * the series. A point where x, lower or upper cannot be drawn breaks the band.
 */
export interface BandSeries {
  label: string;
  x: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
  color: string;
  /** Fill opacity, 0.25 by default. */
  opacity?: number;
}

/** A vertical (axis 'x') or horizontal (axis 'y') reference line with an optional label. */
export interface ReferenceLine {
  axis: 'x' | 'y';
  value: number;
  label?: string;
  /** By default a thin grey dotted line ('#888', '3 3', 1 px). */
  color?: string;
  /** SVG stroke-dasharray; '' for a solid line. */
  dash?: string;
  width?: number;
}

/** A legend line: the swatch of a series and its label. */
export interface LegendEntry {
  label: string;
  color: string;
  dash?: string;
}

export type LegendPlacement = 'auto' | 'none' | 'top-right' | 'top-left' | 'bottom-right' | 'bottom-left';

/** One panel: a line chart with its axes, title and legend. */
export interface LineChartSpec {
  kind?: 'line';
  title?: string;
  x: AxisSpec;
  y: AxisSpec;
  series: readonly LineSeries[];
  /** Filled bands under the series, listed in the legend after them. */
  bands?: readonly BandSeries[];
  rules?: readonly ReferenceLine[];
  /** 'auto' (default) puts the legend in the corner that hides the fewest data points. */
  legend?: LegendPlacement;
}

/** A figure: a title, notes under it, and panels on a grid (of one kind, or mixed by default). */
export interface FigureSpec<Panel extends PanelSpec = PanelSpec> {
  title?: string;
  /** Paragraphs under the title (wrapped to the figure's width). */
  notes?: readonly string[];
  /** A legend shared by the panels, drawn under the notes as a grid of entries. */
  legend?: readonly LegendEntry[];
  panels: readonly Panel[];
  /** Panels per row (default 2, or 1 for a single panel). */
  columns?: number;
  panelWidth?: number;
  panelHeight?: number;
  /** Prefix of the SVG ids (clip paths), so several figures can share one HTML page. */
  idPrefix?: string;
  /** What the figure shows, for screen readers: the SVG gets role="img" and this aria-label. */
  ariaLabel?: string;
}

/** A panel of a figure: a line chart (the default kind), horizontal bars or a heatmap. */
export type PanelSpec = LineChartSpec | BarChartSpec | HeatmapSpec;

/** Okabe & Ito's colour-blind-safe palette (Color Universal Design, 2008). */
export const PALETTE: readonly string[] = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];


/**
 * A standalone SVG document (with its XML namespace and a white background) drawing
 * the figure: title, wrapped notes, then the panels row by row. Pure: a string out,
 * no DOM, the same in Node and the browser.
 *
 * @example
 * figureSvg({
 *   title: 'Two lines',
 *   panels: [{ x: { label: 'epoch' }, y: { label: 'cost (nats)' },
 *              series: [{ label: 'quadratic', x: [0, 1, 2], y: [0.5, 0.4, 0.2] }] }],
 * }); // '<svg xmlns="http://www.w3.org/2000/svg" …</svg>'
 */
export function figureSvg(spec: FigureSpec): string {
  const columns = Math.max(1, Math.min(spec.columns ?? (spec.panels.length === 1 ? 1 : 2), Math.max(1, spec.panels.length)));
  const panelWidth = spec.panelWidth ?? 440;
  const panelHeight = spec.panelHeight ?? 300;
  const width = columns * panelWidth;
  const header: string[] = [];
  let top = 8;
  if (spec.title) {
    for (const line of wrapText(spec.title, width - 32, 16)) {
      top += 22;
      header.push(`<text x="16" y="${top}" font-size="16" font-weight="bold">${escapeXml(line)}</text>`);
    }
  }
  for (const note of spec.notes ?? []) {
    top += 4;
    for (const line of wrapText(note, width - 32, 12.5)) {
      top += 17;
      header.push(`<text x="16" y="${top}" font-size="12.5" fill="#444">${escapeXml(line)}</text>`);
    }
  }
  if (spec.legend && spec.legend.length > 0) {
    top += 10;
    const { svg, height } = legendRows(spec.legend, 16, top, width - 32);
    header.push(svg);
    top += height;
  }
  // A figure of panels alone (as the lab draws them) starts with the first panel.
  top = header.length === 0 ? 0 : top + 8;
  const rows = Math.ceil(spec.panels.length / columns);
  const height = top + rows * panelHeight;
  const prefix = spec.idPrefix ?? 'xent';
  const panels = spec.panels.map((panel, i) => {
    const [x0, y0] = [(i % columns) * panelWidth, top + Math.floor(i / columns) * panelHeight];
    if (panel.kind === 'bars') return renderBarPanel(panel, x0, y0, panelWidth, panelHeight);
    if (panel.kind === 'heatmap') return renderHeatmapPanel(panel, x0, y0, panelWidth, panelHeight, `${prefix}-clip-${i}`);
    return renderLinePanel(panel, x0, y0, panelWidth, panelHeight, `${prefix}-clip-${i}`);
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${px(height)}" viewBox="0 0 ${width} ${px(height)}" font-family="${FONT}" fill="${INK}"` +
      (spec.ariaLabel === undefined ? '>' : ` role="img" aria-label="${escapeXml(spec.ariaLabel)}">`),
    `<rect width="100%" height="100%" fill="white"/>`,
    ...header,
    ...panels,
    '</svg>',
    '',
  ].join('\n');
}

/**
 * A single chart as a standalone SVG: `figureSvg` with one panel whose title becomes
 * the figure's title.
 *
 * @example
 * lineChartSvg({ title: 'σ′(z)', x: { label: 'z' }, y: { label: "σ′(z)" },
 *                series: [{ label: "σ′", x: [-1, 0, 1], y: [0.197, 0.25, 0.197] }] });
 */
export function lineChartSvg(spec: LineChartSpec & { width?: number; height?: number; notes?: readonly string[] }): string {
  const { title, width, height, notes, ...panel } = spec;
  return figureSvg({ title, notes, panels: [panel], columns: 1, panelWidth: width, panelHeight: height });
}

interface Resolved {
  series: (LineSeries & { color: string })[];
  bands: readonly BandSeries[];
  x: Scale;
  y: Scale;
}

function renderLinePanel(spec: LineChartSpec, x0: number, y0: number, width: number, height: number, clipId: string): string {
  const series = spec.series.map((s, i) => ({ ...s, color: s.color ?? PALETTE[i % PALETTE.length] }));
  const titleHeight = spec.title ? 26 : 8;
  const plotTop = y0 + titleHeight + 6;
  const plotBottom = y0 + height - 46;
  // The y tick labels decide the left margin, so the y scale is built first with the
  // vertical range alone.
  const bands = spec.bands ?? [];
  // A band's edges count as lines for the axes' extent.
  const extentSeries = [...series, ...bands.flatMap((b) => [{ label: b.label, x: b.x, y: b.lower }, { label: b.label, x: b.x, y: b.upper }])];
  const y = makeScale(spec.y.scale ?? 'linear', extent(extentSeries, 'y', spec.y.scale, spec.rules), [plotBottom, plotTop], spec.y.domain);
  const tickLabelWidth = Math.max(0, ...y.ticks.map((t) => textWidth(y.format(t), 11)));
  const plotLeft = x0 + 24 + tickLabelWidth + 10;
  const plotRight = x0 + width - 18;
  const x = makeScale(spec.x.scale ?? 'linear', extent(extentSeries, 'x', spec.x.scale, spec.rules), [plotLeft, plotRight], spec.x.domain);
  const r: Resolved = { series, bands, x, y };
  const out: string[] = ['<g>'];
  if (spec.title) out.push(`<text x="${px(x0 + 14)}" y="${px(y0 + 20)}" font-size="13.5" font-weight="bold">${escapeXml(spec.title)}</text>`);
  out.push(
    // The clip leaves 3 px around the plot area, so lines and dots on its edge show whole.
    `<clipPath id="${clipId}"><rect x="${px(plotLeft - 3)}" y="${px(plotTop - 3)}" width="${px(plotRight - plotLeft + 6)}" height="${px(plotBottom - plotTop + 6)}"/></clipPath>`,
  );
  // Grid and ticks.
  out.push(...xAxisSvg(x, spec.x.label, plotTop, plotBottom));
  for (const t of y.ticks) {
    const p = px(y.map(t));
    out.push(`<line x1="${px(plotLeft)}" x2="${px(plotRight)}" y1="${p}" y2="${p}" stroke="${GRID}"/>`);
    out.push(`<line x1="${px(plotLeft - 5)}" x2="${px(plotLeft)}" y1="${p}" y2="${p}" stroke="${INK}"/>`);
    out.push(`<text x="${px(plotLeft - 8)}" y="${p}" dy="0.35em" font-size="11" text-anchor="end">${escapeXml(y.format(t))}</text>`);
  }
  out.push(`<path d="M${px(plotLeft)},${px(plotTop)}V${px(plotBottom)}H${px(plotRight)}" fill="none" stroke="${INK}"/>`);
  const yLabelX = x0 + 16;
  const yLabelY = (plotTop + plotBottom) / 2;
  out.push(
    `<text transform="translate(${px(yLabelX)},${px(yLabelY)}) rotate(-90)" font-size="12.5" text-anchor="middle">${escapeXml(spec.y.label)}</text>`,
  );
  // Reference lines, then the data on top, clipped to the plot area.
  out.push(`<g clip-path="url(#${clipId})">`);
  for (const band of bands) out.push(...renderBand(band, r));
  for (const rule of spec.rules ?? []) out.push(...renderRule(rule, r, plotLeft, plotRight, plotTop, plotBottom));
  for (const s of series) out.push(...renderSeries(s, r));
  out.push('</g>');
  const placement = spec.legend ?? 'auto';
  if (placement !== 'none' && series.length > 0) out.push(renderLegend(r, spec.rules ?? [], placement, plotLeft, plotRight, plotTop, plotBottom));
  out.push('</g>');
  return out.join('\n');
}

/**
 * Legend entries in a grid of equal columns from (x, y): as many columns as fit in
 * `maxWidth`, then rebalanced so the rows are evenly filled (4 entries: 2 × 2, not 3 + 1).
 */
function legendRows(entries: readonly LegendEntry[], x: number, y: number, maxWidth: number): { svg: string; height: number } {
  const rowHeight = 20;
  const columnWidth = 30 + 6 + Math.max(...entries.map((e) => textWidth(e.label, 12))) + 24;
  const fit = Math.max(1, Math.min(entries.length, Math.floor(maxWidth / columnWidth)));
  const rows = Math.ceil(entries.length / fit);
  const columns = Math.ceil(entries.length / rows);
  const out = ['<g font-size="12">'];
  entries.forEach((e, i) => {
    const cx = x + (i % columns) * columnWidth;
    const cy = y + Math.floor(i / columns) * rowHeight + rowHeight / 2;
    const dash = e.dash ? ` stroke-dasharray="${e.dash}"` : '';
    out.push(`<line x1="${px(cx)}" x2="${px(cx + 30)}" y1="${px(cy)}" y2="${px(cy)}" stroke="${e.color}" stroke-width="2.5"${dash}/>`);
    out.push(`<text x="${px(cx + 36)}" y="${px(cy)}" dy="0.35em">${escapeXml(e.label)}</text>`);
  });
  out.push('</g>');
  return { svg: out.join('\n'), height: rows * rowHeight };
}

function extent(series: readonly LineSeries[], axis: 'x' | 'y', scale: ScaleType | undefined, rules?: readonly ReferenceLine[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const take = (v: number) => {
    if (!Number.isFinite(v) || (scale === 'log' && !(v > 0))) return;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  for (const s of series) {
    const n = Math.min(s.x.length, s.y.length);
    // Only points drawable on both axes count, so a point dropped from one axis does
    // not stretch the other.
    for (let i = 0; i < n; i++) if (Number.isFinite(s.x[i]) && Number.isFinite(s.y[i])) take(s[axis][i]);
  }
  for (const rule of rules ?? []) if (rule.axis === axis) take(rule.value);
  return lo <= hi ? [lo, hi] : [NaN, NaN];
}

function renderSeries(s: Resolved['series'][number], { x, y }: Resolved): string[] {
  const out: string[] = [];
  let d = '';
  let run: [number, number][] = [];
  const flush = () => {
    if (run.length === 1) out.push(`<circle cx="${px(run[0][0])}" cy="${px(run[0][1])}" r="3" fill="${s.color}"/>`);
    else if (run.length > 1) d += run.map(([a, b], i) => `${i === 0 ? 'M' : 'L'}${px(a)},${px(b)}`).join('');
    run = [];
  };
  const n = Math.min(s.x.length, s.y.length);
  for (let i = 0; i < n; i++) {
    if (x.accepts(s.x[i]) && y.accepts(s.y[i])) run.push([x.map(s.x[i]), y.map(s.y[i])]);
    else flush();
  }
  flush();
  const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
  if (d !== '') out.unshift(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${dash} stroke-linejoin="round"/>`);
  return out;
}

/** Each run of drawable points as one closed path: along the upper edge, back along the lower. */
function renderBand(band: BandSeries, { x, y }: Resolved): string[] {
  let d = '';
  let run: [number, number, number][] = [];
  const flush = () => {
    if (run.length > 1) {
      d += run.map(([a, , u], i) => `${i === 0 ? 'M' : 'L'}${px(a)},${px(u)}`).join('');
      d += run
        .slice()
        .reverse()
        .map(([a, l]) => `L${px(a)},${px(l)}`)
        .join('');
      d += 'Z';
    }
    run = [];
  };
  const n = Math.min(band.x.length, band.lower.length, band.upper.length);
  for (let i = 0; i < n; i++) {
    if (x.accepts(band.x[i]) && y.accepts(band.lower[i]) && y.accepts(band.upper[i])) run.push([x.map(band.x[i]), y.map(band.lower[i]), y.map(band.upper[i])]);
    else flush();
  }
  flush();
  return d === '' ? [] : [`<path d="${d}" fill="${band.color}" fill-opacity="${band.opacity ?? 0.25}" stroke="none"/>`];
}

function renderRule(rule: ReferenceLine, { x, y }: Resolved, left: number, right: number, top: number, bottom: number): string[] {
  const scale = rule.axis === 'x' ? x : y;
  if (!scale.accepts(rule.value)) return [];
  const p = scale.map(rule.value);
  const dash = rule.dash ?? '3 3';
  const stroke = `stroke="${rule.color ?? '#888'}"${rule.width === undefined ? '' : ` stroke-width="${rule.width}"`}${dash ? ` stroke-dasharray="${dash}"` : ''}`;
  const line =
    rule.axis === 'x'
      ? `<line x1="${px(p)}" x2="${px(p)}" y1="${px(top)}" y2="${px(bottom)}" ${stroke}/>`
      : `<line x1="${px(left)}" x2="${px(right)}" y1="${px(p)}" y2="${px(p)}" ${stroke}/>`;
  if (!rule.label) return [line];
  const label =
    rule.axis === 'x'
      ? p + 4 + textWidth(rule.label, 10.5) > right
        ? `<text x="${px(p - 4)}" y="${px(top + 12)}" text-anchor="end" ${HALO}>${escapeXml(rule.label)}</text>`
        : `<text x="${px(p + 4)}" y="${px(top + 12)}" ${HALO}>${escapeXml(rule.label)}</text>`
      : `<text x="${px(left + 6)}" y="${px(p - 5)}" ${HALO}>${escapeXml(rule.label)}</text>`;
  return [line, label];
}

// A white outline under the text keeps a label legible where it crosses a line.
const HALO = 'font-size="10.5" fill="#444" stroke="white" stroke-width="3" stroke-linejoin="round" paint-order="stroke"';

const CORNERS = ['top-right', 'top-left', 'bottom-right', 'bottom-left'] as const;

function renderLegend(r: Resolved, rules: readonly ReferenceLine[], placement: LegendPlacement, left: number, right: number, top: number, bottom: number): string {
  const rowHeight = 17;
  const boxWidth = 12 + 26 + 6 + Math.max(...r.series.map((s) => textWidth(s.label, 11.5)), ...r.bands.map((b) => textWidth(b.label, 11.5))) + 10;
  const boxHeight = (r.series.length + r.bands.length) * rowHeight + 10;
  const inset = 8;
  const origin = (corner: (typeof CORNERS)[number]): [number, number] => [
    corner.endsWith('left') ? left + inset : right - inset - boxWidth,
    corner.startsWith('top') ? top + inset : bottom - inset - boxHeight,
  ];
  let corner: (typeof CORNERS)[number] = placement === 'auto' ? 'top-right' : (placement as (typeof CORNERS)[number]);
  if (placement === 'auto') {
    // The corner whose box covers the fewest drawn points (first in CORNERS on ties).
    let fewest = Infinity;
    for (const c of CORNERS) {
      const [bx, by] = origin(c);
      const covered = countCovered(r, rules, bx - 4, by - 4, bx + boxWidth + 4, by + boxHeight + 4);
      if (covered < fewest) [fewest, corner] = [covered, c];
    }
  }
  const [bx, by] = origin(corner);
  const out = [`<g font-size="11.5">`, `<rect x="${px(bx)}" y="${px(by)}" width="${px(boxWidth)}" height="${px(boxHeight)}" fill="white" fill-opacity="0.9" stroke="#bbb" rx="3"/>`];
  r.series.forEach((s, i) => {
    const cy = by + 5 + rowHeight * i + rowHeight / 2;
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
    out.push(`<line x1="${px(bx + 10)}" x2="${px(bx + 36)}" y1="${px(cy)}" y2="${px(cy)}" stroke="${s.color}" stroke-width="2.5"${dash}/>`);
    out.push(`<text x="${px(bx + 42)}" y="${px(cy)}" dy="0.35em">${escapeXml(s.label)}</text>`);
  });
  r.bands.forEach((b, i) => {
    const cy = by + 5 + rowHeight * (r.series.length + i) + rowHeight / 2;
    out.push(`<rect x="${px(bx + 10)}" y="${px(cy - 5)}" width="26" height="10" fill="${b.color}" fill-opacity="${b.opacity ?? 0.25}"/>`);
    out.push(`<text x="${px(bx + 42)}" y="${px(cy)}" dy="0.35em">${escapeXml(b.label)}</text>`);
  });
  out.push('</g>');
  return out.join('\n');
}

function countCovered({ series, x, y }: Resolved, rules: readonly ReferenceLine[], x1: number, y1: number, x2: number, y2: number): number {
  let count = 0;
  // A reference line and its label weigh as much as a line of data across the box.
  for (const rule of rules) {
    const scale = rule.axis === 'x' ? x : y;
    if (!scale.accepts(rule.value)) continue;
    const p = scale.map(rule.value);
    if (rule.axis === 'x' ? p >= x1 - 60 && p <= x2 : p >= y1 && p <= y2 + 14) count += 50;
  }
  for (const s of series) {
    const n = Math.min(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) {
      if (!x.accepts(s.x[i]) || !y.accepts(s.y[i])) continue;
      const px_ = x.map(s.x[i]);
      const py = y.map(s.y[i]);
      if (px_ >= x1 && px_ <= x2 && py >= y1 && py <= y2) count++;
    }
  }
  return count;
}
