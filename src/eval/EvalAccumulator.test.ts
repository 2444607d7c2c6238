import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../core/random/createRng.js';
import type { CellWhere, TableBatch, TableStream } from '../formats/TableBatch.js';
import { EvalAccumulator, type AccumulatorScale } from './EvalAccumulator.js';
import { resolveEvalOptions, type EvalOptions } from './EvalOptions.js';
import { evaluateStreams } from './evaluateStreams.js';

interface Rows {
  width: number;
  values: Float64Array;
  labels: Int32Array;
  weights: Float64Array;
}

/**
 * n rows over K classes with the edge cases among random softmax rows: exact zeros, one-hot
 * rows (right and wrong, so some true classes get 0 and an infinite loss), ties for the top
 * label, rows that sum to 1 only within the rounding of 6 printed decimals (the checked slow
 * path), confidences on a bin's edge; weights 1, 0 and fractional.
 */
function generate(rng: Rng, n: number, width: number, input: 'probs' | 'logits' | 'log-probs'): Rows {
  const K = Math.max(2, width);
  const values = new Float64Array(n * width);
  const labels = new Int32Array(n);
  const weights = new Float64Array(n);
  const p = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const kind = rng.int(8);
    if (kind === 0) {
      p.fill(0);
      p[rng.int(K)] = 1;
    } else if (kind === 1) {
      p.fill(1 / K);
    } else if (kind === 2 && K === 3) {
      p.set([0.333333, 0.333333, 0.333333]);
    } else if (kind === 3) {
      // The top label's probability on an edge m/M of 15 bins.
      p.fill(0);
      p[0] = 0.6;
      p[1] = 0.4;
    } else {
      let total = 0;
      for (let k = 0; k < K; k++) total += p[k] = kind === 4 && k % 2 === 1 ? 0 : Math.exp(2.5 * rng.normal());
      for (let k = 0; k < K; k++) p[k] /= total;
    }
    for (let c = 0; c < width; c++) {
      const q = width === 1 ? p[1] : p[c];
      values[i * width + c] = input === 'probs' ? q : input === 'log-probs' ? Math.log(q) : Math.log(q) + 2;
    }
    labels[i] = rng.int(K);
    weights[i] = [1, 1, 0, 2.5, rng.uniform()][rng.int(5)];
  }
  return { width, values, labels, weights };
}

/**
 * Bit for bit equality of two tables of sums (−0 against 0 and NaN payloads aside, as
 * Object.is sees them), walked by hand: expect's deep equality over some 10^5 numbers takes
 * seconds. Fails at the first slot that differs, naming it.
 */
function expectSameSums(a: unknown, b: unknown, path = 'sums'): void {
  if (ArrayBuffer.isView(a) || Array.isArray(a)) {
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    expect(y.length, `${path}.length`).toBe(x.length);
    for (let i = 0; i < x.length; i++) {
      if (typeof x[i] === 'object' && x[i] !== null) expectSameSums(x[i], y[i], `${path}[${i}]`);
      else if (!Object.is(x[i], y[i])) expect(y[i], `${path}[${i}]`).toBe(x[i]);
    }
  } else if (typeof a === 'object' && a !== null) {
    expect(Object.keys(b as object).sort(), `${path} keys`).toEqual(Object.keys(a).sort());
    for (const [key, value] of Object.entries(a)) expectSameSums(value, (b as Record<string, unknown>)[key], `${path}.${key}`);
  } else expect(b, path).toBe(a);
}

const where = (row: number): CellWhere => ({ field: 'pred', index: `row ${row}` });

/** The simple primitives: addRow, one row at a time. */
function rowByRow(rows: Rows, options: EvalOptions, weighted: boolean, scale?: AccumulatorScale): EvalAccumulator {
  const acc = new EvalAccumulator({ width: rows.width, options: resolveEvalOptions(options), scale });
  for (let i = 0; i < rows.labels.length; i++) acc.addRow(rows.values, i * rows.width, rows.labels[i], weighted ? rows.weights[i] : 1, () => where(i));
  return acc;
}

/** addBatch over batches of the given sizes (the last takes the rest), each batch's arrays starting at its row 0. */
function byBatches(rows: Rows, sizes: number[], options: EvalOptions, weighted: boolean, scale?: AccumulatorScale): EvalAccumulator {
  const acc = new EvalAccumulator({ width: rows.width, options: resolveEvalOptions(options), scale });
  const n = rows.labels.length;
  let start = 0;
  for (let b = 0; start < n; b++) {
    const size = b < sizes.length ? Math.min(sizes[b], n - start) : n - start;
    const w = rows.width;
    const first = start;
    acc.addBatch(rows.values.slice(start * w, (start + size) * w), size, rows.labels.slice(start, start + size), weighted ? rows.weights.slice(start, start + size) : undefined, (r) => where(first + r));
    start += size;
  }
  return acc;
}

describe('EvalAccumulator.addBatch', () => {
  const settings: [string, number, 'probs' | 'logits' | 'log-probs', EvalOptions][] = [
    ['3 class probabilities', 3, 'probs', {}],
    ['10 class probabilities, 7 bins, clipped', 10, 'probs', { bins: 7, clip: 1e-4, unit: 'bits' }],
    ['4 class probabilities, normalised', 4, 'probs', { normalize: true }],
    ['5 class logits', 5, 'logits', { input: 'logits', bins: 10 }],
    ['4 class log-probabilities', 4, 'log-probs', { input: 'log-probs', clip: 1e-6 }],
    ['one column of probabilities', 1, 'probs', { bins: 4 }],
    ['one column of logits', 1, 'logits', { input: 'logits' }],
  ];
  for (const [name, width, input, options] of settings) {
    it(`gives the table of sums of addRow bit for bit: ${name}`, () => {
      const rng = createRng(width * 101 + name.length);
      const rows = generate(rng, 700, width, input);
      for (const weighted of [false, true]) {
        const reference = rowByRow(rows, options, weighted);
        // One batch, batches of one row, and boundaries at random places (batches of 0 rows among them).
        for (const sizes of [[700], Array.from({ length: 700 }, () => 1), [0, 3, 250, 0, 1, 97, 64, 200]]) expectSameSums(byBatches(rows, sizes, options, weighted).sums, reference.sums);
        expect(byBatches(rows, [300, 400], options, weighted).report()).toEqual(reference.report());
      }
    });
  }

  it('gives the same bootstrap replicates, quantile sketch and fine grid as addRow', () => {
    const rows = generate(createRng(5), 400, 3, 'probs');
    const scales: AccumulatorScale[] = [{ bootstrap: { replicates: 20, seed: 3, rowOffset: 1000 } }, { equalMassFromStats: true, bootstrap: { replicates: 7, seed: 9, rowOffset: 0 } }];
    for (const scale of scales) {
      const options: EvalOptions = scale.equalMassFromStats === true ? { binning: 'quantile', bins: 5 } : {};
      const reference = rowByRow(rows, options, true, scale);
      const batched = byBatches(rows, [13, 0, 200, 1], options, true, scale);
      expectSameSums(batched.sums, reference.sums);
      expect(batched.report()).toEqual(reference.report());
    }
  });

  it('refuses NaN, infinite and negative values as addRow does, at the first bad row, and adds none of its batch', () => {
    const rows = generate(createRng(8), 50, 4, 'probs');
    for (const bad of [NaN, Infinity, -Infinity, -0.25]) {
      const values = rows.values.slice();
      values[17 * 4 + 2] = bad;
      values[30 * 4 + 1] = NaN;
      const one = { ...rows, values };
      let rowError: unknown;
      try {
        rowByRow(one, {}, true);
      } catch (e) {
        rowError = e;
      }
      expect(rowError).toBeInstanceOf(Error);
      expect((rowError as Error).message).toContain('row 17');
      const acc = new EvalAccumulator({ width: 4, options: resolveEvalOptions({}) });
      const empty = structuredClone(acc.sums);
      expect(() => acc.addBatch(values, 50, rows.labels, rows.weights, where)).toThrow((rowError as Error).message);
      expectSameSums(acc.sums, empty);
    }
    const logits = generate(createRng(9), 10, 3, 'logits');
    logits.values[4] = NaN;
    const acc = new EvalAccumulator({ width: 3, options: resolveEvalOptions({ input: 'logits' }) });
    expect(() => acc.addBatch(logits.values, 10, logits.labels, undefined, where)).toThrow('logit of class 1 is NaN (pred, row 1)');
  });
});

/** A table stream over rows given in batches of the given sizes. */
function stream(name: string, values: ArrayLike<number>, width: number, sizes: number[]): TableStream {
  const n = values.length / width;
  let start = 0;
  let b = 0;
  return {
    name,
    where: (line) => `line ${line}`,
    next(): Promise<TableBatch | null> {
      if (start >= n) return Promise.resolve(null);
      const size = Math.min(sizes[b++ % sizes.length], n - start);
      const batch = { rows: size, width, values: Float64Array.from({ length: size * width }, (_, i) => values[start * width + i]), lines: Float64Array.from({ length: size }, (_, r) => start + r + 1) };
      start += size;
      return Promise.resolve(batch);
    },
  };
}

describe('evaluateStreams, a batch at a time', () => {
  const rows = generate(createRng(21), 300, 3, 'probs');
  const open = (values: Float64Array, weights: Float64Array, sizes: [number[], number[], number[]]) => () => ({
    pred: stream('pred', values, 3, sizes[0]),
    labels: () => stream('labels', rows.labels, 1, sizes[1]),
    weights: stream('weights', weights, 1, sizes[2]),
  });

  it('gives the report of addRow whatever the batches of predictions, labels and weights', async () => {
    const reference = rowByRow(rows, { bins: 6 }, true).report();
    for (const sizes of [
      [[300], [300], [300]],
      [[7, 100], [64], [1, 2, 3]],
      [[1], [299, 1], [150]],
    ] as [number[], number[], number[]][]) {
      expect(await evaluateStreams(open(rows.values, rows.weights, sizes), { bins: 6 })).toEqual(reference);
    }
  });

  it('reports the first bad row, whichever of predictions, labels or weights it is in, across batch boundaries', async () => {
    const sizes: [number[], number[], number[]] = [[100], [33], [40]];
    const values = rows.values.slice();
    values[90 * 3] = -1;
    const weights = rows.weights.slice();
    weights[70] = NaN;
    await expect(evaluateStreams(open(values, weights, sizes))).rejects.toThrow('weight NaN is not a finite number ≥ 0 (weights, line 71)');
    weights[70] = 1;
    await expect(evaluateStreams(open(values, weights, sizes))).rejects.toThrow('probability -1 of class 0 is not a number ≥ 0 (pred, line 91)');
    weights[95] = -2;
    await expect(evaluateStreams(open(values, weights, sizes))).rejects.toThrow('(pred, line 91)');
    const short = () => ({ pred: stream('pred', rows.values, 3, [100]), labels: () => stream('labels', rows.labels.slice(0, 250), 1, [33]) });
    await expect(evaluateStreams(short)).rejects.toThrow('labels ends after 250 labels but the predictions go on (pred, line 251)');
  });
});
