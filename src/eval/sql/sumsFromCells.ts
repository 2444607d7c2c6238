import { XentError } from '../../core/XentError.js';
import { parseUnit } from '../../core/info/unit.js';
import { BINNINGS, INPUT_KINDS, resolveEvalOptions, type Binning, type InputKind } from '../EvalOptions.js';
import { evalSums, type EvalSums } from '../EvalSums.js';
import { equalMassGridEdges } from '../EvalSumsScale.js';
import type { EvalStats, EvalStatsSettings } from '../evalStatsJson.js';
import { uniformBinEdges } from '../binEdges.js';
import type { NeumaierSums } from '../../core/math/index.js';

/** One row of evalSql's result. */
export interface SumCell {
  part: string;
  cell: number;
  value: number;
}

/**
 * The table of sums from the rows of evalSql's result, in any order: the settings row
 * first fixes the table's shape, then every (part, cell) fills one slot, once. A result
 * that counted invalid rows is refused, as streaming would refuse the first of them.
 * `where(i)` names row i of the result in errors.
 */
export function sumsFromCells(cells: readonly SumCell[], field: string, where: (i: number) => string): EvalStats {
  const settingsIndex = cells.findIndex((c) => c.part.startsWith('settings;'));
  if (settingsIndex < 0) throw new XentError('has no settings row (part "settings;…"): is it the result of xent eval --sql?', { field });
  const settings = parseSettingsPart(cells[settingsIndex].part, field, where(settingsIndex));
  const options = resolveEvalOptions({ input: settings.input, bins: settings.bins, binning: settings.binning, unit: parseUnit(settings.unit) });
  const fine = settings.binning === 'quantile';
  const sums = evalSums(settings.classes, options, fine ? equalMassGridEdges() : uniformBinEdges(settings.bins), settings.classNames);
  if (fine) sums.equalMassBins = settings.bins;
  const slots = slotsOf(sums);
  const seen = new Set<string>();
  let invalid = 0;
  cells.forEach((c, i) => {
    if (i === settingsIndex) return;
    const key = `${c.part}#${c.cell}`;
    if (seen.has(key)) throw new XentError(`${where(i)}: ${c.part} cell ${c.cell} appears twice`, { field });
    seen.add(key);
    if (c.part === 'invalidRows') {
      invalid = c.value;
      return;
    }
    const slot = slots.get(c.part);
    if (slot === undefined) throw new XentError(`${where(i)}: unknown part '${c.part.slice(0, 60)}'`, { field });
    if (!Number.isInteger(c.cell) || c.cell < 0 || c.cell >= slot.length) throw new XentError(`${where(i)}: cell ${c.cell} of ${c.part} is out of range 0 to ${slot.length - 1}`, { field });
    slot.set(c.cell, c.value);
  });
  if (invalid > 0) throw new XentError(`the query found ${invalid} rows it could not score (a NULL, a label that is not a class index, probabilities outside [0, 1] or not summing to 1, a negative weight)`, { field });
  for (const part of ['rows', 'weight', 'logLoss.finiteRows']) {
    if (!seen.has(`${part}#0`)) throw new XentError(`has no ${part} row`, { field });
  }
  // The query takes the log-loss moments about 0.
  sums.logLoss.shift = sums.logLoss.finiteRows > 0 ? 0 : NaN;
  if (!(sums.rows > 0)) throw new XentError('the query scored no rows', { field });
  return { settings, sums };
}

interface Slot {
  length: number;
  set(cell: number, value: number): void;
}

function neumaierSlot(s: NeumaierSums): Slot {
  return { length: s.sum.length, set: (cell, value) => (s.sum[cell] = value) };
}

function slotsOf(sums: EvalSums): Map<string, Slot> {
  const scalar = (set: (v: number) => void): Slot => ({ length: 1, set: (_c, v) => set(v) });
  const t = sums.topLabel;
  return new Map<string, Slot>([
    ['rows', scalar((v) => (sums.rows = v))],
    ['weight', neumaierSlot(sums.weight)],
    ['largestRowSumError', scalar((v) => (sums.largestRowSumError = v))],
    ['logLoss.clippedRows', scalar((v) => (sums.logLoss.clippedRows = v))],
    ['logLoss.infiniteRows', scalar((v) => (sums.logLoss.infiniteRows = v))],
    ['logLoss.finiteRows', scalar((v) => (sums.logLoss.finiteRows = v))],
    ['logLoss.moments', neumaierSlot(sums.logLoss.moments)],
    ['topLabel.allRight', neumaierSlot(t.allRight)],
    ['topLabel.rows', { length: t.rows.length, set: (c, v) => (t.rows[c] = v) }],
    ['topLabel.weight', neumaierSlot(t.weight)],
    ['topLabel.confidence', neumaierSlot(t.confidence)],
    ['topLabel.right', neumaierSlot(t.right)],
    ['topLabel.gap', neumaierSlot(t.gap)],
    ['topLabel.weightSquares', neumaierSlot(t.weightSquares)],
    ['classwise.weight', neumaierSlot(sums.classwise.weight)],
    ['classwise.probability', neumaierSlot(sums.classwise.probability)],
    ['classwise.outcome', neumaierSlot(sums.classwise.outcome)],
    ['brier.squaredError', neumaierSlot(sums.brier.squaredError)],
    ['spherical.score', neumaierSlot(sums.spherical.score)],
    ['smooth.residual', neumaierSlot(sums.smooth.residual)],
  ]);
}

function parseSettingsPart(part: string, field: string, at: string): EvalStatsSettings {
  const entries = new Map(
    part
      .split(';')
      .slice(1)
      .map((kv) => {
        const i = kv.indexOf('=');
        return [kv.slice(0, i), kv.slice(i + 1)] as const;
      }),
  );
  const classes = Number(entries.get('classes'));
  const bins = Number(entries.get('bins'));
  const input = entries.get('input') as InputKind;
  const binning = entries.get('binning') as Binning;
  const unit = entries.get('unit') ?? '';
  const clipText = entries.get('clip');
  if (!Number.isInteger(classes) || classes < 2 || !Number.isInteger(bins) || bins < 1 || !INPUT_KINDS.includes(input) || !BINNINGS.includes(binning) || clipText === undefined) {
    throw new XentError(`${at}: the settings row is damaged`, { field });
  }
  parseUnit(unit);
  const clip = clipText === 'none' ? null : Number(clipText);
  const settings: EvalStatsSettings = { classes, input, unit, binning, bins, clip, normalize: false };
  const names = entries.get('classNames');
  if (names !== undefined) settings.classNames = names.split('|');
  return settings;
}
