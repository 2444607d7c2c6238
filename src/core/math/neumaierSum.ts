/**
 * Compensated summation (Neumaier's improvement of Kahan's algorithm).
 *
 * A plain running sum loses the low-order bits of every small term added to a large
 * total: a million terms of 1e-6 drift by about n·ε·|sum| ≈ 1e-10. Neumaier keeps the
 * lost bits in a separate compensation, so the error stays near one rounding of the
 * result whatever the order and size of the terms
 * (A. Neumaier, ZAMM 54, 1974, "Rundungsfehleranalyse einiger Verfahren zur Summation
 * endlicher Summen").
 *
 * Three forms of the one algorithm: `NeumaierAccumulator` for one total in a hot loop (no
 * allocation per term), `NeumaierSums` for many totals kept side by side in typed arrays
 * (bins of a histogram; merged slot by slot), and `neumaierSum` for an array.
 */
export class NeumaierAccumulator {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    this.compensation += lostBits(this.sum, x, t);
    this.sum = t;
  }

  /** The compensated total. Non-finite terms propagate as in a plain sum. */
  value(): number {
    return compensatedTotal(this.sum, this.compensation);
  }
}

/**
 * The bits of `s + x` that rounding dropped from `t = fl(s + x)`, exactly: whichever
 * operand is larger in magnitude keeps its bits, and the other's lost part is recovered
 * (Neumaier's branch; Kahan's form assumes |s| ≥ |x|).
 */
function lostBits(s: number, x: number, t: number): number {
  return Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
}

/** Sum plus compensation; a non-finite sum is returned as it is (Infinity − Infinity inside the compensation would turn ±Infinity into NaN). */
function compensatedTotal(sum: number, compensation: number): number {
  return Number.isFinite(sum) ? sum + compensation : sum;
}

/**
 * Many compensated totals side by side: slot i's total is `sum[i] + compensation[i]`.
 * Plain data (two Float64Arrays of equal length), so a table of them can be copied,
 * written out and merged; two arrays rather than one accumulator object per slot keep a
 * per-row loop free of allocations and pointer chasing.
 */
export interface NeumaierSums {
  readonly sum: Float64Array;
  readonly compensation: Float64Array;
}

/** `slots` totals, all 0. */
export function neumaierSums(slots: number): NeumaierSums {
  return { sum: new Float64Array(slots), compensation: new Float64Array(slots) };
}

/** Adds `x` to slot `i`, in place. */
export function neumaierAdd(sums: NeumaierSums, i: number, x: number): void {
  const s = sums.sum[i];
  const t = s + x;
  sums.compensation[i] += lostBits(s, x, t);
  sums.sum[i] = t;
}

/** The compensated total of slot `i`. */
export function neumaierValue(sums: NeumaierSums, i: number): number {
  return compensatedTotal(sums.sum[i], sums.compensation[i]);
}

/**
 * Adds every slot of `from` to the same slot of `into`, in place: each running sum is
 * added with compensation and the compensations add plainly (each is within a rounding of
 * its sum, so rounding their sum costs of order ε² of the total). Merging the totals of the
 * parts of a sequence gives the total of the whole to within a rounding or two.
 */
export function neumaierMerge(into: NeumaierSums, from: NeumaierSums): void {
  if (into.sum.length !== from.sum.length) throw new RangeError(`cannot merge ${from.sum.length} sums into ${into.sum.length}`);
  for (let i = 0; i < into.sum.length; i++) {
    neumaierAdd(into, i, from.sum[i]);
    into.compensation[i] += from.compensation[i];
  }
}

/**
 * Sum of `xs` with compensated summation; 0 for an empty input.
 *
 * @example
 * neumaierSum([1e16, 1, -1e16]) // 1 (a plain sum gives 0)
 */
export function neumaierSum(xs: ArrayLike<number>): number {
  const acc = new NeumaierAccumulator();
  for (let i = 0; i < xs.length; i++) acc.add(xs[i]);
  return acc.value();
}
