import { describe, expect, it } from 'vitest';
import { loadMnistDigits } from '../data/loadMnist.js';
import { mnistFromDrawing } from './mnistFromDrawing.js';

const SIDE = 28;

/** Centre of mass (pixel i covers [i, i + 1)), ink rows and columns, and total ink of a 28 × 28 image. */
function describeImage(px: ArrayLike<number>) {
  let [m, cx, cy] = [0, 0, 0];
  const rows = new Set<number>();
  const cols = new Set<number>();
  for (let i = 0; i < SIDE; i++) {
    for (let j = 0; j < SIDE; j++) {
      const v = px[i * SIDE + j];
      if (v <= 1e-12) continue;
      m += v;
      cx += v * (j + 0.5);
      cy += v * (i + 0.5);
      rows.add(i);
      cols.add(j);
    }
  }
  return { mass: m, cx: cx / m, cy: cy / m, rows: rows.size, cols: cols.size };
}

/** A synthetic 280 × 280 drawing: an "L" of two bars, 30 px thick, placed at (left, top). */
function drawL(left: number, top: number, size = 280): Float64Array {
  const ink = new Float64Array(size * size);
  for (let y = top; y < top + 150; y++) for (let x = left; x < left + 30; x++) ink[y * size + x] = 1;
  for (let y = top + 120; y < top + 150; y++) for (let x = left; x < left + 90; x++) ink[y * size + x] = 1;
  return ink;
}

describe('mnistFromDrawing', () => {
  it('scales the longer side of the ink to 20 pixels keeping the aspect ratio, and keeps the ink s² times', () => {
    const ink = drawL(20, 10); // bounding box 90 wide, 150 tall
    const source = ink.reduce((s, v) => s + v, 0);
    const out = mnistFromDrawing(ink, 280, 280);
    const d = describeImage(out);
    const s = 20 / 150;
    expect(d.mass).toBeCloseTo(source * s * s, 9);
    // 20 rows tall and 12 columns wide, give or take the pixel the centring straddles.
    expect(d.rows).toBeGreaterThanOrEqual(20);
    expect(d.rows).toBeLessThanOrEqual(21);
    expect(d.cols).toBeGreaterThanOrEqual(12);
    expect(d.cols).toBeLessThanOrEqual(13);
    expect(Math.max(...out)).toBeLessThanOrEqual(1 + 1e-12);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
  });

  it('puts the centre of mass in pixel 14 of the 28 × 28 field, not the centre of the box', () => {
    const d = describeImage(mnistFromDrawing(drawL(150, 100), 280, 280));
    for (const c of [d.cx, d.cy]) {
      expect(c).toBeGreaterThanOrEqual(14);
      expect(c).toBeLessThan(15);
    }
    // The L's mass sits low and left in its box, so its box is not centred.
    const box = mnistFromDrawing(drawL(150, 100), 280, 280);
    const colsWithInk = [...Array(SIDE).keys()].filter((j) => [...Array(SIDE).keys()].some((i) => box[i * SIDE + j] > 0));
    expect((colsWithInk[0] + colsWithInk.at(-1)! + 1) / 2).toBeGreaterThan(15);
  });

  it('does not depend on where, or how large, the digit was drawn', () => {
    const a = mnistFromDrawing(drawL(20, 10), 280, 280);
    const b = mnistFromDrawing(drawL(170, 120), 280, 280);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 12);
    // The same L at half the resolution (each pixel the mean of a 2 × 2 block).
    const full = drawL(20, 10);
    const half = new Float64Array(140 * 140);
    for (let y = 0; y < 140; y++) for (let x = 0; x < 140; x++) {
      half[y * 140 + x] = (full[2 * y * 280 + 2 * x] + full[2 * y * 280 + 2 * x + 1] + full[(2 * y + 1) * 280 + 2 * x] + full[(2 * y + 1) * 280 + 2 * x + 1]) / 4;
    }
    const c = mnistFromDrawing(half, 140, 140);
    for (let i = 0; i < a.length; i++) expect(c[i]).toBeCloseTo(a[i], 12);
  });

  it('leaves real MNIST digits, already boxed and centred, exactly as they were', () => {
    const digits = loadMnistDigits();
    let [seen, offCentre, checked] = [0, 0, 0];
    for (let k = 0; k < digits.n; k += 7) {
      const original = digits.inputs.subarray(k * 784, (k + 1) * 784);
      const d = describeImage(original);
      seen++;
      // Nearly all centres of mass lie in pixel 14; some boxes are not 20 pixels on the long side.
      if (!(d.cx >= 14 && d.cx < 15 && d.cy >= 14 && d.cy < 15)) offCentre++;
      else if (Math.max(d.rows, d.cols) !== 20) continue;
      else {
      const out = mnistFromDrawing(original, 28, 28);
      let worst = 0;
      for (let i = 0; i < 784; i++) worst = Math.max(worst, Math.abs(out[i] - original[i]));
      expect(worst).toBeLessThan(1e-12);
      checked++;
      }
    }
    expect(offCentre / seen).toBeLessThan(0.02);
    expect(checked).toBeGreaterThan(1000);
  });

  it('gives zeros for an empty drawing and rejects bad input', () => {
    expect(mnistFromDrawing(new Float64Array(16), 4, 4).every((v) => v === 0)).toBe(true);
    expect(() => mnistFromDrawing(new Float64Array(15), 4, 4)).toThrow(/\(ink\)/);
    expect(() => mnistFromDrawing([0, -1, 0, 0], 2, 2)).toThrow(/\(ink, index 1\)/);
    expect(() => mnistFromDrawing([0, NaN, 0, 0], 2, 2)).toThrow(/\(ink, index 1\)/);
    expect(() => mnistFromDrawing([], 0, 0)).toThrow(/\(width\)/);
  });

  it('turns a single dot into a filled 20 × 20 square', () => {
    const ink = new Float64Array(50 * 50);
    ink[7 * 50 + 41] = 0.5;
    const d = describeImage(mnistFromDrawing(ink, 50, 50));
    expect([d.rows, d.cols]).toEqual([20, 20]);
    expect(d.mass).toBeCloseTo(0.5 * 400, 9);
  });
});
