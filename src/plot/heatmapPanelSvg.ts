import type { AxisSpec } from './AxisSpec.js';
import { makeScale } from './scale.js';
import { escapeXml, INK, px, textWidth } from './svgText.js';
import { xAxisSvg } from './xAxisSvg.js';

/** A path drawn over the heatmap, such as gradient descent's (w, b) steps. */
export interface HeatmapPath {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color: string;
  dash?: string;
}

/**
 * A scalar field on a regular grid, drawn as coloured cells, with optional paths on top.
 * Cells are given by their centres, evenly spaced and ascending along each axis.
 */
export interface HeatmapSpec {
  kind: 'heatmap';
  title?: string;
  x: AxisSpec;
  y: AxisSpec;
  /** Cell centres along x (columns) and y (rows). */
  columns: ArrayLike<number>;
  rows: ArrayLike<number>;
  /** Row-major values: values[i·columns.length + j] at (columns[j], rows[i]). NaN cells are left blank. */
  values: ArrayLike<number>;
  /** How values map to colour: linearly, or by log10 (values ≤ 0 left blank). Default linear. */
  colorScale?: 'linear' | 'log';
  /** The colour bar's title, with the unit. */
  valueLabel: string;
  paths?: readonly HeatmapPath[];
}

/**
 * A perceptually ordered ramp from dark blue to pale yellow (the end points and midpoints
 * of matplotlib's viridis, which stays ordered in grey and for colour-blind readers).
 */
const RAMP = ['#440154', '#482878', '#3e4a89', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];

/** The ramp's colour at t ∈ [0, 1], interpolated in sRGB between its stops. */
export function rampColor(t: number): string {
  const u = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(u));
  const f = u - i;
  const [a, b] = [RAMP[i], RAMP[i + 1]].map((c) => [1, 3, 5].map((k) => parseInt(c.slice(k, k + 2), 16)));
  return `#${a.map((v, k) => Math.round(v + (b[k] - v) * f).toString(16).padStart(2, '0')).join('')}`;
}

const BAR_WIDTH = 12;

/**
 * One heatmap panel at (x0, y0): cells filling the plot area edge to edge (each cell
 * spans half the spacing either side of its centre), a colour bar with its range at the
 * right, and the paths over the cells with a dot at each path's start.
 */
export function renderHeatmapPanel(spec: HeatmapSpec, x0: number, y0: number, width: number, height: number, clipId: string): string {
  const nx = spec.columns.length;
  const ny = spec.rows.length;
  const titleHeight = spec.title ? 26 : 8;
  const plotTop = y0 + titleHeight + 6;
  const plotBottom = y0 + height - 46;
  const edges = (c: ArrayLike<number>): [number, number] => {
    const n = c.length;
    if (n === 0) return [0, 1];
    const half = n > 1 ? (c[n - 1] - c[0]) / (n - 1) / 2 : 0.5;
    return [c[0] - half, c[n - 1] + half];
  };
  const [xLo, xHi] = edges(spec.columns);
  const [yLo, yHi] = edges(spec.rows);
  const y = makeScale('linear', [yLo, yHi], [plotBottom, plotTop], spec.y.domain ?? [yLo, yHi]);
  const tickLabelWidth = Math.max(0, ...y.ticks.map((t) => textWidth(y.format(t), 11)));
  const plotLeft = x0 + 24 + tickLabelWidth + 10;
  // Room at the right for the colour bar and its labels.
  const plotRight = x0 + width - 18 - BAR_WIDTH - 50;
  const x = makeScale('linear', [xLo, xHi], [plotLeft, plotRight], spec.x.domain ?? [xLo, xHi]);

  const log = spec.colorScale === 'log';
  const transform = (v: number) => (log ? (v > 0 ? Math.log10(v) : Number.NaN) : v);
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < nx * ny; k++) {
    const t = transform(spec.values[k]);
    if (Number.isFinite(t)) [lo, hi] = [Math.min(lo, t), Math.max(hi, t)];
  }
  const span = hi > lo ? hi - lo : 1;

  const out: string[] = ['<g>'];
  if (spec.title) out.push(`<text x="${px(x0 + 14)}" y="${px(y0 + 20)}" font-size="13.5" font-weight="bold">${escapeXml(spec.title)}</text>`);
  out.push(`<clipPath id="${clipId}"><rect x="${px(plotLeft)}" y="${px(plotTop)}" width="${px(plotRight - plotLeft)}" height="${px(plotBottom - plotTop)}"/></clipPath>`);
  // The axis first: its grid lines then lie under the cells, which hide them.
  out.push(...xAxisSvg(x, spec.x.label, plotTop, plotBottom));
  out.push(`<g clip-path="url(#${clipId})" shape-rendering="crispEdges">`);
  const cellW = nx > 1 ? (spec.columns[1] - spec.columns[0]) / 2 : (xHi - xLo) / 2;
  const cellH = ny > 1 ? (spec.rows[1] - spec.rows[0]) / 2 : (yHi - yLo) / 2;
  for (let i = 0; i < ny; i++) {
    const top = y.map(spec.rows[i] + cellH);
    const bottom = y.map(spec.rows[i] - cellH);
    for (let j = 0; j < nx; j++) {
      const t = transform(spec.values[i * nx + j]);
      if (!Number.isFinite(t)) continue;
      const left = x.map(spec.columns[j] - cellW);
      const right = x.map(spec.columns[j] + cellW);
      // Half a pixel of overlap hides the seams anti-aliasing would leave between cells.
      out.push(
        `<rect x="${px(left)}" y="${px(top)}" width="${px(right - left + 0.5)}" height="${px(bottom - top + 0.5)}" fill="${rampColor((t - lo) / span)}"/>`,
      );
    }
  }
  out.push('</g>');
  for (const t of y.ticks) {
    const p = px(y.map(t));
    out.push(`<line x1="${px(plotLeft - 5)}" x2="${px(plotLeft)}" y1="${p}" y2="${p}" stroke="${INK}"/>`);
    out.push(`<text x="${px(plotLeft - 8)}" y="${p}" dy="0.35em" font-size="11" text-anchor="end">${escapeXml(y.format(t))}</text>`);
  }
  out.push(`<rect x="${px(plotLeft)}" y="${px(plotTop)}" width="${px(plotRight - plotLeft)}" height="${px(plotBottom - plotTop)}" fill="none" stroke="${INK}"/>`);
  out.push(
    `<text transform="translate(${px(x0 + 16)},${px((plotTop + plotBottom) / 2)}) rotate(-90)" font-size="12.5" text-anchor="middle">${escapeXml(spec.y.label)}</text>`,
  );
  // Paths on top, clipped to the plot, each with a dot where it starts.
  out.push(`<g clip-path="url(#${clipId})">`);
  for (const path of spec.paths ?? []) {
    const points: string[] = [];
    const n = Math.min(path.x.length, path.y.length);
    for (let k = 0; k < n; k++) {
      if (Number.isFinite(path.x[k]) && Number.isFinite(path.y[k])) points.push(`${px(x.map(path.x[k]))},${px(y.map(path.y[k]))}`);
    }
    if (points.length === 0) continue;
    const dash = path.dash ? ` stroke-dasharray="${path.dash}"` : '';
    if (points.length > 1) {
      out.push(`<polyline points="${points.join(' ')}" fill="none" stroke="white" stroke-width="4.5" stroke-linejoin="round" stroke-opacity="0.8"/>`);
      out.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${path.color}" stroke-width="2.2"${dash} stroke-linejoin="round"><title>${escapeXml(path.label)}</title></polyline>`);
    }
    const [sx, sy] = points[0].split(',');
    out.push(`<circle cx="${sx}" cy="${sy}" r="4" fill="${path.color}" stroke="white" stroke-width="1.5"/>`);
  }
  out.push('</g>');
  // The colour bar: the ramp in 20 steps, with the range at its ends.
  const barLeft = plotRight + 14;
  const steps = 20;
  for (let k = 0; k < steps; k++) {
    const top = plotTop + ((plotBottom - plotTop) * k) / steps;
    out.push(`<rect x="${px(barLeft)}" y="${px(top)}" width="${BAR_WIDTH}" height="${px((plotBottom - plotTop) / steps + 0.5)}" fill="${rampColor(1 - (k + 0.5) / steps)}"/>`);
  }
  if (Number.isFinite(lo)) {
    const label = (t: number) => formatValue(log ? 10 ** t : t);
    out.push(`<text x="${px(barLeft + BAR_WIDTH + 4)}" y="${px(plotTop)}" dy="0.7em" font-size="10.5">${escapeXml(label(hi))}</text>`);
    out.push(`<text x="${px(barLeft + BAR_WIDTH + 4)}" y="${px(plotBottom)}" font-size="10.5">${escapeXml(label(lo))}</text>`);
  }
  out.push(
    `<text transform="translate(${px(barLeft + BAR_WIDTH + 14)},${px((plotTop + plotBottom) / 2)}) rotate(-90)" font-size="11" text-anchor="middle">${escapeXml(spec.valueLabel)}</text>`,
  );
  out.push('</g>');
  return out.join('\n');
}

/** Three significant digits, with the typographic minus. */
function formatValue(v: number): string {
  return String(Number(v.toPrecision(3))).replace(/^-/, '\u2212');
}
