import { COST_STYLES } from '../../../src/experiments/costStyles.js';
import type { CostName } from '../../../src/nn/Cost.js';
import type { EpochRecord } from '../../../src/nn/trainNetwork.js';
import type { FigureSpec, LineChartSpec, LineSeries } from '../../../src/plot/figureSvg.js';

export interface CurveRun {
  /** 'A' or 'B', drawn solid and dashed. */
  name: string;
  cost: CostName;
  label: string;
  epochs: readonly EpochRecord[];
}

export interface MnistCurvesOptions {
  runs: readonly CurveRun[];
  /** The planned number of epochs: the x axis spans it from the start. */
  epochs: number;
  width: number;
  texts: { epoch: string; accuracy: string; cost: string; ariaLabel: string };
}

/** Run B's dash: the colour says the cost (COST_STYLES), the dash says the run. */
const RUN_DASH: Record<string, string> = { A: '', B: '7 4' };

/**
 * #/mnist's live curves, through src/plot: test accuracy and training cost after each
 * epoch, for both runs. Two panels side by side when there is room, else stacked.
 */
export function mnistCurvesSpec(options: MnistCurvesOptions): FigureSpec<LineChartSpec> {
  const columns = options.width >= 720 ? 2 : 1;
  const panelWidth = Math.floor(options.width / columns);
  const x = { label: options.texts.epoch, domain: [1, Math.max(2, options.epochs)] as [number, number] };
  const series = (pick: (e: EpochRecord) => number): LineSeries[] =>
    options.runs.map((run) => ({
      label: `${run.name}: ${run.label}`,
      color: COST_STYLES[run.cost].color,
      dash: RUN_DASH[run.name] ?? '',
      x: run.epochs.map((e) => e.epoch),
      y: run.epochs.map(pick),
    }));
  const accuracies = options.runs.flatMap((r) => r.epochs.map((e) => 100 * e.testAccuracy));
  const low = accuracies.length === 0 ? 80 : Math.max(0, Math.min(80, Math.floor(Math.min(...accuracies) / 10) * 10));
  const costs = options.runs.flatMap((r) => r.epochs.map((e) => e.trainCost)).filter(Number.isFinite);
  const costTop = costs.length === 0 ? 1 : Math.max(...costs) * 1.1;
  return {
    ariaLabel: options.texts.ariaLabel,
    idPrefix: 'mnist-curves',
    // One legend above both panels, so that no line hides under it.
    legend: options.runs.map((run) => ({ label: `${run.name}: ${run.label}`, color: COST_STYLES[run.cost].color, dash: RUN_DASH[run.name] ?? '' })),
    columns,
    panelWidth,
    panelHeight: 260,
    panels: [
      { x, y: { label: options.texts.accuracy, domain: [low, 100] }, series: series((e) => 100 * e.testAccuracy), legend: 'none' },
      { x, y: { label: options.texts.cost, domain: [0, costTop] }, series: series((e) => e.trainCost), legend: 'none' },
    ],
  };
}
