import { XentError } from '../core/XentError.js';
import { neumaierAdd } from '../core/math/index.js';
import { binOf } from './binEdges.js';
import type { EqualMassFromStats } from './EqualMassFromStats.js';
import type { InfoUnit } from '../core/info/unit.js';
import { kllMerge, kllQuantiles, KLL_RANK_ERROR, type KllSketch } from './KllSketch.js';
import { bootstrapIntervals, bootstrapMergeProblem, mergeBootstrapSums, type BootstrapIntervals, type BootstrapSums } from './PoissonBootstrap.js';
import { topLabelSums, type TopLabelSums } from './TopLabelBins.js';

/**
 * The parts of the table of sums that make evaluation scale past one pass over one file:
 * the Poisson bootstrap's replicate sums, and equal-mass bins formed after the rows are
 * gone (from saved shards, or a warehouse's GROUP BY).
 *
 * Equal-mass bins need the edges before the rows are binned, which one pass over shards
 * cannot give. So from stats the top-label sums are kept on a fine grid of
 * EQUAL_MASS_GRID cells of the confidence (equally spaced in logit), and the report's bins are unions of
 * cells: each edge c_(r_m), r_m = ⌈m·n/M⌉, is estimated by the merged KLL sketch of the
 * confidences (rank error ≤ KLL_RANK_ERROR·n) and rounded up to the grid, or, without a
 * sketch (a SQL result), it is the lowest grid point whose exact count of rows at or below
 * it reaches r_m. Either way an edge's rank is off by at most the sketch's error plus the
 * rows of one cell; the report gives that rank error exactly (`equalMass.largestRankError`),
 * since the cells' counts are exact.
 */
export interface EvalSumsScale {
  bootstrap?: BootstrapSums;
  /** Set when the top-label sums hold the fine grid and the report forms this many equal-mass bins. */
  equalMassBins?: number;
  quantileSketch?: KllSketch;
}

/** Cells of the confidence that equal-mass bins are formed from, from stats. */
export const EQUAL_MASS_GRID = 4096;
/** The cells are equally spaced in logit(c) over [−L, L]: a good model's confidences crowd near 1, where equal-width cells would put most rows in one. */
export const EQUAL_MASS_GRID_LOGIT = 16;

/**
 * Edges 0, σ(−L + 2L·i/F) for i = 1 … F − 1, and 1 (σ the logistic function): a step of
 * 2L/F = 1/128 in logit, a relative step of under 1% in c near 0 and in 1 − c near 1, down
 * to 1 − c ≈ 1.1e-7 (float32's resolution below 1). Confidences past ±L share the end cells.
 */
export function equalMassGridEdges(): Float64Array {
  const F = EQUAL_MASS_GRID;
  const L = EQUAL_MASS_GRID_LOGIT;
  const edges = new Float64Array(F + 1);
  for (let i = 1; i < F; i++) edges[i] = 1 / (1 + Math.exp(L - (2 * L * i) / F));
  edges[F] = 1;
  return edges;
}

/** Why the scale parts of `from` cannot merge into `into`, or undefined. */
export function scaleMergeProblem(into: EvalSumsScale, from: EvalSumsScale): string | undefined {
  if (into.equalMassBins !== from.equalMassBins) return `cannot merge sums of ${from.equalMassBins ?? 'no'} equal-mass bins from stats into ${into.equalMassBins ?? 'no'}`;
  if ((into.quantileSketch === undefined) !== (from.quantileSketch === undefined)) return 'cannot merge sums with a quantile sketch and sums without';
  if (into.quantileSketch !== undefined && from.quantileSketch !== undefined && (into.quantileSketch.k !== from.quantileSketch.k || into.quantileSketch.seed !== from.quantileSketch.seed)) {
    return 'cannot merge quantile sketches of different k or seed';
  }
  return bootstrapMergeProblem(into.bootstrap, from.bootstrap);
}

export function mergeScale(into: EvalSumsScale, from: EvalSumsScale): void {
  const problem = scaleMergeProblem(into, from);
  if (problem !== undefined) throw new XentError(problem, { field: 'sums' });
  if (into.quantileSketch !== undefined && from.quantileSketch !== undefined) kllMerge(into.quantileSketch, from.quantileSketch);
  if (into.bootstrap !== undefined && from.bootstrap !== undefined) mergeBootstrapSums(into.bootstrap, from.bootstrap);
}

/** Edges of `bins` equal-mass bins on the fine grid of `fine`, with how far their ranks are from the targets. */
export function equalMassEdges(fine: TopLabelSums, bins: number, sketch: KllSketch | undefined): { edges: Float64Array; info: EqualMassFromStats } {
  const F = fine.rows.length;
  const cumulative = new Float64Array(F + 1);
  for (let c = 0; c < F; c++) cumulative[c + 1] = cumulative[c] + fine.rows[c];
  const n = cumulative[F];
  const targets = Array.from({ length: bins - 1 }, (_, m) => Math.max(1, Math.ceil(((m + 1) * n) / bins)));
  const edges = new Float64Array(bins + 1);
  edges[bins] = 1;
  let largest = 0;
  const quantiles = sketch === undefined || sketch.n === 0 ? undefined : kllQuantiles(sketch, targets);
  targets.forEach((r, m) => {
    let j: number;
    if (quantiles !== undefined) {
      // The sketch's value, rounded up to the grid point above it (the upper edge of its cell).
      j = Math.min(F, binOf(fine.edges, quantiles[m]) + 1);
      if (!(quantiles[m] > 0)) j = 0;
    } else {
      j = 0;
      while (j < F && cumulative[j] < r) j++;
    }
    edges[m + 1] = fine.edges[j];
    if (n > 0) largest = Math.max(largest, Math.abs(cumulative[j] - r) / n);
  });
  return { edges, info: { method: quantiles !== undefined ? 'kll' : 'grid', gridCells: F, sketchRankError: quantiles !== undefined ? KLL_RANK_ERROR : 0, largestRankError: largest } };
}

/** The bin of each fine cell: the cell (g_c, g_{c+1}] goes where its upper edge goes. */
function cellBins(fine: TopLabelSums, edges: Float64Array): Int32Array {
  const F = fine.rows.length;
  const map = new Int32Array(F);
  for (let c = 0; c < F; c++) map[c] = binOf(edges, fine.edges[c + 1]);
  return map;
}

/** The fine grid's sums regrouped into the bins of `edges` (whose inner edges are grid points). */
export function regroupTopLabel(fine: TopLabelSums, edges: Float64Array): TopLabelSums {
  const into = topLabelSums(edges);
  const map = cellBins(fine, edges);
  for (let c = 0; c < map.length; c++) {
    const b = map[c];
    into.rows[b] += fine.rows[c];
    for (const key of ['weight', 'confidence', 'right', 'gap', 'weightSquares'] as const) {
      neumaierAdd(into[key], b, fine[key].sum[c]);
      neumaierAdd(into[key], b, fine[key].compensation[c]);
    }
  }
  neumaierAdd(into.allRight, 0, fine.allRight.sum[0]);
  neumaierAdd(into.allRight, 0, fine.allRight.compensation[0]);
  return into;
}

/** What the report's scale parts read of the table of sums. */
type ScaledSums = EvalSumsScale & { topLabel: TopLabelSums; settings: { unit: InfoUnit } };

/** The report's view of sums from stats: the top-label sums in the report's bins. */
export function reportTopLabel(sums: ScaledSums): { topLabel: TopLabelSums; equalMass?: EqualMassFromStats; cellBins?: Int32Array } {
  if (sums.equalMassBins === undefined) return { topLabel: sums.topLabel };
  const { edges, info } = equalMassEdges(sums.topLabel, sums.equalMassBins, sums.quantileSketch);
  return { topLabel: regroupTopLabel(sums.topLabel, edges), equalMass: info, cellBins: cellBins(sums.topLabel, edges) };
}

/** The bootstrap's intervals, with the replicates' fine cells regrouped as the report's bins are. */
export function reportIntervals(sums: ScaledSums, level: number, map: Int32Array | undefined): BootstrapIntervals | undefined {
  if (sums.bootstrap === undefined) return undefined;
  const regroup =
    map === undefined
      ? undefined
      : (_r: number, weight: Float64Array, gap: Float64Array) => {
          const w = Float64Array.from(weight);
          const g = Float64Array.from(gap);
          weight.fill(0);
          gap.fill(0);
          for (let c = 0; c < map.length; c++) {
            weight[map[c]] += w[c];
            gap[map[c]] += g[c];
          }
        };
  return bootstrapIntervals(sums.bootstrap, level, sums.settings.unit, regroup);
}
