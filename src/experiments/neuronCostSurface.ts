import { XentError } from '../core/XentError.js';
import { costs } from '../nn/Cost.js';
import type { NeuronCostName } from '../nn/neuron.js';
import { unitCost } from '../nn/unitCost.js';

/** C(w, b) of the single neuron on a regular grid, for a heatmap under the (w, b) path. */
export interface NeuronCostSurface {
  cost: NeuronCostName;
  /** Cell centres along w (columns) and b (rows), ascending. */
  w: number[];
  b: number[];
  /** C in nats, row-major: values[i·w.length + j] is C(w[j], b[i]). */
  values: Float64Array;
  min: number;
  max: number;
}

/**
 * Samples the cost of a = σ(wx + b) against the target y at the centres of a
 * `columns` × `rows` grid over [wMin, wMax] × [bMin, bMax], through the same `unitCost`
 * the training uses, so the surface and the path cannot disagree about C.
 *
 * @example
 * neuronCostSurface('quadratic', 1, 0, [-1, 3], [-1, 3], 40, 40).max // ½σ(6)² near (3, 3)
 */
export function neuronCostSurface(
  cost: NeuronCostName,
  x: number,
  y: number,
  [wMin, wMax]: readonly [number, number],
  [bMin, bMax]: readonly [number, number],
  columns: number,
  rows: number,
): NeuronCostSurface {
  for (const [field, v] of [['x', x], ['y', y], ['wMin', wMin], ['wMax', wMax], ['bMin', bMin], ['bMax', bMax]] as const) {
    if (!Number.isFinite(v)) throw new XentError(`${field} = ${v} must be finite`, { field });
  }
  if (!(wMax > wMin)) throw new XentError(`w range [${wMin}, ${wMax}] is empty`, { field: 'w' });
  if (!(bMax > bMin)) throw new XentError(`b range [${bMin}, ${bMax}] is empty`, { field: 'b' });
  for (const [field, n] of [['columns', columns], ['rows', rows]] as const) {
    if (!(Number.isInteger(n) && n >= 1 && n <= 1000)) throw new XentError(`${field} = ${n} must be a whole number in [1, 1000]`, { field });
  }
  const centres = (lo: number, hi: number, n: number) => Array.from({ length: n }, (_, i) => lo + ((hi - lo) * (i + 0.5)) / n);
  const w = centres(wMin, wMax, columns);
  const b = centres(bMin, bMax, rows);
  const values = new Float64Array(columns * rows);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      const c = unitCost(costs[cost], w[j] * x + b[i], y).cost;
      values[i * columns + j] = c;
      if (c < min) min = c;
      if (c > max) max = c;
    }
  }
  return { cost, w, b, values, min, max };
}
