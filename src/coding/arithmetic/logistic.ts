// Integer logistic functions for the mixer, after M. Mahoney's lpaq1 (2007): squash is a
// table of 33 points of 4096/(1 + e^−x/256) interpolated linearly, and stretch is its
// exact inverse found by walking the table. Only integers are involved, so encoder
// and decoder predict the same probabilities on every engine (Math.exp may differ in
// the last bit between engines; a coder cannot afford that).

const SQUASH_POINTS = [
  1, 2, 3, 6, 10, 16, 27, 45, 73, 120, 194, 310, 488, 747, 1101, 1546, 2047, 2549, 2994, 3348, 3607, 3785, 3901, 3975,
  4022, 4050, 4068, 4079, 4085, 4089, 4092, 4093, 4094,
];

/** 4096/(1 + e^(−d/256)) for d in stretch units, as an integer in [1, 4095]. */
export function squash(d: number): number {
  if (d > 2047) return 4095;
  if (d < -2047) return 1;
  const w = d & 127;
  const i = (d >> 7) + 16;
  return (SQUASH_POINTS[i] * (128 - w) + SQUASH_POINTS[i + 1] * w + 64) >> 7;
}

/**
 * squash(d) for every integer d in [−2047, 2047], at index d + 2047: one load instead of
 * the interpolation, the same values.
 */
export const SQUASH_TABLE: Int16Array = makeSquashTable();

function makeSquashTable(): Int16Array {
  // squash's interpolation written out segment by segment: this runs at start-up, before
  // any JIT, on every compress and decompress, and a call per entry cost milliseconds.
  // d = i − 2047 lies in segment (d >> 7) + 16 at w = d & 127, so i = 128·s + w − 1.
  const table = new Int16Array(4095);
  for (let s = 0; s < 32; s++) {
    const lo = SQUASH_POINTS[s];
    const hi = SQUASH_POINTS[s + 1];
    for (let w = s === 0 ? 1 : 0; w < 128; w++) table[128 * s + w - 1] = (lo * (128 - w) + hi * w + 64) >> 7;
  }
  return table;
}

/** ln(p/(1 − p))·256 for p in units of 1/4096: the inverse of squash, in [−2047, 2047]. */
export const STRETCH: Int16Array = makeStretch();

function makeStretch(): Int16Array {
  const table = new Int16Array(4096);
  let pi = 0;
  for (let x = -2047; x <= 2047; x++) {
    const v = SQUASH_TABLE[x + 2047];
    for (let i = pi; i <= v; i++) table[i] = x;
    pi = v + 1;
  }
  for (let i = pi; i < 4096; i++) table[i] = 2047;
  return table;
}
