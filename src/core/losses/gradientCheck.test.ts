import { describe, expect, it } from 'vitest';
import { createRng } from '../random/createRng.js';
import { binaryCrossEntropy } from './binaryCrossEntropy.js';
import { binaryCrossEntropyWithLogits } from './binaryCrossEntropyWithLogits.js';
import { crossEntropyLoss } from './crossEntropyLoss.js';
import { klDivLoss } from './klDivLoss.js';
import type { LossResult } from './LossResult.js';
import { mseLoss } from './mseLoss.js';
import { nllLoss } from './nllLoss.js';
import { sigmoidFocalLoss } from './sigmoidFocalLoss.js';
import { softmaxFocalLoss } from './softmaxFocalLoss.js';

const rng = createRng(20261125);
/** The project's seeded generator, so every run checks the same points. */
const rand = () => rng.uniform();
const normal = () => rng.normal();
const vector = (n: number, f: () => number) => Float64Array.from({ length: n }, f);
const integers = (n: number, k: number) => Array.from({ length: n }, () => Math.floor(rand() * k));

function total(r: LossResult): number {
  return typeof r.loss === 'number' ? r.loss : Array.from(r.loss).reduce((s, x) => s + x, 0);
}

/**
 * Central differences of the reduced loss (of the sum for 'none') against the closed-form
 * gradient, coordinate by coordinate: error O(h²) + rounding ε·|L|/h ≈ 1e-10 at h = 1e-5.
 */
function checkGradient(loss: (x: Float64Array) => LossResult, x0: Float64Array) {
  const { grad } = loss(x0);
  for (let i = 0; i < x0.length; i++) {
    const h = 1e-5 * Math.max(1, Math.abs(x0[i]));
    const xp = x0.slice();
    const xm = x0.slice();
    xp[i] += h;
    xm[i] -= h;
    const fd = (total(loss(xp)) - total(loss(xm))) / (xp[i] - xm[i]);
    const err = Math.abs(fd - grad[i]) / Math.max(Math.abs(grad[i]), 1e-4);
    if (!(err < 1e-6)) expect.fail(`coordinate ${i}: closed form ${grad[i]}, finite difference ${fd}`);
  }
}

const REDUCTIONS = ['mean', 'sum', 'none'] as const;

describe('closed-form gradients agree with finite differences', () => {
  for (const reduction of REDUCTIONS) {
    it(`cross_entropy, class indices, K-dim, weight, ignore_index, smoothing, ${reduction}`, () => {
      const shape = [3, 4, 2];
      const target = integers(6, 4);
      target[2] = -100;
      const weight = vector(4, () => 0.2 + 2 * rand());
      const x0 = vector(24, () => 2 * normal());
      checkGradient((x) => crossEntropyLoss({ data: x, shape }, { data: target, shape: [3, 2] }, { weight, labelSmoothing: 0.15, reduction }), x0);
      checkGradient((x) => crossEntropyLoss({ data: x, shape }, { data: target, shape: [3, 2] }, { reduction }), x0);
    });

    it(`cross_entropy, probability targets, weight, smoothing, ${reduction}`, () => {
      const target = vector(15, () => rand());
      const weight = vector(5, () => 0.2 + 2 * rand());
      checkGradient((x) => crossEntropyLoss({ data: x, shape: [3, 5] }, { data: target, shape: [3, 5] }, { weight, labelSmoothing: 0.3, reduction }), vector(15, normal));
    });

    it(`nll_loss, weight, ignore_index, ${reduction}`, () => {
      const target = [0, 2, 1, 1, 3];
      const weight = vector(4, () => 0.2 + 2 * rand());
      checkGradient((x) => nllLoss({ data: x, shape: [5, 4] }, target, { weight, ignoreIndex: 1, reduction }), vector(20, () => -3 * rand()));
    });

    it(`binary_cross_entropy, broadcast weight, ${reduction}`, () => {
      const target = vector(8, () => rand());
      const weight = vector(4, () => 2 * rand());
      checkGradient((x) => binaryCrossEntropy({ data: x, shape: [2, 4] }, { data: target, shape: [2, 4] }, { weight: { data: weight, shape: [4] }, reduction }), vector(8, () => 0.05 + 0.9 * rand()));
    });

    it(`binary_cross_entropy_with_logits, weight and pos_weight, ${reduction}`, () => {
      const target = vector(8, () => (rand() < 0.5 ? rand() : Math.round(rand())));
      const weight = vector(8, () => 2 * rand());
      const posWeight = vector(4, () => 3 * rand());
      const opts = { weight: { data: weight, shape: [2, 4] }, posWeight: { data: posWeight, shape: [4] }, reduction };
      checkGradient((x) => binaryCrossEntropyWithLogits({ data: x, shape: [2, 4] }, { data: target, shape: [2, 4] }, opts), vector(8, () => 4 * normal()));
    });

    it(`mse_loss, ${reduction}`, () => {
      const target = vector(6, normal);
      checkGradient((x) => mseLoss({ data: x, shape: [2, 3] }, { data: target, shape: [2, 3] }, { reduction }), vector(6, normal));
    });

    it(`sigmoid_focal_loss, soft and hard targets, ${reduction}`, () => {
      const target = vector(10, () => (rand() < 0.5 ? rand() : Math.round(rand())));
      for (const [alpha, gamma] of [[0.25, 2], [0.6, 0.5], [-1, 3.5], [0.25, 0]]) {
        checkGradient((x) => sigmoidFocalLoss(x, target, { alpha, gamma, reduction }), vector(10, () => 3 * normal()));
      }
    });

    it(`softmax_focal_loss, weight, ignore_index, ${reduction}`, () => {
      const target = [1, 0, 3, -100, 2];
      const weight = vector(4, () => 0.2 + 2 * rand());
      for (const gamma of [0, 0.5, 2, 3]) {
        checkGradient((x) => softmaxFocalLoss({ data: x, shape: [5, 4] }, target, { weight, gamma, reduction }), vector(20, () => 2 * normal()));
      }
    });
  }

  for (const reduction of ['mean', 'batchmean', 'sum', 'none'] as const) {
    it(`kl_div, probability and log targets, ${reduction}`, () => {
      const p = vector(12, () => rand());
      p[3] = 0;
      const logP = p.map(Math.log);
      const x0 = vector(12, () => -3 * rand());
      checkGradient((x) => klDivLoss({ data: x, shape: [3, 4] }, { data: p, shape: [3, 4] }, { reduction }), x0);
      checkGradient((x) => klDivLoss({ data: x, shape: [3, 4] }, { data: logP, shape: [3, 4] }, { reduction, logTarget: true }), x0);
    });
  }
});
