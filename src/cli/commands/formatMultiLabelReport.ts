import type { MultiLabelReport } from '../../eval/MultiLabelSums.js';
import { formatNumber, formatTable } from '../formatTable.js';

/** The readable multi-label report: one line per label, then the macro and micro averages. */
export function formatMultiLabelReport(r: MultiLabelReport): string {
  const head = formatTable([
    ['rows', r.n, ''],
    ['labels', r.labels, 'each a yes/no question: one probability per column against a 0/1 answer'],
    ['bins', r.bins, 'equal-width bins of each probability, for the ECE'],
    ...(r.clippedCells > 0 ? [['clipped cells', r.clippedCells, 'probability of the answer raised to --clip']] : []),
  ]);
  const figures = (f: { logLoss: number; brier: number; ece: number; accuracy: number }) => [formatNumber(f.logLoss), formatNumber(f.brier), formatNumber(f.ece), formatNumber(f.accuracy)];
  const table = formatTable([
    ['label', 'positives', `log-loss (${r.unit})`, 'Brier', 'ECE', 'accuracy at 0.5'],
    ...r.perLabel.map((f) => [f.name ?? String(f.label), formatNumber(f.positives), ...figures(f)]),
    ['macro', '', ...figures(r.macro)],
    ['micro', '', ...figures(r.micro)],
  ]);
  return `${head}\n${table}\nmacro: the mean over labels; micro: every cell pooled as one binary problem\n`.replace(/ +$/gm, '');
}
