import type { NeuronRun } from '../nn/neuron.js';
import { decimate } from '../plot/decimate.js';
import type { FigureSpec, LineChartSpec, LineSeries } from '../plot/figureSvg.js';
import { COST_STYLES } from './costStyles.js';
import type { NeuronFigureData } from './neuronFigure.js';

/** Dash patterns of the starts (w₀, b₀), in order of first appearance; colour is the cost's. */
const DASHES = ['', '7 4', '2 3', '10 3 2 3'];

/**
 * The seed's figure as a spec: cost vs epoch on shared axes and on one panel per run,
 * the output a vs epoch, |∂C/∂z| vs epoch on a log axis, and σ′(z) with both deltas
 * vs z. Colour encodes the cost and the dash pattern the start (w₀, b₀), in one legend
 * under the title for all training panels; the settings all runs share go in a note.
 *
 * @example
 * neuronFigureSpec(neuronPresetFigure('seed')).panels.length // 8 (4 shared + 4 runs)
 * // figureSvg(neuronFigureSpec(data)) is what the CLI's --svg writes and the lab draws
 */
export function neuronFigureSpec(data: NeuronFigureData): FigureSpec<LineChartSpec> {
  const { runs } = data;
  const label = runLabeller(runs);
  const style = (run: NeuronRun) => ({ label: label(run), color: COST_STYLES[run.cost].color, dash: DASHES[startIndex(runs, run) % DASHES.length] });
  // Each training curve, thinned to what a panel can show (--epochs goes up to a million).
  const curve = (run: NeuronRun, value: (row: NeuronRun['trace'][number]) => number) =>
    decimate(
      run.trace.map((r) => r.epoch),
      run.trace.map(value),
    );
  // Epochs start at 0; a run of 0 epochs still gets the axis [0, 1], not [−1, 1].
  const lastEpoch = runs.reduce((m, run) => Math.max(m, run.trace.length - 1), 1);
  const epochAxis = { label: 'epoch', domain: [0, lastEpoch] as const };
  const y = data.deltaCurves.y;

  const shared: LineChartSpec[] = [
    {
      title: 'Cost vs epoch (shared axes)',
      x: epochAxis,
      y: { label: 'cost C (nats)' },
      series: runs.map((run) => ({ ...style(run), ...curve(run, (r) => r.cost) })),
      legend: 'none',
    },
    {
      title: 'Output a vs epoch',
      x: epochAxis,
      y: { label: 'output a = σ(wx + b)', domain: [0, 1] },
      series: runs.map((run) => ({ ...style(run), ...curve(run, (r) => r.a) })),
      rules: [{ axis: 'y', value: y, label: `target y = ${y}` }],
      legend: 'none',
    },
    {
      title: 'Gradient |∂C/∂z| vs epoch (log scale)',
      x: epochAxis,
      y: { label: '|∂C/∂z| (nats per unit z)', scale: 'log' },
      series: runs.map((run) => ({ ...style(run), ...curve(run, (r) => Math.abs(r.dCdz)) })),
      legend: 'none',
    },
    deltaPanel(data),
  ];
  const separate: LineChartSpec[] = runs.map((run) => ({
    title: `Cost: ${fullLabel(run)}`,
    x: epochAxis,
    y: { label: 'cost C (nats)' },
    series: [{ ...style(run), ...curve(run, (r) => r.cost) }],
    legend: 'none',
  }));
  return {
    title: data.title,
    notes: [commonSettings(runs), ...(data.note === undefined ? [] : [data.note])],
    legend: runs.map((run) => style(run)),
    panels: [...shared, ...separate],
    columns: 2,
  };
}

function deltaPanel(data: NeuronFigureData): LineChartSpec {
  const c = data.deltaCurves;
  const series: LineSeries[] = [
    { label: 'σ′(z) = a(1 − a)', x: c.z, y: c.sigmoidPrime, color: '#555', dash: '2 3' },
    { label: 'quadratic δ = (a − y)σ′(z)', x: c.z, y: c.quadraticDelta, color: COST_STYLES.quadratic.color },
    { label: 'cross-entropy δ = a − y', x: c.z, y: c.crossEntropyDelta, color: COST_STYLES['cross-entropy'].color },
  ];
  const zMax = c.z[c.z.length - 1];
  const starts = [...new Set(data.runs.map((r) => r.trace[0].z))].filter((z) => Math.abs(z) <= zMax);
  return {
    title: `σ′(z) and δ = ∂C/∂z vs z (target y = ${c.y})`,
    x: { label: 'weighted input z = wx + b' },
    y: { label: 'δ = ∂C/∂z (nats per unit z)' },
    series,
    rules: starts.map((z) => ({ axis: 'x' as const, value: z, label: `z₀ = ${round(z)}` })),
  };
}

/** Labels that name only what differs between the runs: the cost, and the start or η if they vary. */
function runLabeller(runs: readonly NeuronRun[]): (run: NeuronRun) => string {
  const startsVary = new Set(runs.map(startKey)).size > 1;
  const etasVary = new Set(runs.map((r) => r.eta)).size > 1;
  return (run) => [run.cost, etasVary ? `η = ${run.eta}` : '', startsVary ? `from (${round(run.w0)}, ${round(run.b0)})` : ''].filter(Boolean).join(', ');
}

function fullLabel(run: NeuronRun): string {
  return `${run.cost}, η = ${run.eta}, from (${round(run.w0)}, ${round(run.b0)})`;
}

function commonSettings(runs: readonly NeuronRun[]): string {
  if (runs.length === 0) return '';
  const r = runs[0];
  const parts = [`One sigmoid neuron a = σ(wx + b) trained by gradient descent on x = ${round(r.x)}, target y = ${r.y}`];
  if (new Set(runs.map((s) => s.eta)).size === 1) parts.push(`η = ${r.eta}`);
  if (new Set(runs.map(startKey)).size === 1) parts.push(`start (w₀, b₀) = (${round(r.w0)}, ${round(r.b0)})`);
  parts.push(`${r.trace.length - 1} epochs.`);
  return parts.join(', ');
}

function startIndex(runs: readonly NeuronRun[], run: NeuronRun): number {
  return [...new Set(runs.map(startKey))].indexOf(startKey(run));
}

function startKey(run: NeuronRun): string {
  return `${run.w0},${run.b0}`;
}

/** 4 significant digits with the typographic minus, for labels. */
function round(v: number): string {
  return String(Number(v.toPrecision(4))).replace(/^-/, '\u2212');
}
