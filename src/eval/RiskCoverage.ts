/**
 * The area under the risk–coverage curve, AURC, of selective prediction (Geifman & El-Yaniv
 * 2017, "Selective classification for deep neural networks", NeurIPS; AURC and E-AURC as in
 * Geifman, Uziel & El-Yaniv 2019, "Bias-reduced uncertainty estimation for deep neural
 * classifiers", ICLR, and Ding et al. 2020, "Revisiting the evaluation of uncertainty
 * estimation…", CVPR workshops; torch-uncertainty's `AURC`/`EAURC` metrics): rows are kept
 * from the most confident down, by their top-label probability, and the risk of the kept
 * rows is their 0/1 error. With n rows of distinct confidences sorted down and E_i the
 * errors among the first i,
 *
 *   AURC = (1/n) Σ_{i=1}^{n} E_i / i,
 *
 * the mean selective risk over the coverages i/n. Rows of equal confidence cannot be told
 * apart, so they are kept or rejected together, as one block (Geifman's `RC_curve` does the
 * same): each of a block's rows gets the block's risk at its end, E_b/C_b, and with weights
 * w_i (coverage counted in Σw)
 *
 *   AURC = Σ_blocks (W_b/W)·(E_b/C_b),
 *
 * W_b the block's weight, C_b and E_b the weight and error weight of it and every block
 * above it. All rows equally confident: one block, AURC = the error rate.
 *
 * Mergeable sums, no sort: each row's weight and error weight go to the cell ⌊f·G⌋ of its
 * confidence f on the grid of the smooth ECE (G = 2^14; cell G holds f = 1 alone), and the
 * cells are the blocks. That is the exact AURC above when the confidences within a cell
 * are equal; otherwise the rows' own blocks order a cell's rows among themselves, and a
 * row's risk E_i/C_i differs from its cell's E_c/C_c by (δE − (E_i/C_i)·δC)/C_c, δC ≤ W_c
 * the weight after it in the cell and 0 ≤ δE ≤ δC, so
 *
 *   |AURC(grid) − AURC(rows)| ≤ Σ_{c: more than one confidence} (W_c/W)·(W_c/C_c),
 *
 * which `aurcGridBound` computes from the sums (each cell keeps its least and greatest
 * confidence, so a cell of one confidence, however many rows, adds 0). For rows whose
 * confidences have a density below ρ, W_c/W ≲ ρ/G and C_c/W runs from about ρ/G to 1, so the
 * bound is about (ρ/G)·Σ_c (ρ/G)/(C_c/W) ≈ (ρ/G)·(1 + ln(G/ρ)), whatever the number of rows:
 * 6.5e-4 for ρ = 1.
 *
 * E-AURC = AURC − AURC*, AURC* = r + (1 − r)·ln(1 − r) the area of the ideal ranking (every
 * error after every right row) at the same error rate r, in the continuous limit that
 * Geifman et al. and torch-uncertainty use; with n rows the ideal ranking's own AURC
 * exceeds it by O(ln n / n), so E-AURC can be slightly positive even for a perfect ranking.
 */
export interface RiskCoverageSums {
  /**
   * Per cell j = ⌊f·G⌋, j = 0…G, side by side (one row touches one place in memory rather
   * than six arrays): at 6j, Σw and its compensation; at 6j + 2, Σw·[top label wrong] and
   * its compensation (Neumaier sums, as core/math's); at 6j + 4 and 6j + 5, the least and
   * the greatest confidence of a row in the cell (+∞ and −∞ when empty): a cell where they
   * are equal is exact.
   */
  cells: Float64Array;
}

/** Cells of the confidence: the smooth ECE's 2^14 intervals (src/eval/SmoothEce.ts), plus f = 1. */
export const RISK_COVERAGE_GRID = 1 << 14;

/** Numbers kept per cell. */
const STRIDE = 6;

export function riskCoverageSums(): RiskCoverageSums {
  const cells = new Float64Array(STRIDE * (RISK_COVERAGE_GRID + 1));
  for (let j = 0; j <= RISK_COVERAGE_GRID; j++) {
    cells[STRIDE * j + 4] = Infinity;
    cells[STRIDE * j + 5] = -Infinity;
  }
  return { cells };
}

/** The cell of confidence `confidence` ∈ [0, 1]: equal confidences share one, f = 1 has its own. */
export function riskCoverageCell(confidence: number): number {
  return Math.min(RISK_COVERAGE_GRID, Math.max(0, Math.floor(confidence * RISK_COVERAGE_GRID)));
}

/** Where each of a cell's figures lies in its stride: the weight, the wrong rows' weight (each with its compensation), the least and greatest confidence. */
const CELL_FIELDS = { weight: 0, wrong: 2, least: 4, greatest: 5 } as const;
export type RiskCoverageField = keyof typeof CELL_FIELDS;
export const RISK_COVERAGE_FIELDS = Object.keys(CELL_FIELDS) as RiskCoverageField[];

/** Sets one figure of a cell, as a SQL engine's GROUP BY computed it (eval/sql/sumsFromCells). */
export function setRiskCoverageCell(sums: RiskCoverageSums, field: RiskCoverageField, cell: number, value: number): void {
  sums.cells[STRIDE * cell + CELL_FIELDS[field]] = value;
}

/** Adds a row of top-label confidence `confidence`, `right` ∈ {0, 1}. */
export function addRiskCoverage(sums: RiskCoverageSums, weight: number, confidence: number, right: number): void {
  if (weight === 0) return;
  const cells = sums.cells;
  const at = STRIDE * riskCoverageCell(confidence);
  addCompensated(cells, at, weight);
  if (right === 0) addCompensated(cells, at + 2, weight);
  if (confidence < cells[at + 4]) cells[at + 4] = confidence;
  if (confidence > cells[at + 5]) cells[at + 5] = confidence;
}

/** addRiskCoverage over rows 0 … rows − 1 of a batch, in order: bit for bit the same sums. */
export function addRiskCoverageBatch(sums: RiskCoverageSums, weights: Float64Array, confidence: Float64Array, right: Uint8Array, rows: number): void {
  const cells = sums.cells;
  for (let r = 0; r < rows; r++) {
    const weight = weights[r];
    if (weight === 0) continue;
    const c = confidence[r];
    const at = STRIDE * riskCoverageCell(c);
    addCompensated(cells, at, weight);
    if (right[r] === 0) addCompensated(cells, at + 2, weight);
    if (c < cells[at + 4]) cells[at + 4] = c;
    if (c > cells[at + 5]) cells[at + 5] = c;
  }
}

/** Neumaier's compensated add of x to the sum at `at`, its compensation at `at + 1` (core/math's neumaierAdd, on this layout). */
function addCompensated(cells: Float64Array, at: number, x: number): void {
  const s = cells[at];
  const t = s + x;
  cells[at + 1] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
  cells[at] = t;
}

/** The compensated total at `at` (a non-finite sum as it is). */
function total(cells: Float64Array, at: number): number {
  const s = cells[at];
  return Number.isFinite(s) ? s + cells[at + 1] : s;
}

export function mergeRiskCoverageSums(into: RiskCoverageSums, from: RiskCoverageSums): void {
  const a = into.cells;
  const b = from.cells;
  for (let at = 0; at < a.length; at += STRIDE) {
    for (const k of [0, 2]) {
      addCompensated(a, at + k, b[at + k]);
      a[at + k + 1] += b[at + k + 1];
    }
    a[at + 4] = Math.min(a[at + 4], b[at + 4]);
    a[at + 5] = Math.max(a[at + 5], b[at + 5]);
  }
}

/** Each cell's weight Σw, the weight of its rows whose top label is right, and its least and greatest confidence, j = 0…G (cell G holds f = 1 alone). */
export function riskCoverageCellWeights(sums: RiskCoverageSums): { weight: Float64Array; right: Float64Array; least: Float64Array; greatest: Float64Array } {
  const cells = sums.cells;
  const n = cells.length / STRIDE;
  const weight = new Float64Array(n);
  const right = new Float64Array(n);
  const least = new Float64Array(n);
  const greatest = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    weight[j] = total(cells, STRIDE * j);
    right[j] = weight[j] - total(cells, STRIDE * j + 2);
    least[j] = cells[STRIDE * j + 4];
    greatest[j] = cells[STRIDE * j + 5];
  }
  return { weight, right, least, greatest };
}

/** The risk–coverage curve, thinned for drawing: coverage (share of Σw kept) and the kept rows' error rate. */
export interface RiskCoverageCurve {
  coverage: number[];
  risk: number[];
}

/**
 * The curve through the end of every block (cell), most confident first, thinned to the
 * last block end at or past each coverage k/points and the block ends around any jump of
 * risk above 1/points (so a drawn curve stays within a pixel of the full one at a few
 * hundred points); empty when no row has weight.
 */
export function riskCoverageCurve(sums: RiskCoverageSums, points = 256): RiskCoverageCurve {
  const { weight, right } = riskCoverageCellWeights(sums);
  let W = 0;
  for (let j = 0; j < weight.length; j++) W += weight[j];
  const curve: RiskCoverageCurve = { coverage: [], risk: [] };
  if (!(W > 0 && W < Infinity)) return curve;
  let covered = 0;
  let wrong = 0;
  let nextCoverage = 0;
  let lastRisk = NaN;
  let pending: [number, number] | undefined;
  for (let j = weight.length - 1; j >= 0; j--) {
    const w = weight[j];
    if (w === 0) continue;
    covered += w;
    wrong += w - right[j];
    const coverage = covered / W;
    const risk = Math.min(1, Math.max(0, wrong / covered));
    const jump = !(Math.abs(risk - lastRisk) <= 1 / points);
    if (coverage >= nextCoverage || jump || j === 0) {
      if (jump && pending !== undefined) {
        curve.coverage.push(pending[0]);
        curve.risk.push(pending[1]);
      }
      curve.coverage.push(coverage);
      curve.risk.push(risk);
      lastRisk = risk;
      pending = undefined;
      while (nextCoverage <= coverage) nextCoverage += 1 / points;
    } else {
      pending = [coverage, risk];
    }
  }
  if (pending !== undefined) {
    curve.coverage.push(pending[0]);
    curve.risk.push(pending[1]);
  }
  return curve;
}

export interface RiskCoverageFigures {
  /** Area under the risk–coverage curve, in [0, 1]; lower is better. */
  aurc: number;
  /** AURC less that of the ideal ranking at the same error rate, r + (1 − r)·ln(1 − r). */
  eAurc: number;
  /** Σ_c (W_c/W)·(W_c/C_c) over the cells holding more than one confidence: how far `aurc` may lie from the AURC of the rows' own confidences. */
  aurcGridBound: number;
}

/** AURC, E-AURC and the grid's bound, from the sums; NaN for all three when no row has weight. */
export function riskCoverageFigures(sums: RiskCoverageSums): RiskCoverageFigures {
  const cells = sums.cells;
  let W = 0;
  let errors = 0;
  for (let at = 0; at < cells.length; at += STRIDE) {
    W += total(cells, at);
    errors += total(cells, at + 2);
  }
  if (!(W > 0 && W < Infinity)) return { aurc: NaN, eAurc: NaN, aurcGridBound: NaN };
  let area = 0;
  let bound = 0;
  let covered = 0;
  let wrong = 0;
  for (let at = cells.length - STRIDE; at >= 0; at -= STRIDE) {
    const w = total(cells, at);
    if (w === 0) continue;
    covered += w;
    wrong += total(cells, at + 2);
    area += w * (wrong / covered);
    if (cells[at + 4] !== cells[at + 5]) bound += (w * w) / covered;
  }
  const aurc = area / W;
  const r = Math.min(1, errors / W);
  // (1 − r)·ln(1 − r) → 0 as r → 1.
  const ideal = r === 1 ? 1 : r + (1 - r) * Math.log1p(-r);
  return { aurc, eAurc: aurc - ideal, aurcGridBound: bound / W };
}
