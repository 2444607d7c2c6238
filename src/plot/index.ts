// Figure specs → standalone SVG strings; pure and generic (no domain code), shared by the
// CLI and the web lab.
export { figureSvg, lineChartSvg, PALETTE } from './figureSvg.js';
export type { AxisSpec, FigureSpec, LegendEntry, LegendPlacement, LineChartSpec, LineSeries, PanelSpec, ReferenceLine } from './figureSvg.js';
export type { BarChartSpec, BarRow, BarSegment } from './barPanelSvg.js';
export { makeScale, type Scale, type ScaleType } from './scale.js';
export { decimate } from './decimate.js';
export type { HeatmapPath, HeatmapSpec } from './heatmapPanelSvg.js';
export { rampColor } from './heatmapPanelSvg.js';
