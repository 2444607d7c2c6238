/** The ends and the middle of the diverging colour map (ColorBrewer's PRGn): purple for
 * negative weights, near-white for 0, green for positive. Away from the costs' vermillion
 * and blue, and readable with the common colour-vision deficiencies. */
export const WEIGHT_NEGATIVE = [118, 42, 131] as const;
export const WEIGHT_ZERO = [247, 247, 247] as const;
export const WEIGHT_POSITIVE = [27, 120, 55] as const;
/** A weight that is NaN: mid grey, on no side of the map. */
export const WEIGHT_NAN = [150, 150, 150] as const;

export interface WeightImage {
  /** RGBA bytes, 4 per weight, opaque. */
  rgba: Uint8ClampedArray;
  /** The largest |w| among the finite weights: full colour; 0 when all are 0 (or none is finite). */
  maxAbs: number;
}

/**
 * One hidden unit's incoming weights as an image (28 × 28 for MNIST, row-major like the
 * pixels they weigh), scaled to the unit itself: w/maxAbs in [−1, 1] runs from purple
 * through near-white to green, so each unit shows its own pattern whatever its size.
 * ±Infinity take the full colour of their sign; NaN is grey.
 *
 * @example
 * weightImage([0.5, -1, 0, 0.25]).maxAbs      // 1
 * Array.from(weightImage([0.5, -1, 0]).rgba.slice(4, 8)) // [118, 42, 131, 255]: −1 is full purple
 */
export function weightImage(weights: ArrayLike<number>, offset = 0, length = weights.length - offset, out = new Uint8ClampedArray(4 * length)): WeightImage {
  let maxAbs = 0;
  for (let i = 0; i < length; i++) {
    const v = Math.abs(weights[offset + i]);
    if (v > maxAbs && v !== Infinity) maxAbs = v;
  }
  for (let i = 0; i < length; i++) {
    const w = weights[offset + i];
    const colour = Number.isNaN(w) ? WEIGHT_NAN : undefined;
    // The share of the way from white to the end of w's sign.
    const share = colour ? 0 : !Number.isFinite(w) ? 1 : maxAbs === 0 ? 0 : Math.abs(w) / maxAbs;
    const end = w < 0 ? WEIGHT_NEGATIVE : WEIGHT_POSITIVE;
    for (let c = 0; c < 3; c++) out[4 * i + c] = colour ? colour[c] : Math.round(WEIGHT_ZERO[c] + share * (end[c] - WEIGHT_ZERO[c]));
    out[4 * i + 3] = 255;
  }
  return { rgba: out, maxAbs };
}

/** w − w₀ element by element (float32, as the worker sends them); the weights themselves
 * where there is no start of the same length. */
export function changeSinceStart(weights: Float32Array, start: Float32Array | undefined): Float32Array {
  if (start === undefined || start.length !== weights.length) return weights;
  return weights.map((w, i) => w - start[i]);
}
