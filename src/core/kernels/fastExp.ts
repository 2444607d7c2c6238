/**
 * exp(x) for x ≤ 0 to float32 accuracy, several times faster than Math.exp in V8: the
 * softmax and sigmoid kernels of the float32 path call it once per element, and on
 * those paths Math.exp is most of the time.
 *
 * Table-driven reduction (Tang, "Table-driven implementation of the exponential function
 * in IEEE floating-point arithmetic", ACM TOMS 15, 1989) with 64 table entries:
 *   k = round(x · 64/ln 2),  r = x − k · ln2/64,  |r| ≤ ln2/128 ≈ 0.0054,
 *   exp(x) = 2^(k >> 6) · 2^((k & 63)/64) · e^r,
 * and e^r ≈ 1 + r + r²/2 + r³/6, whose truncation error r⁴/24 ≤ 3.6e-11 is far below the
 * float32 rounding (6e-8). Arithmetic is in doubles, so the result is exp(x) within
 * ~1e-10 relative, and rounds to the correctly rounded float32 in almost every case.
 *
 * Below −87.33 (where exp(x) leaves the float32 normal range) the result is 0, so
 * −Infinity gives 0; NaN gives NaN. Inputs above 0 are outside the contract (the tables
 * stop at 2^1).
 *
 * @example
 * fastExpNonPositive(-1) // 0.36787944117144233 ± 1e-10 relative
 * fastExpNonPositive(-Infinity) // 0
 */
export function fastExpNonPositive(x: number): number {
  if (x < FLOAT32_EXP_UNDERFLOW) return 0;
  // Adding and removing 1.5·2^52 rounds to the nearest integer (the sum has no fraction
  // bits left); V8 compiles this to two additions, where Math.round costs a call.
  const k = x * SIXTY_FOUR_OVER_LN2 + ROUNDING_SHIFT - ROUNDING_SHIFT;
  const r = x - k * LN2_OVER_SIXTY_FOUR;
  const ki = k | 0;
  // ki >> 6 floors (arithmetic shift), ki & 63 is the non-negative remainder: for
  // ki = −65, −2 and 63, whose sum is −65.
  const poly = 1 + r * (1 + r * (0.5 + r * (1 / 6)));
  return POW2_INT[(ki >> 6) + POW2_INT_BIAS] * POW2_FRAC[ki & 63] * poly;
}

/** ln(FLT_MIN) = ln(2^−126): below it exp(x) is a float32 subnormal or 0. */
export const FLOAT32_EXP_UNDERFLOW = -87.3365447505531;
const SIXTY_FOUR_OVER_LN2 = 64 / Math.LN2;
const LN2_OVER_SIXTY_FOUR = Math.LN2 / 64;
const ROUNDING_SHIFT = 6755399441055744;

/** 2^(j/64) for j = 0 … 63. */
const POW2_FRAC = new Float64Array(64);
for (let j = 0; j < 64; j++) POW2_FRAC[j] = Math.pow(2, j / 64);

/** 2^e for e = −POW2_INT_BIAS … 1: exact powers of two. */
const POW2_INT_BIAS = 130;
const POW2_INT = new Float64Array(POW2_INT_BIAS + 2);
for (let e = -POW2_INT_BIAS; e <= 1; e++) POW2_INT[e + POW2_INT_BIAS] = Math.pow(2, e);
