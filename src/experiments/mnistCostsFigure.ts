import type { FigureSpec, LineChartSpec } from '../plot/figureSvg.js';
import { COST_STYLES } from './costStyles.js';
import type { MnistCostsResult } from './mnistCosts.js';

/**
 * Test accuracy vs epoch, mean over the seeds, one panel per network size and one line
 * per cost (costs are not plotted: each is in its own units and not comparable).
 *
 * @example
 * figureSvg(mnistCostsFigure(result, '8,000/2,000 split of the mnist package'))
 */
export function mnistCostsFigure(result: MnistCostsResult, dataNote: string): FigureSpec<LineChartSpec> {
  const sizeKeys = [...new Set(result.rows.map((r) => r.sizes.join(',')))];
  const accuracyPanels: LineChartSpec[] = sizeKeys.map((key) => {
    const rows = result.rows.filter((r) => r.sizes.join(',') === key);
    return {
      title: `[${key.replaceAll(',', ', ')}]: test accuracy`,
      x: { label: 'epoch' },
      y: { label: 'test accuracy (%), mean over seeds' },
      series: rows.map((r) => ({
        label: `${COST_STYLES[r.cost].withOutput}, η = ${r.eta}`,
        color: COST_STYLES[r.cost].color,
        dash: COST_STYLES[r.cost].dash,
        x: r.curve.map((c) => c.epoch),
        y: r.curve.map((c) => 100 * c.meanAccuracy),
      })),
    };
  });
  return {
    title: 'MNIST: which output cost learns best?',
    notes: [
      `${dataNote}; batch ${result.batchSize}, λ = ${result.lambda}, init "${result.init}", ` +
        `${result.epochs} epochs, seeds ${result.seeds.join(', ')}.`,
    ],
    panels: accuracyPanels,
    columns: Math.min(2, accuracyPanels.length),
  };
}
