import { describe, expect, it } from 'vitest';
import { WEIGHT_NAN, WEIGHT_NEGATIVE, WEIGHT_POSITIVE, WEIGHT_ZERO, changeSinceStart, weightImage } from './weightImage.js';

const pixel = (rgba: Uint8ClampedArray, i: number) => Array.from(rgba.slice(4 * i, 4 * i + 4));

describe('weightImage', () => {
  it('scales each unit to its own largest |w|: the ends of the map at ±max, near-white at 0, opaque', () => {
    const { rgba, maxAbs } = weightImage([0.2, -0.4, 0, 0.4, -0.1]);
    expect(maxAbs).toBe(0.4);
    expect(pixel(rgba, 1)).toEqual([...WEIGHT_NEGATIVE, 255]);
    expect(pixel(rgba, 3)).toEqual([...WEIGHT_POSITIVE, 255]);
    expect(pixel(rgba, 2)).toEqual([...WEIGHT_ZERO, 255]);
    // Halfway to the positive end, channel by channel; a quarter of the way to the negative.
    expect(pixel(rgba, 0)).toEqual([...WEIGHT_ZERO.map((z, c) => Math.round(z + 0.5 * (WEIGHT_POSITIVE[c] - z))), 255]);
    expect(pixel(rgba, 4)).toEqual([...WEIGHT_ZERO.map((z, c) => Math.round(z + 0.25 * (WEIGHT_NEGATIVE[c] - z))), 255]);
  });

  it('gives the same image for a unit scaled by any positive factor, and the mirrored one for −1', () => {
    const w = Float32Array.from({ length: 784 }, (_, i) => Math.sin(i * 0.37) * Math.cos(i * 0.011));
    const a = weightImage(w).rgba;
    expect(Array.from(weightImage(w.map((v) => 1000 * v)).rgba)).toEqual(Array.from(a));
    const mirrored = weightImage(w.map((v) => -v)).rgba;
    const flipped = (v: number) => (v > 0 ? -1 : v < 0 ? 1 : 0);
    for (let i = 0; i < 784; i++) {
      const s = flipped(w[i]);
      const want = s === 0 ? WEIGHT_ZERO : s > 0 ? WEIGHT_POSITIVE : WEIGHT_NEGATIVE;
      const share = Math.abs(w[i]) / weightImage(w).maxAbs;
      expect(pixel(mirrored, i).slice(0, 3)).toEqual(WEIGHT_ZERO.map((z, c) => Math.round(z + share * (want[c] - z))));
    }
  });

  it('reads one unit out of a block of units, into a given buffer', () => {
    const block = new Float32Array(3 * 4);
    block.set([1, -1, 0.5, 0], 4);
    const out = new Uint8ClampedArray(16);
    const img = weightImage(block, 4, 4, out);
    expect(img.rgba).toBe(out);
    expect(img.maxAbs).toBe(1);
    expect(pixel(out, 0)).toEqual([...WEIGHT_POSITIVE, 255]);
  });

  it('has an answer for all zeros, an empty unit, ±Infinity and NaN', () => {
    const zeros = weightImage(new Float32Array(4));
    expect([zeros.maxAbs, pixel(zeros.rgba, 3)]).toEqual([0, [...WEIGHT_ZERO, 255]]);
    expect(weightImage([]).rgba.length).toBe(0);
    const odd = weightImage([Infinity, -Infinity, Number.NaN, 2, 1]);
    expect(odd.maxAbs).toBe(2);
    expect([0, 1, 2, 3, 4].map((i) => pixel(odd.rgba, i))).toEqual([
      [...WEIGHT_POSITIVE, 255],
      [...WEIGHT_NEGATIVE, 255],
      [...WEIGHT_NAN, 255],
      [...WEIGHT_POSITIVE, 255],
      [...WEIGHT_ZERO.map((z, c) => Math.round(z + 0.5 * (WEIGHT_POSITIVE[c] - z))), 255],
    ]);
  });

  it('changeSinceStart subtracts the start, and without a matching start gives the weights', () => {
    const w = Float32Array.of(1.5, -2, 0.25);
    expect(Array.from(changeSinceStart(w, Float32Array.of(1, -1, 0.25)))).toEqual([0.5, -1, 0]);
    expect(changeSinceStart(w, undefined)).toBe(w);
    expect(changeSinceStart(w, Float32Array.of(1))).toBe(w);
  });
});
