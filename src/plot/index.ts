// Figure specs → standalone SVG strings; pure, shared by the CLI and the web lab.
export { figureSvg, lineChartSvg, PALETTE } from './figureSvg.js';
export type { AxisSpec, FigureSpec, LegendEntry, LegendPlacement, LineChartSpec, LineSeries, ReferenceLine } from './figureSvg.js';
export { makeScale, type Scale, type ScaleType } from './scale.js';
export { neuronFigureSpec, neuronFigureSvg, COST_COLORS } from './neuronFigureSvg.js';
export { decimate } from './decimate.js';
