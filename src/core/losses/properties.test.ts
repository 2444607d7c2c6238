import { describe, expect, it } from 'vitest';
import { createRng } from '../random/createRng.js';
import { binaryCrossEntropy } from './binaryCrossEntropy.js';
import { binaryCrossEntropyWithLogits } from './binaryCrossEntropyWithLogits.js';
import { crossEntropyLoss } from './crossEntropyLoss.js';
import { klDivLoss } from './klDivLoss.js';
import { logSoftmax } from '../math/logSoftmax.js';
import type { LossResult } from './LossResult.js';
import { mseLoss } from './mseLoss.js';
import { nllLoss } from './nllLoss.js';
import { sigmoid } from '../math/sigmoid.js';
import { sigmoidFocalLoss } from './sigmoidFocalLoss.js';
import { softmaxFocalLoss } from './softmaxFocalLoss.js';

const rng = createRng(7);
/** The project's seeded generator, so every run checks the same points. */
const rand = () => rng.uniform();
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
/** Finite values from ordinary to extreme: the property must hold for all of them. */
const EXTREMES = [0, -0, 1e-300, -1e-300, 1, -1, 37, -37, 800, -800, 1e4, -1e4, 1e300, -1e300, Number.MAX_VALUE, -Number.MAX_VALUE];
const logit = () => (rand() < 0.5 ? pick(EXTREMES) : 10 * (rand() - 0.5));
const prob = () => pick([0, 1, rand(), rand(), 1e-300, 1 - 1e-16]);
const vec = (n: number, f: () => number) => Array.from({ length: n }, f);

function values(r: LossResult): number[] {
  return [...(typeof r.loss === 'number' ? [r.loss] : r.loss), ...r.grad];
}

function expectNoNaN(r: LossResult, what: string) {
  const i = values(r).findIndex(Number.isNaN);
  if (i >= 0) expect.fail(`${what}: NaN at ${i}`);
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, rel: number) {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const scale = Math.max(Math.abs(a[i]), Math.abs(b[i]), 1e-300);
    if (!(Math.abs(a[i] - b[i]) / scale <= rel)) expect.fail(`[${i}]: ${a[i]} vs ${b[i]}`);
  }
}

describe('finite inputs never give NaN (except an all-ignored or zero-weight mean)', () => {
  it('holds over 1000 random requests with extreme values, every loss and reduction', () => {
    for (let trial = 0; trial < 100; trial++) {
      const n = 1 + Math.floor(rand() * 4);
      const c = 1 + Math.floor(rand() * 4);
      const reduction = pick(['mean', 'sum', 'none'] as const);
      const dtype = pick(['float64', 'float32'] as const);
      // Finite in the dtype: float32 holds up to 3.4e38, beyond which storage gives Infinity.
      const finite = (v: number) => (dtype === 'float32' ? Math.max(-3e38, Math.min(3e38, v)) : v);
      const x = vec(n * c, logit).map(finite);
      const shape = [n, c];
      const idx = vec(n, () => Math.floor(rand() * c));
      const weight = vec(c, () => 0.1 + rand());
      const probs = vec(n * c, prob);
      const what = `trial ${trial} ${reduction} ${dtype}`;
      expectNoNaN(crossEntropyLoss({ data: x, shape }, idx, { weight, labelSmoothing: pick([0, 0.1, 1]), reduction, dtype }), `ce ${what}`);
      expectNoNaN(crossEntropyLoss({ data: x, shape }, { data: probs, shape }, { weight, labelSmoothing: pick([0, 0.1]), reduction, dtype }), `ce probs ${what}`);
      expectNoNaN(nllLoss({ data: x, shape }, idx, { weight, reduction, dtype }), `nll ${what}`);
      expectNoNaN(softmaxFocalLoss({ data: x, shape }, idx, { weight, gamma: pick([0, 0.5, 2]), reduction, dtype }), `softmax focal ${what}`);
      expectNoNaN(binaryCrossEntropy({ data: probs, shape }, { data: vec(n * c, prob), shape }, { reduction, dtype }), `bce ${what}`);
      expectNoNaN(
        binaryCrossEntropyWithLogits({ data: x, shape }, { data: probs, shape }, { posWeight: weight, weight, reduction, dtype }),
        `bce logits ${what}`,
      );
      expectNoNaN(sigmoidFocalLoss({ data: x, shape }, { data: probs, shape }, { gamma: pick([0, 0.5, 2]), reduction, dtype }), `sigmoid focal ${what}`);
      expectNoNaN(mseLoss({ data: x.map((v) => v / 2), shape }, { data: vec(n * c, logit).map((v) => finite(v) / 2), shape }, { reduction, dtype }), `mse ${what}`);
      const logQ = vec(n * c, () => -Math.abs(finite(logit())));
      expectNoNaN(klDivLoss({ data: logQ, shape }, { data: probs, shape }, { reduction: pick(['batchmean', 'mean', 'sum', 'none'] as const), dtype }), `kl ${what}`);
      expectNoNaN(klDivLoss({ data: logQ, shape }, { data: logQ.slice().reverse(), shape }, { logTarget: true, dtype }), `kl log ${what}`);
    }
  });
});

describe('identities between the losses', () => {
  const shape = [6, 5];
  const x = vec(30, () => 4 * (rand() - 0.5));
  const target = vec(6, () => Math.floor(rand() * 5));
  const oneHot = target.flatMap((y) => vec(5, () => 0).map((_, k) => (k === y ? 1 : 0)));
  const weight = vec(5, () => 0.2 + rand());

  it('cross_entropy with class indices equals nll_loss of logSoftmax, loss for loss', () => {
    const logP = Array.from({ length: 6 }, (_, r) => [...logSoftmax(x.slice(5 * r, 5 * r + 5))]);
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      const ce = crossEntropyLoss({ data: x, shape }, target, { weight, reduction });
      const nll = nllLoss(logP, target, { weight, reduction });
      expectClose(typeof ce.loss === 'number' ? [ce.loss] : ce.loss, typeof nll.loss === 'number' ? [nll.loss] : nll.loss, 1e-15);
      // Chain rule through logSoftmax: ∂/∂z_j = Σ_c g_c (δ_cj − p_j) with g = nll's gradient.
      for (let r = 0; r < 6; r++) {
        const p = logP[r].map(Math.exp);
        const g = nll.grad.slice(5 * r, 5 * r + 5);
        const gSum = Array.from(g).reduce((s, v) => s + v, 0);
        const chained = p.map((pj, j) => g[j] - pj * gSum);
        expectClose(ce.grad.slice(5 * r, 5 * r + 5), chained, 1e-12);
      }
    }
  });

  it('cross_entropy with one-hot probabilities equals cross_entropy with class indices', () => {
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      for (const labelSmoothing of [0, 0.25]) {
        const a = crossEntropyLoss({ data: x, shape }, target, { reduction, labelSmoothing });
        const b = crossEntropyLoss({ data: x, shape }, { data: oneHot, shape }, { reduction, labelSmoothing });
        expectClose(typeof a.loss === 'number' ? [a.loss] : a.loss, typeof b.loss === 'number' ? [b.loss] : b.loss, 1e-14);
        expectClose(a.grad, b.grad, 1e-12);
      }
    }
  });

  it('label smoothing 0 is the same as none, to the bit', () => {
    for (const t of [target, { data: oneHot, shape }]) {
      const a = crossEntropyLoss({ data: x, shape }, t, { weight });
      const b = crossEntropyLoss({ data: x, shape }, t, { weight, labelSmoothing: 0 });
      expect(b.loss).toBe(a.loss);
      expect([...b.grad]).toEqual([...a.grad]);
    }
  });

  it('label smoothing ε is cross-entropy against (1 − ε)·one-hot + ε/C', () => {
    const smoothed = oneHot.map((t) => 0.8 * t + 0.2 / 5);
    const a = crossEntropyLoss({ data: x, shape }, target, { labelSmoothing: 0.2, reduction: 'sum' });
    const b = crossEntropyLoss({ data: x, shape }, { data: smoothed, shape }, { reduction: 'sum' });
    expectClose([a.loss as number], [b.loss as number], 1e-14);
    expectClose(a.grad, b.grad, 1e-12);
  });

  it('softmax_focal_loss at γ = 0 is cross_entropy', () => {
    const a = softmaxFocalLoss({ data: x, shape }, target, { gamma: 0, weight });
    const b = crossEntropyLoss({ data: x, shape }, target, { weight });
    expectClose([a.loss as number], [b.loss as number], 1e-15);
    expectClose(a.grad, b.grad, 1e-14);
  });

  it('binary_cross_entropy_with_logits is binary_cross_entropy of σ(x), gradient times σ\'', () => {
    const z = vec(12, () => 6 * (rand() - 0.5));
    const y = vec(12, () => rand());
    const a = binaryCrossEntropyWithLogits(z, y, { reduction: 'sum' });
    const b = binaryCrossEntropy(z.map(sigmoid), y, { reduction: 'sum' });
    expectClose([a.loss as number], [b.loss as number], 1e-13);
    expectClose(a.grad, [...b.grad].map((g, i) => g * sigmoid(z[i]) * sigmoid(-z[i])), 1e-12);
  });

  it('sigmoid_focal_loss at γ = 0, α < 0 is binary_cross_entropy_with_logits', () => {
    const z = vec(12, () => 6 * (rand() - 0.5));
    const y = vec(12, () => rand());
    const a = sigmoidFocalLoss(z, y, { gamma: 0, alpha: -1, reduction: 'mean' });
    const b = binaryCrossEntropyWithLogits(z, y);
    expectClose([a.loss as number], [b.loss as number], 1e-14);
    expectClose(a.grad, b.grad, 1e-14);
  });

  it("'none' sums to 'sum', and its gradient is the sum's; 'mean' is sum / count", () => {
    const none = crossEntropyLoss({ data: x, shape }, target, { reduction: 'none' });
    const sum = crossEntropyLoss({ data: x, shape }, target, { reduction: 'sum' });
    const mean = crossEntropyLoss({ data: x, shape }, target);
    expect((none.loss as Float64Array).reduce((s, v) => s + v, 0)).toBeCloseTo(sum.loss as number, 13);
    expect([...none.grad]).toEqual([...sum.grad]);
    expect(mean.loss as number).toBeCloseTo((sum.loss as number) / 6, 15);
    expectClose(mean.grad, [...sum.grad].map((g) => g / 6), 1e-15);
  });

  it('float32 agrees with float64 to float32 rounding', () => {
    const x32 = Float32Array.from(x);
    const a = crossEntropyLoss({ data: x32, shape }, target, { weight: Float32Array.from(weight), dtype: 'float32', labelSmoothing: 0.1 });
    const b = crossEntropyLoss({ data: Float64Array.from(x32), shape }, target, { weight: Float64Array.from(Float32Array.from(weight)), labelSmoothing: 0.1 });
    expect(a.grad).toBeInstanceOf(Float32Array);
    expect(a.loss).toBe(Math.fround(a.loss as number));
    expectClose([a.loss as number], [b.loss as number], 1e-7);
    expectClose(a.grad, b.grad, 1e-7);
  });
});
