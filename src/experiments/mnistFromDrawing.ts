import { XentError } from '../core/XentError.js';

/** Side of an MNIST image, in pixels. */
const SIDE = 28;
/** Side of the box the digit's longer side is scaled to, in pixels. */
const BOX = 20;

/**
 * A drawing made the way the MNIST digits were (LeCun et al., "The MNIST database": the
 * NIST digits were "size normalized to fit in a 20x20 pixel box while preserving their
 * aspect ratio", anti-aliased, then "centered in a 28x28 image by computing the center of
 * mass of the pixels, and translating the image so as to position this point at the
 * center of the 28x28 field").
 *
 * `ink` holds width × height values ≥ 0, row-major (0 = paper, 1 = full ink). The
 * bounding box of the ink is scaled by s = 20 / max(box width, box height), one exact
 * area resampling (an output pixel gets the ink that each source pixel, mapped to a
 * square of side s, puts into it: the total ink is s² times the source's, and no value
 * exceeds the largest input). The scaled box is then shifted by whole pixels so that its
 * centre of mass falls in pixel 14 (pixel i covers [i, i + 1)), as in MNIST itself, whose
 * centres of mass all lie in [14, 15): a digit already boxed and centred comes back
 * unchanged. The map is separable, so it costs 28·(h·w + 28·w) multiply-adds. No ink
 * gives 784 zeros.
 *
 * @example
 * const ink = new Float64Array(100 * 100);
 * for (let y = 10; y < 50; y++) for (let x = 60; x < 80; x++) ink[y * 100 + x] = 1; // 20 wide, 40 tall
 * const pixels = mnistFromDrawing(ink, 100, 100);
 * pixels.reduce((s, v) => s + v, 0) // 200 (= 20·40 · (20/40)²)
 * pixels[14 * 28 + 14] // 1
 */
export function mnistFromDrawing(ink: ArrayLike<number>, width: number, height: number): Float64Array {
  for (const [field, v] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new XentError(`${field} ${v} must be a positive integer`, { field });
  }
  if (ink.length !== width * height) {
    throw new XentError(`${ink.length} values do not make a ${width}×${height} image`, { field: 'ink' });
  }
  let [x0, x1, y0, y1] = [width, -1, height, -1];
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = ink[y * width + x];
      if (!(v >= 0 && v < Infinity)) throw new XentError(`ink ${v} is not a finite value ≥ 0`, { field: 'ink', index: y * width + x });
      if (v === 0) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  const out = new Float64Array(SIDE * SIDE);
  if (mass === 0) return out;
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  const s = BOX / Math.max(bw, bh);
  // Overlap[i][k]: the length of output pixel i covered by source pixel x0 + k (or y0 + k).
  const ax = overlaps(bw, placement(x0, mx / mass, s), s);
  const ay = overlaps(bh, placement(y0, my / mass, s), s);
  // rows = ay · ink (28 × bw), then out = rows · axᵀ.
  const rows = new Float64Array(SIDE * bw);
  for (let i = 0; i < SIDE; i++) {
    for (let k = 0; k < bh; k++) {
      const a = ay[i * bh + k];
      if (a === 0) continue;
      const src = (y0 + k) * width + x0;
      for (let c = 0; c < bw; c++) rows[i * bw + c] += a * ink[src + c];
    }
  }
  for (let i = 0; i < SIDE; i++) {
    for (let j = 0; j < SIDE; j++) {
      let v = 0;
      for (let c = 0; c < bw; c++) v += rows[i * bw + c] * ax[j * bw + c];
      out[i * SIDE + j] = v;
    }
  }
  return out;
}

/**
 * Where the scaled box starts: the whole-pixel offset that puts the centre of mass
 * (first + … scaled, `centre` in source coordinates) in [14, 15), as MNIST's are.
 */
function placement(first: number, centre: number, s: number): number {
  return Math.floor(14.5 - (centre - first) * s + 0.5);
}

/**
 * The 28 × n overlap lengths between the output pixels [i, i + 1) and the images
 * [start + k·s, start + (k + 1)·s) of the n source pixels of the box.
 */
function overlaps(n: number, start: number, s: number): Float64Array {
  const a = new Float64Array(SIDE * n);
  for (let k = 0; k < n; k++) {
    const lo = start + k * s;
    const hi = lo + s;
    for (let i = Math.max(0, Math.floor(lo)); i < Math.min(SIDE, Math.ceil(hi)); i++) {
      a[i * n + k] = Math.min(hi, i + 1) - Math.max(lo, i);
    }
  }
  return a;
}
