import { describe, expect, it } from 'vitest';
import { BCE_GRAD_EPSILON, binaryCrossEntropy } from './binaryCrossEntropy.js';
import { binaryCrossEntropyWithLogits } from './binaryCrossEntropyWithLogits.js';
import { crossEntropyLoss } from './crossEntropyLoss.js';
import { broadcastWeight } from './elementwise.js';
import { klDivLoss } from './klDivLoss.js';
import { mseLoss } from './mseLoss.js';
import { nllLoss } from './nllLoss.js';
import { reduceLoss } from './reduceLoss.js';
import { sigmoid } from '../math/sigmoid.js';
import { softplus } from '../math/softplus.js';
import { sigmoidFocalLoss } from './sigmoidFocalLoss.js';
import { softmaxFocalLoss } from './softmaxFocalLoss.js';

/** Plain numbers, with −0 read as 0 (toEqual tells them apart; the losses need not). */
const plain = (a: ArrayLike<number>) => Array.from(a, (v) => v + 0);

describe('worked examples (the values in the JSDoc)', () => {
  it('cross_entropy of logits (2, −1, 0.5), class 0, is log(e² + e⁻¹ + e^0.5) − 2', () => {
    const r = crossEntropyLoss([[2, -1, 0.5]], [0]);
    const expected = Math.log(Math.exp(2) + Math.exp(-1) + Math.exp(0.5)) - 2;
    expect(r.loss).toBeCloseTo(expected, 15);
    expect(r.loss).toBeCloseTo(0.241311, 6);
    const z = Math.exp(2) + Math.exp(-1) + Math.exp(0.5);
    const p = [Math.exp(2) / z, Math.exp(-1) / z, Math.exp(0.5) / z];
    [p[0] - 1, p[1], p[2]].forEach((g, i) => expect(r.grad[i]).toBeCloseTo(g, 15));
  });

  it('softmax_focal_loss scales each term by (1 − p_y)^γ', () => {
    const ce = crossEntropyLoss([[2, -1, 0.5]], [0]).loss as number;
    const p = Math.exp(-ce);
    expect(softmaxFocalLoss([[2, -1, 0.5]], [0], { gamma: 2 }).loss).toBeCloseTo(ce * (1 - p) ** 2, 15);
  });

  it('nll_loss, binary_cross_entropy, mse_loss, kl_div, sigmoid_focal_loss', () => {
    expect(nllLoss([[-0.1, -2.4]], [0]).loss).toBe(0.1);
    expect(binaryCrossEntropy([0.9, 0.2], [1, 0]).loss).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, 15);
    expect(mseLoss([1, 2], [0, 0]).loss).toBe(2.5);
    const kl = 0.9 * Math.log(0.9 / 0.5) + 0.1 * Math.log(0.1 / 0.5);
    expect(klDivLoss([Math.log(0.5), Math.log(0.5)], [0.9, 0.1], { reduction: 'sum' }).loss).toBeCloseTo(kl, 15);
    expect((sigmoidFocalLoss([0], [1]).loss as Float64Array)[0]).toBeCloseTo(0.25 * 0.25 * Math.LN2, 16);
    expect(binaryCrossEntropyWithLogits([0], [1]).loss).toBe(Math.LN2);
    expect(binaryCrossEntropyWithLogits([1e4], [0]).loss).toBe(1e4);
  });
});

describe('a confident, correct prediction keeps its digits', () => {
  it('cross_entropy of logits (40, 0), class 0: loss softplus(−40), gradient −σ(−40), not 0', () => {
    // PyTorch returns loss 0 and gradient 0 here: 1 + e^−40 rounds to 1 and p − 1 cancels.
    for (const f of [crossEntropyLoss, softmaxFocalLoss]) {
      const r = f([[40, 0]], [0], { gamma: 0 });
      expect(Math.abs((r.loss as number) / softplus(-40) - 1)).toBeLessThan(1e-15);
      expect(Math.abs(r.grad[0] / -sigmoid(-40) - 1)).toBeLessThan(1e-15);
      expect(Math.abs(r.grad[1] / sigmoid(-40) - 1)).toBeLessThan(1e-15);
    }
  });
});

describe('PyTorch edge semantics', () => {
  it('an all-ignored batch has loss NaN under mean, 0 under sum, and a zero gradient', () => {
    const x = [[1, 2, 3], [0, 0, 1]];
    for (const options of [{}, { weight: [1, 2, 3] }, { labelSmoothing: 0.1 }]) {
      const mean = crossEntropyLoss(x, [-100, -100], options);
      expect(mean.loss).toBeNaN();
      expect([...mean.grad]).toEqual([0, 0, 0, 0, 0, 0]);
      expect(crossEntropyLoss(x, [-100, -100], { ...options, reduction: 'sum' }).loss).toBe(0);
      expect([...(crossEntropyLoss(x, [-100, -100], { ...options, reduction: 'none' }).loss as Float64Array)]).toEqual([0, 0]);
    }
    expect(nllLoss(x, [-100, -100]).loss).toBeNaN();
    expect(softmaxFocalLoss(x, [-100, -100]).loss).toBeNaN();
  });

  it('an empty batch: mean NaN, sum 0, none empty', () => {
    const x = { data: [], shape: [0, 3] };
    expect(crossEntropyLoss(x, { data: [], shape: [0] }).loss).toBeNaN();
    expect(crossEntropyLoss(x, { data: [], shape: [0] }, { reduction: 'sum' }).loss).toBe(0);
    expect(crossEntropyLoss(x, { data: [], shape: [0, 3] }).loss).toBeNaN();
    expect(mseLoss([], []).loss).toBeNaN();
    const none = mseLoss([], [], { reduction: 'none' });
    expect((none.loss as Float64Array).length).toBe(0);
    expect(none.lossShape).toEqual([0]);
  });

  it('a weighted mean divides by the summed weights of the non-ignored targets', () => {
    const x = [[1, 2, 3], [0, 0, 1], [3, 1, 0]];
    const weight = [0.5, 2, 4];
    const sum = crossEntropyLoss(x, [2, -100, 1], { weight, reduction: 'sum' }).loss as number;
    expect(crossEntropyLoss(x, [2, -100, 1], { weight }).loss).toBeCloseTo(sum / (4 + 2), 15);
  });

  it('a single class (C = 1) costs nothing and has a zero gradient', () => {
    const r = crossEntropyLoss([[3], [-7]], [0, 0]);
    expect(r.loss).toBe(0);
    expect([...r.grad]).toEqual([0, 0]);
  });

  it('an unbatched input (C) takes a scalar class index and returns a scalar for none', () => {
    const a = crossEntropyLoss([2, -1, 0.5], 0, { reduction: 'none' });
    expect(a.lossShape).toEqual([]);
    expect((a.loss as Float64Array)[0]).toBeCloseTo(crossEntropyLoss([[2, -1, 0.5]], [0]).loss as number, 15);
  });

  it('binary_cross_entropy clamps its logs at −100 and floors its gradient denominator at 1e-12', () => {
    const r = binaryCrossEntropy([0, 1, 0, 1], [1, 0, 0, 1], { reduction: 'none' });
    expect(plain(r.loss as Float64Array)).toEqual([100, 100, 0, 0]);
    expect(BCE_GRAD_EPSILON).toBe(Math.fround(1e-12));
    expect([...r.grad]).toEqual([-1 / BCE_GRAD_EPSILON, 1 / BCE_GRAD_EPSILON, 0, 0]);
  });
});

describe('infinities: limits where PyTorch gives NaN (documented)', () => {
  it('cross_entropy with a −Infinity logit for the target costs Infinity, gradient p − y', () => {
    const r = crossEntropyLoss([[-Infinity, 0, 0]], [0]);
    expect(r.loss).toBe(Infinity);
    expect([...r.grad]).toEqual([-1, 0.5, 0.5]);
  });

  it('cross_entropy with +Infinity logits: the tied maxima share the probability', () => {
    const r = crossEntropyLoss([[Infinity, 0, Infinity]], [0]);
    expect(r.loss).toBe(Math.LN2);
    expect([...r.grad]).toEqual([-0.5, 0, 0.5]);
  });

  it('a zero target probability ignores a −Infinity log-probability (0 · log 0 = 0)', () => {
    const r = crossEntropyLoss([[0, -Infinity]], [[1, 0]]);
    expect(r.loss).toBe(0);
    expect([...r.grad]).toEqual([0, 0]);
    expect(klDivLoss([0, -Infinity], [1, 0], { reduction: 'sum' }).loss).toBe(0);
    expect(klDivLoss([0, -Infinity], [0, -Infinity], { reduction: 'sum', logTarget: true }).loss).toBe(0);
  });

  it('binary_cross_entropy_with_logits at ±Infinity', () => {
    const r = binaryCrossEntropyWithLogits([Infinity, -Infinity, Infinity, -Infinity], [1, 0, 0, 1], { reduction: 'none' });
    expect(plain(r.loss as Float64Array)).toEqual([0, 0, Infinity, Infinity]);
    expect(plain(r.grad)).toEqual([0, 0, 1, -1]);
  });

  it('the focal losses at ±Infinity', () => {
    const s = sigmoidFocalLoss([Infinity, -Infinity], [1, 1], { alpha: -1 });
    expect(plain(s.loss as Float64Array)).toEqual([0, Infinity]);
    expect(plain(s.grad)).toEqual([0, -1]);
    const m = softmaxFocalLoss([[Infinity, 0], [-Infinity, 0]], [0, 0], { reduction: 'none' });
    expect(plain(m.loss as Float64Array)).toEqual([0, Infinity]);
    expect(plain(m.grad)).toEqual([0, 0, -1, 1]);
  });
});

describe('the shared pieces', () => {
  it('reduceLoss: compensated sum, mean by the divisor, none as is, NaN for an empty mean', () => {
    const e = new Float64Array([1e16, 1, -1e16]);
    expect(reduceLoss(e, 'sum', 3, 'float64')).toEqual({ loss: 1, gradScale: 1 });
    expect(reduceLoss(new Float64Array([1, 2, 3]), 'mean', 3, 'float64')).toEqual({ loss: 2, gradScale: 1 / 3 });
    expect(reduceLoss(e, 'none', 3, 'float64').loss).toBe(e);
    const empty = reduceLoss(new Float64Array(0), 'mean', 0, 'float64');
    expect(empty.loss).toBeNaN();
    expect(reduceLoss(new Float32Array([0.1, 0.2]), 'sum', 2, 'float32').loss).toBe(Math.fround(Math.fround(0.1) + Math.fround(0.2)));
  });

  it('broadcastWeight follows NumPy: trailing axes, size 1 repeats', () => {
    expect([...broadcastWeight([1, 2], [2, 2], 'float64', 'weight')!]).toEqual([1, 2, 1, 2]);
    expect([...broadcastWeight([[1], [2]], [2, 3], 'float64', 'weight')!]).toEqual([1, 1, 1, 2, 2, 2]);
    expect([...broadcastWeight([[[1, 2]], [[3, 4]]], [2, 2, 2], 'float64', 'weight')!]).toEqual([1, 2, 1, 2, 3, 4, 3, 4]);
    expect([...broadcastWeight(5, [3], 'float64', 'weight')!]).toEqual([5, 5, 5]);
    expect(broadcastWeight(undefined, [3], 'float64', 'weight')).toBeUndefined();
  });

  it('uses a typed array of the loss dtype without copying it, and never writes to it', () => {
    const x = new Float32Array([2, -1, 0.5]);
    const before = [...x];
    const r = crossEntropyLoss({ data: x, shape: [1, 3] }, [0], { dtype: 'float32' });
    expect([...x]).toEqual(before);
    expect(r.grad).toBeInstanceOf(Float32Array);
    expect(r.grad).not.toBe(x);
  });
});
