import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMnist, loadMnistDigits } from './loadMnist.js';
import { mnistDigitsToDataset, mnistPixelValue } from '../formats/mnistDigits.js';

// The package's own API, an independent path to the same pixels.
const mnistPackage = createRequire(import.meta.url)('mnist') as Array<{ length: number; get(i: number): number[] }>;

describe('loadMnist', () => {
  it('decodes the compact asset to exactly the float32 pixels of the package\'s JSON (a development dependency)', () => {
    const dir = join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
    const perDigit = Array.from({ length: 10 }, (_, d) => (JSON.parse(readFileSync(join(dir, `${d}.json`), 'utf8')) as { data: number[] }).data);
    const fromJson = mnistDigitsToDataset(perDigit);
    const fromAsset = loadMnistDigits();
    expect(fromAsset.n).toBe(fromJson.n);
    expect(Buffer.from(fromAsset.labels).equals(Buffer.from(fromJson.labels))).toBe(true);
    expect(Buffer.from(fromAsset.inputs.buffer).equals(Buffer.from(fromJson.inputs.buffer))).toBe(true);
    // Not only as float32: the decoding table gives back the very doubles of the JSON.
    const table = new Set(Array.from({ length: 256 }, (_, k) => mnistPixelValue(k)));
    expect(table.size).toBe(256);
    let outside = 0;
    for (const a of perDigit) for (const v of a) if (!table.has(v)) outside++;
    expect(outside).toBe(0);
  });

  it('holds the package\'s 10,000 digits, 784 pixels in [0, 1], as its API returns them', () => {
    const all = loadMnistDigits();
    expect(all.n).toBe(mnistPackage.reduce((s, d) => s + d.length, 0));
    expect(all.n).toBe(10000);
    let min = Infinity;
    let max = -Infinity;
    for (const v of all.inputs) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect([min, max]).toEqual([0, 1]);
    // Row r of class d in our layout: class d starts after all smaller classes.
    let start = 0;
    for (let d = 0; d < 10; d++) {
      const i = 5 + d;
      expect(all.labels[start + i]).toBe(d);
      expect(Array.from(all.inputs.subarray((start + i) * 784, (start + i + 1) * 784))).toEqual(mnistPackage[d].get(i).map(Math.fround));
      start += mnistPackage[d].length;
    }
  });

  it('splits 8,000/2,000 by default, deterministically, with every class in both parts', () => {
    const a = loadMnist();
    const b = loadMnist({ splitSeed: 0 });
    expect([a.train.n, a.test.n]).toEqual([8000, 2000]);
    expect(b.test.labels).toEqual(a.test.labels);
    // Buffer comparison: bit for bit, and fast on 1.5 million floats.
    expect(Buffer.from(b.test.inputs.buffer).equals(Buffer.from(a.test.inputs.buffer))).toBe(true);
    expect(Buffer.from(b.train.inputs.buffer).equals(Buffer.from(a.train.inputs.buffer))).toBe(true);
    expect(loadMnist({ splitSeed: 1 }).test.labels).not.toEqual(a.test.labels);
    const perClass = new Array<number>(10).fill(0);
    for (const y of a.test.labels) perClass[y]++;
    // About 200 each (class sizes 863…1127 of 10,000); a shuffle keeps every class.
    for (const c of perClass) expect(c).toBeGreaterThan(120);
    expect(loadMnist({ trainSize: 100, testSize: 50 }).train.n).toBe(100);
  });
});
