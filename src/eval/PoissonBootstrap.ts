import { XentError } from '../core/XentError.js';
import { natsTo, type InfoUnit } from '../core/info/unit.js';
import { counterDraw, counterKey } from './counterRandom.js';

/**
 * The Poisson bootstrap (Hanley & MacGibbon 2006; Chamandy et al. 2012, "Estimating
 * uncertainty for massive data streams", Google): instead of resampling n rows with
 * replacement, each row enters replicate r with weight w·k_r, k_r ~ Poisson(1)
 * independently, which is the multinomial bootstrap up to the total count, and needs no
 * second look at the data. The draws k come from a counter-based hash of (seed, row index,
 * replicate), so a row gets the same draws whichever shard or pass it is read in, and the
 * replicate sums of shards add up to the whole's.
 *
 * Per replicate the sums are small: Σw, Σwℓ over rows of finite loss, the count of rows of
 * infinite loss, Σw·[right], Σw·Brier, Σw·spherical, and the top-label bins' Σw and
 * Σw(right − confidence) for the ECE, and, for the first BAND_MAX_REPLICATES replicates,
 * Σw and Σw·right on a grid of BAND_GRID intervals of the confidence, from which the
 * smoothed reliability curve's band is drawn at the whole's bandwidth
 * (src/eval/SmoothReliability.ts). The smooth ECE itself is not bootstrapped: each
 * replicate would carry the 2^14-interval grid (256 KiB) and cost a bandwidth search at
 * report time, 200 of them far more than the rest of the report.
 */
export interface BootstrapSums {
  replicates: number;
  seed: number;
  /** Top-label bins M (as the report's bins, or the fine grid's cells). */
  bins: number;
  /** Replicate r's scalar s at r·SCALARS + s: Σw, Σwℓ (finite ℓ, nats), rows of infinite ℓ, Σw·right, Σw·Brier, Σw·spherical. */
  scalars: Float64Array;
  /** Replicate r's bin b at 2(r·M + b): Σw, then Σw(right − confidence). */
  binSums: Float64Array;
  /**
   * Replicate r < R = min(replicates, BAND_MAX_REPLICATES) at 2(node·R + r): Σw, then
   * Σw·right of its rows at the nearest node/BAND_GRID. Node-major, so one row's additions
   * for every replicate lie together in memory.
   */
  reliability: Float64Array;
}

/** Intervals of the grid a replicate's rows are rounded to for the reliability band: 2^9, a row moves at most 2^-10. */
export const BAND_GRID = 512;
/**
 * Replicates that carry the band's grid: percentiles at 95% need no more than a thousand,
 * and each costs 16·(BAND_GRID + 1) bytes (8.2 KB: 1.6 MB at 200 replicates, 8.2 MB at 1,000).
 */
export const BAND_MAX_REPLICATES = 1000;

/** Replicates that carry the band's grid. */
export function bandReplicates(sums: BootstrapSums): number {
  return Math.min(sums.replicates, BAND_MAX_REPLICATES);
}

export const BOOTSTRAP_SCALARS = 6;
/** Largest number of replicates: 10,000 bounds the replicate sums (and the report's sorting) whatever the bins. */
export const MAX_BOOTSTRAP_REPLICATES = 10000;

export function bootstrapSums(replicates: number, seed: number, bins: number): BootstrapSums {
  if (!Number.isInteger(replicates) || replicates < 1 || replicates > MAX_BOOTSTRAP_REPLICATES) {
    throw new XentError(`bootstrap replicates must be a whole number from 1 to ${MAX_BOOTSTRAP_REPLICATES}, got ${replicates}`, { field: 'bootstrap' });
  }
  if (!Number.isSafeInteger(seed) || seed < 0) throw new XentError(`seed must be a whole number ≥ 0, got ${seed}`, { field: 'seed' });
  return { replicates, seed, bins, scalars: new Float64Array(replicates * BOOTSTRAP_SCALARS), binSums: new Float64Array(2 * replicates * bins), reliability: new Float64Array(2 * (BAND_GRID + 1) * Math.min(replicates, BAND_MAX_REPLICATES)) };
}

/**
 * Thresholds of 2^16·F(k) for the Poisson(1) distribution function F: a uniform 16-bit u
 * draws k = #{j : u ≥ T_j}. F(k) = e^{−1}Σ_{j≤k} 1/j!; each probability is rounded to a
 * multiple of 2^−16 (an error below 8·10^−6, far inside a bootstrap's own noise), which
 * lets one 32-bit hash give the draws of two replicates. P(k ≥ 9) rounds to 0.
 */
const POISSON_THRESHOLDS: readonly number[] = (() => {
  const thresholds: number[] = [];
  let term = Math.exp(-1);
  let cdf = 0;
  for (let k = 0; k < 9; k++) {
    cdf += term;
    term /= k + 1;
    thresholds.push(Math.min(65536, Math.round(cdf * 65536)));
  }
  return thresholds;
})();
const P0 = POISSON_THRESHOLDS[0];
const P1 = POISSON_THRESHOLDS[1];

/** The Poisson(1) draw of replicate r for a row whose key is counterKey(seed, row index): replicates 2i and 2i + 1 share hash i, low and high half. */
export function poissonDraw(key: number, r: number): number {
  const bits = counterDraw(key, r >>> 1);
  return poissonOf16((r & 1) === 0 ? bits & 0xffff : bits >>> 16);
}

function poissonOf16(u: number): number {
  if (u < P0) return 0;
  if (u < P1) return 1;
  let k = 2;
  while (k < POISSON_THRESHOLDS.length && u >= POISSON_THRESHOLDS[k]) k++;
  return k;
}

/** What one row adds to a replicate of Poisson weight 1. */
export interface BootstrapRow {
  weight: number;
  /** −log p_y in nats after the clip; Infinity for p_y = 0. */
  loss: number;
  right: number;
  brier: number;
  spherical: number;
  confidence: number;
  /** The row's top-label bin. */
  bin: number;
}

/** Adds row number `rowIndex` (0-based over all shards) to every replicate. */
export function addBootstrapRow(sums: BootstrapSums, rowIndex: number, row: BootstrapRow): void {
  const w = row.weight;
  if (w === 0) return;
  const key = counterKey(sums.seed, rowIndex);
  const finite = row.loss !== Infinity;
  const wl = finite ? w * row.loss : 0;
  const infinite = finite ? 0 : 1;
  const wr = w * row.right;
  const wb = w * row.brier;
  const ws = w * row.spherical;
  const wg = w * (row.right - row.confidence);
  const { scalars, binSums, reliability, replicates: B, bins: M } = sums;
  const R = Math.min(B, BAND_MAX_REPLICATES);
  const node = 2 * R * Math.min(BAND_GRID, Math.max(0, Math.round(row.confidence * BAND_GRID)));
  let bits = 0;
  for (let r = 0; r < B; r++) {
    // One hash per two replicates (poissonDraw, unrolled).
    if ((r & 1) === 0) bits = counterDraw(key, r >>> 1);
    const k = poissonOf16((r & 1) === 0 ? bits & 0xffff : bits >>> 16);
    if (k === 0) continue;
    const s = r * BOOTSTRAP_SCALARS;
    scalars[s] += k * w;
    scalars[s + 1] += k * wl;
    scalars[s + 2] += k * infinite;
    scalars[s + 3] += k * wr;
    scalars[s + 4] += k * wb;
    scalars[s + 5] += k * ws;
    const c = 2 * (r * M + row.bin);
    binSums[c] += k * w;
    binSums[c + 1] += k * wg;
    if (r < R) {
      const g = node + 2 * r;
      reliability[g] += k * w;
      reliability[g + 1] += k * wr;
    }
  }
}

/** Why two replicate tables cannot merge, or undefined. */
export function bootstrapMergeProblem(a: BootstrapSums | undefined, b: BootstrapSums | undefined): string | undefined {
  if (a === undefined && b === undefined) return undefined;
  if (a === undefined || b === undefined) return 'cannot merge sums with bootstrap replicates and sums without';
  if (a.replicates !== b.replicates || a.seed !== b.seed || a.bins !== b.bins) {
    return `cannot merge bootstrap replicates of ${b.replicates} replicates, seed ${b.seed} into ${a.replicates} replicates, seed ${a.seed}`;
  }
  return undefined;
}

export function mergeBootstrapSums(into: BootstrapSums, from: BootstrapSums): void {
  const problem = bootstrapMergeProblem(into, from);
  if (problem !== undefined) throw new XentError(problem, { field: 'bootstrap' });
  for (let i = 0; i < into.scalars.length; i++) into.scalars[i] += from.scalars[i];
  for (let i = 0; i < into.binSums.length; i++) into.binSums[i] += from.binSums[i];
  for (let i = 0; i < into.reliability.length; i++) into.reliability[i] += from.reliability[i];
}

/** Percentile intervals: the figures and their [lower, upper] over the replicates. */
export interface BootstrapIntervals {
  level: number;
  replicates: number;
  seed: number;
  logLoss: [number, number];
  accuracy: [number, number];
  brier: [number, number];
  sphericalScore: [number, number];
  ece: [number, number];
}

/**
 * Each replicate's figures from its sums, as the report computes them from the whole's
 * (logLoss = Σwℓ/Σw, Infinity with a row of infinite loss; ECE = Σ_b |Σw(right − conf)|/Σw),
 * then the percentile interval at `level`: the (1 − level)/2 and (1 + level)/2 quantiles of
 * the replicates, interpolated linearly between order statistics (Hyndman & Fan's type 7,
 * numpy's default). Binary Brier scores are the class-1 score, as in the report.
 */
export function bootstrapIntervals(sums: BootstrapSums, level: number, unit: InfoUnit, bins: (r: number, weight: Float64Array, gap: Float64Array) => void = () => {}): BootstrapIntervals {
  const B = sums.replicates;
  const M = sums.bins;
  const figures = { logLoss: new Float64Array(B), accuracy: new Float64Array(B), brier: new Float64Array(B), sphericalScore: new Float64Array(B), ece: new Float64Array(B) };
  const toUnit = natsTo(unit);
  const binWeight = new Float64Array(M);
  const binGap = new Float64Array(M);
  for (let r = 0; r < B; r++) {
    const s = r * BOOTSTRAP_SCALARS;
    const W = sums.scalars[s];
    figures.logLoss[r] = sums.scalars[s + 2] > 0 ? Infinity : (sums.scalars[s + 1] / W) * toUnit;
    figures.accuracy[r] = sums.scalars[s + 3] / W;
    figures.brier[r] = sums.scalars[s + 4] / W;
    figures.sphericalScore[r] = sums.scalars[s + 5] / W;
    for (let b = 0; b < M; b++) {
      binWeight[b] = sums.binSums[2 * (r * M + b)];
      binGap[b] = sums.binSums[2 * (r * M + b) + 1];
    }
    // A fine grid's cells are regrouped into the report's bins first.
    bins(r, binWeight, binGap);
    let ece = 0;
    for (let b = 0; b < M; b++) if (binWeight[b] > 0) ece += Math.abs(binGap[b]);
    figures.ece[r] = ece / W;
  }
  const interval = (xs: Float64Array): [number, number] => [percentile(xs, (1 - level) / 2), percentile(xs, (1 + level) / 2)];
  return {
    level,
    replicates: B,
    seed: sums.seed,
    logLoss: interval(figures.logLoss),
    accuracy: interval(figures.accuracy),
    brier: interval(figures.brier),
    sphericalScore: interval(figures.sphericalScore),
    ece: interval(figures.ece),
  };
}

/** Type-7 quantile q of xs (NaN replicates, of zero weight, are left out). */
export function percentile(xs: Float64Array, q: number): number {
  const sorted = xs.filter((x) => !Number.isNaN(x)).sort();
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  if (sorted[lo] === sorted[hi]) return sorted[lo];
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function checkCiLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new XentError(`ci level must lie strictly between 0 and 1, got ${level}`, { field: 'ci-level' });
}
