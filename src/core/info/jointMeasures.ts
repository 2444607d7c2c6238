import { XentError } from '../XentError.js';
import { NeumaierAccumulator } from '../math/neumaierSum.js';
import { logRatio } from './logRatio.js';
import { logIn, type InfoUnit } from './unit.js';

/** The information measures of two variables X (rows) and Y (columns), all in `unit`. */
export interface JointMeasures {
  unit: InfoUnit;
  /** H(X), entropy of the row marginal. */
  hX: number;
  /** H(Y), entropy of the column marginal. */
  hY: number;
  /** H(X,Y), entropy of the whole table. */
  hXY: number;
  /** H(X|Y) = H(X,Y) − H(Y). */
  hXgivenY: number;
  /** H(Y|X) = H(X,Y) − H(X). */
  hYgivenX: number;
  /** I(X;Y) = H(X) + H(Y) − H(X,Y) = KL(p(x,y) ‖ p(x)p(y)). */
  mutualInformation: number;
}

/**
 * Measures of a joint table: rows are outcomes of X, columns outcomes of Y, entries are
 * counts or probabilities (always normalised by the table's sum). Results in bits unless
 * `options.unit` says nats or bans.
 *
 * The conditional entropies and the mutual information are summed term by term
 * (Σ p(x,y) log(p(y)/p(x,y)) and Σ p(x,y) log(p(x,y)/(p(x)p(y)))) rather than as
 * differences of entropies, so a nearly independent table gets a small I(X;Y) with
 * full relative accuracy instead of the cancellation noise of H(X) + H(Y) − H(X,Y).
 *
 * @example
 * jointMeasures([[1, 0], [0, 1]]) // hX = hY = hXY = 1, mutualInformation = 1 (bits)
 */
export function jointMeasures(table: ArrayLike<ArrayLike<number>>, options: { unit?: InfoUnit } = {}): JointMeasures {
  const unit = options.unit ?? 'bits';
  const log = logIn(unit);
  const { p, rows, cols } = toJointDistribution(table);
  const px = new Float64Array(rows);
  const py = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const rowSum = new NeumaierAccumulator();
    for (let c = 0; c < cols; c++) rowSum.add(p[r * cols + c]);
    px[r] = rowSum.value();
  }
  for (let c = 0; c < cols; c++) {
    const colSum = new NeumaierAccumulator();
    for (let r = 0; r < rows; r++) colSum.add(p[r * cols + c]);
    py[c] = colSum.value();
  }
  const hX = new NeumaierAccumulator();
  const hY = new NeumaierAccumulator();
  const hXY = new NeumaierAccumulator();
  const hXgivenY = new NeumaierAccumulator();
  const hYgivenX = new NeumaierAccumulator();
  const mi = new NeumaierAccumulator();
  for (let r = 0; r < rows; r++) if (px[r] > 0) hX.add(-px[r] * log(px[r]));
  for (let c = 0; c < cols; c++) if (py[c] > 0) hY.add(-py[c] * log(py[c]));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const pxy = p[r * cols + c];
      if (pxy === 0) continue;
      hXY.add(-pxy * log(pxy));
      hXgivenY.add(pxy * logRatio(py[c], pxy, unit));
      hYgivenX.add(pxy * logRatio(px[r], pxy, unit));
      const independent = px[r] * py[c];
      mi.add(pxy * (independent > 0 ? logRatio(pxy, independent, unit) : log(pxy) - log(px[r]) - log(py[c])));
    }
  }
  return {
    unit,
    hX: hX.value(),
    hY: hY.value(),
    hXY: hXY.value(),
    hXgivenY: hXgivenY.value(),
    hYgivenX: hYgivenX.value(),
    mutualInformation: mi.value(),
  };
}

/**
 * Validates a rectangular table of finite, non-negative numbers with a positive sum and
 * returns it normalised, row-major (probabilities, no unit). Errors name `joint` and the
 * `row,column` position.
 *
 * @example
 * toJointDistribution([[1, 1], [2, 0]]).p // Float64Array [0.25, 0.25, 0.5, 0]
 */
export function toJointDistribution(table: ArrayLike<ArrayLike<number>>): { p: Float64Array; rows: number; cols: number } {
  const field = 'joint';
  if (table == null || typeof table.length !== 'number') throw new XentError('expected a table (array of rows)', { field });
  const rows = table.length;
  if (rows === 0) throw new XentError('joint table is empty: it needs at least one row', { field });
  const first = table[0];
  if (first == null || typeof first.length !== 'number') throw new XentError('row is not an array of numbers', { field, index: `row 0` });
  const cols = first.length;
  if (cols === 0) throw new XentError('joint table has no columns', { field, index: `row 0` });
  const p = new Float64Array(rows * cols);
  const total = new NeumaierAccumulator();
  for (let r = 0; r < rows; r++) {
    const row = table[r];
    if (row == null || typeof row.length !== 'number') throw new XentError('row is not an array of numbers', { field, index: `row ${r}` });
    if (row.length !== cols) {
      throw new XentError(`row has ${row.length} columns but row 0 has ${cols}`, { field, index: `row ${r}` });
    }
    for (let c = 0; c < cols; c++) {
      const v = row[c];
      const index = `row ${r}, column ${c}`;
      if (typeof v !== 'number') throw new XentError(`value ${JSON.stringify(v)} is not a number`, { field, index });
      if (Number.isNaN(v)) throw new XentError('value is NaN', { field, index });
      if (!Number.isFinite(v)) throw new XentError(`value ${v} is not finite: entries must be finite`, { field, index });
      if (v < 0) throw new XentError(`value ${v} is negative`, { field, index });
      p[r * cols + c] = v;
      total.add(v);
    }
  }
  const sum = total.value();
  if (!(sum > 0)) throw new XentError('joint table sums to 0: it needs at least one positive entry', { field });
  if (!Number.isFinite(sum)) throw new XentError('sum overflows', { field });
  for (let i = 0; i < p.length; i++) p[i] /= sum;
  return { p, rows, cols };
}
