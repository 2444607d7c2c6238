import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { ConfidenceQuantiles } from './ConfidenceQuantiles.js';
import { EvalAccumulator } from './EvalAccumulator.js';
import { resolveEvalOptions, type EvalOptions } from './EvalOptions.js';
import type { EvalReport } from './EvalReport.js';
import { evalReport, mergeEvalSums, type EvalSums } from './EvalSums.js';

interface Rows {
  width: number;
  values: Float64Array;
  labels: number[];
  weights: number[];
}

/** n rows of softmax(z) over K classes with z ~ N(0, scale²), labels drawn from a tempered copy, weights in [0, 3) with some 0. */
function generate(seed: number, n: number, width: number, input: 'probs' | 'logits'): Rows {
  const rng = createRng(seed);
  const K = Math.max(2, width);
  const values = new Float64Array(n * width);
  const labels: number[] = [];
  const weights: number[] = [];
  const p = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (let k = 0; k < K; k++) total += p[k] = Math.exp(2.5 * rng.normal());
    for (let k = 0; k < K; k++) p[k] /= total;
    if (width === 1) values[i] = input === 'logits' ? Math.log(p[1] / p[0]) : p[1];
    else for (let k = 0; k < K; k++) values[i * width + k] = input === 'logits' ? Math.log(p[k]) + 3 : p[k];
    let u = rng.uniform();
    let y = 0;
    while (y < K - 1 && (u -= p[y] ** 0.7 / K ** 0.3) > 0) y++;
    labels.push(y);
    weights.push(i % 11 === 0 ? 0 : 3 * rng.uniform());
  }
  return { width, values, labels, weights };
}

function accumulate(rows: Rows, start: number, end: number, options: EvalOptions, topEdges?: Float64Array): EvalSums {
  const acc = new EvalAccumulator({ width: rows.width, options: resolveEvalOptions(options), topEdges });
  const where = () => ({ field: 'pred', index: 'test' });
  for (let i = start; i < end; i++) acc.addRow(rows.values, i * rows.width, rows.labels[i], rows.weights[i], where);
  return acc.sums;
}

function expectSameReport(merged: EvalReport, onePass: EvalReport) {
  const close = (a: number, b: number, what: string) => expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(b), 1e-300));
  expect(merged.n).toBe(onePass.n);
  for (const key of ['weightSum', 'logLoss', 'logLossStdError', 'perplexity', 'accuracy', 'brier', 'ece', 'mce', 'debiasedL2Ce', 'smoothEce', 'smoothEceBandwidth', 'sphericalScore', 'classwiseEce', 'aurc', 'eAurc'] as const) close(merged[key], onePass[key], key);
  for (const key of ['reliability', 'resolution', 'uncertainty'] as const) close(merged.brierDecomposition[key], onePass.brierDecomposition[key], key);
  expect(merged.bins.map((b) => [b.lower, b.upper, b.count])).toEqual(onePass.bins.map((b) => [b.lower, b.upper, b.count]));
  merged.bins.forEach((b, i) => {
    if (b.count === 0) return;
    close(b.confidence, onePass.bins[i].confidence, `bin ${i} confidence`);
    close(b.accuracy, onePass.bins[i].accuracy, `bin ${i} accuracy`);
  });
}

describe('EvalSums', () => {
  const cases: [string, number, 'probs' | 'logits', EvalOptions][] = [
    ['5 classes of probabilities, 15 bins', 5, 'probs', { bins: 15 }],
    ['one column of logits, 7 bins, in bits, clipped', 1, 'logits', { input: 'logits', bins: 7, unit: 'bits', clip: 1e-3 }],
    ['12 classes of logits, 40 bins', 12, 'logits', { input: 'logits', bins: 40 }],
  ];
  for (const [name, width, input, options] of cases) {
    it(`the sums of shards, merged, give the report of one pass: ${name}`, () => {
      const rows = generate(width * 7 + 1, 3000, width, input);
      const onePass = evalReport(accumulate(rows, 0, 3000, options));
      // Uneven shards, one of them empty; merged into the first and into an empty table.
      const cuts = [0, 1, 700, 700, 2200, 3000];
      const shards = cuts.slice(1).map((end, s) => accumulate(rows, cuts[s], end, options));
      const intoFirst = shards[0];
      for (const shard of shards.slice(1)) mergeEvalSums(intoFirst, shard);
      expectSameReport(evalReport(intoFirst), onePass);
      const intoEmpty = accumulate(rows, 0, 0, options);
      for (const shard of shards.slice(1).reverse()) mergeEvalSums(intoEmpty, shard);
      mergeEvalSums(intoEmpty, accumulate(rows, 0, 1, options));
      expectSameReport(evalReport(intoEmpty), onePass);
    });
  }

  it('shards binned by the same equal-mass edges merge too', () => {
    const rows = generate(5, 2000, 4, 'probs');
    const quantiles = new ConfidenceQuantiles(10);
    const observe = new EvalAccumulator({ width: 4, options: resolveEvalOptions({ bins: 10, binning: 'quantile' }), onConfidence: (c) => quantiles.observe(c) });
    while (!quantiles.done) {
      for (let i = 0; i < 2000; i++) observe.addRow(rows.values, i * 4, rows.labels[i], rows.weights[i], () => ({ field: 'pred', index: '' }));
      quantiles.endPass();
    }
    const edges = quantiles.edges();
    const options: EvalOptions = { bins: 10, binning: 'quantile' };
    const merged = accumulate(rows, 0, 1234, options, edges);
    mergeEvalSums(merged, accumulate(rows, 1234, 2000, options, edges));
    expectSameReport(evalReport(merged), evalReport(accumulate(rows, 0, 2000, options, edges)));
  });

  it('refuses to merge sums of other classes, options or bins', () => {
    const rows = generate(3, 10, 3, 'probs');
    const sums = accumulate(rows, 0, 10, { bins: 5 });
    expect(() => mergeEvalSums(sums, accumulate(generate(3, 10, 4, 'probs'), 0, 10, { bins: 5 }))).toThrow('cannot merge sums of evaluations with different classes or options (sums)');
    expect(() => mergeEvalSums(sums, accumulate(rows, 0, 10, { bins: 5, unit: 'bits' }))).toThrow(/different classes or options/);
    const before = evalReport(sums);
    expect(() => mergeEvalSums(sums, accumulate(rows, 0, 10, { bins: 6 }))).toThrow(/class-wise sums of 3 classes × 6 bins into 3 × 5/);
    expect(evalReport(sums), 'a refused merge changes nothing').toEqual(before);
    const quantileEdges = Float64Array.from([0, 0.5, 0.6, 0.7, 0.8, 1]);
    const a = accumulate(rows, 0, 10, { bins: 5, binning: 'quantile' }, quantileEdges);
    expect(() => mergeEvalSums(a, accumulate(rows, 0, 10, { bins: 5, binning: 'quantile' }, Float64Array.from([0, 0.5, 0.6, 0.7, 0.9, 1])))).toThrow(/different edges/);
  });

  it('holds only numbers and Float64Arrays, so it survives a trip through JSON', () => {
    const rows = generate(9, 500, 3, 'probs');
    const sums = accumulate(rows, 0, 500, { bins: 8 });
    const json = JSON.stringify(sums, (_, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v));
    const back = JSON.parse(json, (_, v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'number') ? Float64Array.from(v) : v)) as EvalSums;
    expect(evalReport(back)).toEqual(evalReport(sums));
  });
});
