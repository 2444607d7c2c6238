import { describe, expect, it } from 'vitest';
import { crossEntropy } from '../../../src/core/info/crossEntropy.js';
import { entropy } from '../../../src/core/info/entropy.js';
import { klDivergence } from '../../../src/core/info/klDivergence.js';
import { createRng } from '../../../src/core/random/createRng.js';
import { areaLayout, crossEntropyArea } from './crossEntropyArea.js';

/** A random distribution of n outcomes, some of them zero when `zeros` is set. */
function randomDistribution(next: () => number, n: number, zeros = false): number[] {
  const raw: number[] = Array.from({ length: n }, () => (zeros && next() < 0.3 ? 0 : next() ** 3));
  if (!raw.some((x) => x > 0)) raw[0] = 1;
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / sum);
}

describe('crossEntropyArea', () => {
  it('draws the worked example: ½·3 + ¼·1 + ⅛·2 + ⅛·3 = 2.375 bits', () => {
    const area = crossEntropyArea([0.5, 0.25, 0.125, 0.125], [0.125, 0.5, 0.25, 0.125]);
    expect(area.rects.map((r) => [r.x, r.width, r.height, r.floor])).toEqual([
      [0, 0.5, 3, 1],
      [0.5, 0.25, 1, 2],
      [0.75, 0.125, 2, 3],
      [0.875, 0.125, 3, 3],
    ]);
    expect(area.crossEntropy).toBe(2.375);
    expect(area.entropy).toBe(1.75);
    expect(area.kl).toBeCloseTo(0.625, 15);
  });

  it('has widths p and a total area equal to the library’s H(p,q), H(p) and KL(p‖q)', () => {
    const rng = createRng(7);
    const next = () => rng.uniform();
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + Math.floor(next() * 25);
      const p = randomDistribution(next, n, trial % 2 === 1);
      const q = randomDistribution(next, n);
      for (const unit of ['bits', 'nats'] as const) {
        const area = crossEntropyArea(p, q, unit);
        area.rects.forEach((r, k) => {
          expect(r.width).toBeCloseTo(p[k], 15);
          expect(r.x + r.width).toBeCloseTo(p.slice(0, k + 1).reduce((a, b) => a + b, 0), 12);
        });
        // The area is summed from the rectangles themselves, not taken from the measures.
        const summed = area.rects.reduce((a, r) => a + r.width * r.height * (r.width > 0 ? 1 : 0), 0);
        expect(Math.abs(summed - crossEntropy(p, q, { unit }))).toBeLessThan(1e-9);
        expect(Math.abs(area.crossEntropy - crossEntropy(p, q, { unit }))).toBeLessThan(1e-9);
        expect(Math.abs(area.entropy - entropy(p, { unit }))).toBeLessThan(1e-9);
        const between = area.rects.reduce((a, r) => a + (r.width > 0 ? r.width * (r.height - r.floor) : 0), 0);
        expect(Math.abs(between - klDivergence(p, q, { unit }))).toBeLessThan(1e-9);
        expect(Math.abs(area.kl - klDivergence(p, q, { unit }))).toBeLessThan(1e-9);
      }
    }
  });

  it('makes an outcome with q_k = 0 an infinite rectangle, and one with p_k = 0 no area', () => {
    const area = crossEntropyArea([0.5, 0.5, 0], [0.75, 0, 0.25]);
    expect(area.rects[1].height).toBe(Infinity);
    expect(area.rects[1].term).toBe(Infinity);
    expect(area.crossEntropy).toBe(Infinity);
    expect(area.kl).toBe(Infinity);
    expect(area.rects[2].width).toBe(0);
    expect(area.rects[2].term).toBe(0);
    expect(area.entropy).toBe(1);
    // 0·log(1/0) = 0: an outcome that never happens costs nothing, even if q rules it out.
    expect(crossEntropyArea([1, 0], [1, 0]).crossEntropy).toBe(0);
  });

  it('scales counts to distributions', () => {
    const area = crossEntropyArea([2, 2], [1, 3]);
    expect(area.rects.map((r) => r.width)).toEqual([0.5, 0.5]);
    expect(area.crossEntropy).toBeCloseTo(crossEntropy([0.5, 0.5], [0.25, 0.75]), 14);
  });
});

describe('areaLayout', () => {
  it('spreads the width in proportion to p and puts heights on one scale', () => {
    const area = crossEntropyArea([0.5, 0.25, 0.125, 0.125], [0.125, 0.5, 0.25, 0.125]);
    const { boxes, top } = areaLayout(area, 400, 300);
    expect(top).toBe(3);
    expect(boxes.map((b) => [b.x, b.width, b.height, b.y, b.floorY])).toEqual([
      [0, 200, 300, 0, 200],
      [200, 100, 100, 200, 100],
      [300, 50, 200, 100, 0],
      [350, 50, 300, 0, 0],
    ]);
    expect(boxes.some((b) => b.clipped)).toBe(false);
  });

  it('clips an infinite or too tall rectangle at the top and says so', () => {
    const area = crossEntropyArea([0.5, 0.5], [1, 0]);
    const { boxes, top } = areaLayout(area, 100, 50, 1, 8);
    expect(top).toBe(1);
    expect(boxes[1]).toMatchObject({ clipped: true, height: 50, y: 0 });
    expect(boxes[0]).toMatchObject({ clipped: false, height: 0 });
    const tall = areaLayout(crossEntropyArea([0.5, 0.5], [1 - 2 ** -20, 2 ** -20]), 100, 50, 1, 8);
    expect(tall.top).toBe(8);
    expect(tall.boxes[1].clipped).toBe(true);
  });
});
