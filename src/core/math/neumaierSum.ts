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
 * Use the accumulator in hot loops (no allocation per term); `neumaierSum` for arrays.
 */
export class NeumaierAccumulator {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    // Whichever operand is larger in magnitude keeps its bits; recover the other's.
    if (Math.abs(this.sum) >= Math.abs(x)) {
      this.compensation += this.sum - t + x;
    } else {
      this.compensation += x - t + this.sum;
    }
    this.sum = t;
  }

  /** The compensated total. Non-finite terms propagate as in a plain sum. */
  value(): number {
    const total = this.sum + this.compensation;
    // Infinity − Infinity inside the compensation would turn ±Infinity into NaN.
    return Number.isFinite(this.sum) ? total : this.sum;
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
