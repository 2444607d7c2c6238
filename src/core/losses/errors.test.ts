import { describe, expect, it } from 'vitest';
import { XentError } from '../XentError.js';
import { binaryCrossEntropyWithLogits } from './binaryCrossEntropyWithLogits.js';
import { crossEntropyLoss } from './crossEntropyLoss.js';
import { evaluateLossRequest, LOSS_KEYWORDS } from './lossRequest.js';

const base = { loss: 'cross_entropy', input: [[2, -1, 0.5], [0, 1, 2]], target: [0, 2] };

/** [[…[0]…]]: a tensor of `dims` axes of size 1. */
function nested(dims: number): unknown {
  let v: unknown = 0;
  for (let i = 0; i < dims; i++) v = [v];
  return v;
}

/** Runs `fn` and returns the XentError it throws (failing if it throws anything else or nothing). */
function xentError(fn: () => unknown): XentError {
  try {
    fn();
  } catch (e) {
    if (e instanceof XentError) return e;
    throw e;
  }
  return expect.fail('expected an XentError');
}

describe('bad requests are XentErrors naming the field', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp, (number | string)?]> = [
    ['an unknown loss', { ...base, loss: 'hinge' }, 'loss', /unknown loss "hinge"/],
    ['a missing loss', { input: [1], target: [1] }, 'loss', /^missing loss: use one of cross_entropy, /],
    ['a missing target', { loss: 'mse_loss', input: [1] }, 'target', /missing/],
    ['an argument the loss does not take', { ...base, pos_weight: [1, 1, 1] }, 'pos_weight', /cross_entropy takes no argument 'pos_weight'/],
    ['class-index targets of the wrong shape', { ...base, target: [0, 1, 2] }, 'target', /shape \(3\) but the input needs \(2\)/],
    ['probabilities of the wrong shape', { ...base, target: [[1, 0], [0, 1]] }, 'target', /shape \(2, 2\)/],
    ['a target out of range that is not ignore_index', { ...base, target: [0, 3] }, 'target', /^target 3 is not a class index in \[0, 3\)$/, 1],
    ['a negative target that is not ignore_index', { ...base, target: [-1, 0], ignore_index: -100 }, 'target', /target -1 is not a class index/, 0],
    // Wire spellings are the edge's to decode (src/cli/decodeLossRequest.ts): the library takes numbers.
    ['a spelled-out Infinity', { ...base, input: [[2, 'Infinity', 0.5], [0, 1, 2]] }, 'input', /value "Infinity" is not a number/, 1],
    ['a NaN in flat storage', { ...base, input: { shape: [2, 3], data: [2, 1, 0.5, 0, NaN, 2] } }, 'input', /NaN/, 4],
    ['more than 64 dimensions, nested', { loss: 'mse_loss', input: nested(65), target: nested(65) }, 'input', /more than 64 dimensions/],
    ['more than 64 dimensions, flat', { loss: 'mse_loss', input: { shape: new Array(65).fill(1), data: [1] }, target: [1] }, 'input', /more than 64 dimensions/],
    ['a fractional class index', { ...base, target: [0.5, 1] }, 'target', /not an integer/, 0],
    ['a negative weight', { ...base, weight: [1, -2, 1] }, 'weight', /weight -2 is not a finite non-negative number/, 1],
    ['an infinite weight', { ...base, weight: [1, Infinity, 1] }, 'weight', /not a finite non-negative/, 1],
    ['a weight per class of the wrong length', { ...base, weight: [1, 2] }, 'weight', /shape \(2\) but there are 3 classes/],
    ['label smoothing above 1', { ...base, label_smoothing: 1.5 }, 'label_smoothing', /outside \[0, 1\]/],
    ['negative label smoothing', { ...base, label_smoothing: -0.1 }, 'label_smoothing', /outside \[0, 1\]/],
    ['a NaN input', { ...base, input: [[2, NaN, 0.5], [0, 1, 2]] }, 'input', /NaN/, 1],
    ['a NaN target probability', { loss: 'mse_loss', input: [1, 2], target: [1, NaN] }, 'target', /NaN/, 1],
    ['a non-number', { ...base, input: [[2, 'x', 0.5], [0, 1, 2]] }, 'input', /"x" is not a number/, 1],
    ['ragged nesting', { ...base, input: [[2, 1, 0.5], [0, 1]] }, 'input', /ragged/],
    ['a scalar input for a classification loss', { ...base, input: 3, target: 0 }, 'input', /needs a class dimension/],
    ['no classes', { ...base, input: { shape: [2, 0], data: [] } }, 'input', /no classes/],
    ['an unknown reduction', { ...base, reduction: 'avg' }, 'reduction', /unknown reduction "avg"/],
    ['batchmean outside kl_div', { ...base, reduction: 'batchmean' }, 'reduction', /unknown reduction "batchmean"/],
    ['an unknown dtype', { ...base, dtype: 'float16' }, 'dtype', /unknown dtype/],
    ['a non-integer ignore_index', { ...base, ignore_index: 0.5 }, 'ignore_index', /integer/],
    ['probabilities outside [0, 1] for binary_cross_entropy', { loss: 'binary_cross_entropy', input: [0.5, 1.5], target: [1, 0] }, 'input', /1.5 is outside \[0, 1\]/, 1],
    ['mismatched shapes for an elementwise loss', { loss: 'mse_loss', input: [1, 2], target: [[1, 2]] }, 'target', /shape \(1, 2\) but input has shape \(2\)/],
    ['a weight that does not broadcast', { loss: 'binary_cross_entropy_with_logits', input: [[1, 2, 3]], target: [[1, 0, 1]], weight: [1, 2] }, 'weight', /does not broadcast/],
    ['a negative pos_weight', { loss: 'binary_cross_entropy_with_logits', input: [1, 2], target: [1, 0], pos_weight: [1, -1] }, 'pos_weight', /not a finite non-negative/, 1],
    ['a negative kl_div target', { loss: 'kl_div', input: [-1, -1], target: [0.5, -0.5] }, 'target', /negative/, 1],
    ['a non-boolean log_target', { loss: 'kl_div', input: [-1], target: [1], log_target: 'yes' }, 'log_target', /true or false/],
    ['a negative gamma', { loss: 'sigmoid_focal_loss', input: [1], target: [1], gamma: -1 }, 'gamma', /negative/],
    ['alpha above 1', { loss: 'sigmoid_focal_loss', input: [1], target: [1], alpha: 2 }, 'alpha', /above 1/],
    ['a flat tensor whose data does not fit its shape', { ...base, input: { shape: [2, 3], data: [1, 2] } }, 'input', /2 values but shape \(2, 3\) needs 6/],
    ['a request that is not an object', [1, 2] as unknown as Record<string, unknown>, 'request', /JSON object/],
  ];

  it.each(cases)('%s', (_what, request, field, message, index) => {
    const e = xentError(() => evaluateLossRequest(request));
    expect(e.field).toBe(field);
    expect(e.problem).toMatch(message);
    if (index !== undefined) expect(e.index).toBe(index);
  });

  it('names the camelCase option in the TypeScript API', () => {
    expect(xentError(() => crossEntropyLoss([[1, 2]], [0], { labelSmoothing: 2 })).field).toBe('labelSmoothing');
    expect(xentError(() => binaryCrossEntropyWithLogits([1], [1], { posWeight: [-1] })).field).toBe('posWeight');
  });

  it('accepts ignore_index equal to a valid class, and targets equal to a custom ignore_index', () => {
    expect(() => evaluateLossRequest({ ...base, target: [255, 1], ignore_index: 255 })).not.toThrow();
    const r = evaluateLossRequest({ ...base, target: [0, 1], ignore_index: 1 });
    expect([...r.grad.slice(3)]).toEqual([0, 0, 0]);
  });

  it('reports a bad class-index target the same on the fused float32 kernel path and the float64 loops', () => {
    // float32 (N, C), no smoothing, mean/sum: softmaxCrossEntropyKernel checks the targets;
    // everywhere else classTargets does. The caller cannot tell which.
    const paths: Array<[string, Record<string, unknown>]> = [
      ['float32 kernel, mean', { dtype: 'float32' }],
      ['float32 kernel, sum, weighted', { dtype: 'float32', reduction: 'sum', weight: [1, 2, 1] }],
      ['float64 loops', { dtype: 'float64' }],
      ['float32 loops (reduction none)', { dtype: 'float32', reduction: 'none' }],
      ['float32 loops (label smoothing)', { dtype: 'float32', label_smoothing: 0.1 }],
    ];
    for (const target of [[0, 3], [-1, 0], [2, -7]]) {
      const errors = paths.map(([, options]) => xentError(() => evaluateLossRequest({ ...base, target, ...options })));
      const first = errors[0];
      expect(first.problem).toMatch(/^target -?\d+ is not a class index in \[0, 3\)$/);
      errors.forEach((e, i) => expect([e.problem, e.field, e.index], paths[i][0]).toEqual([first.problem, first.field, first.index]));
    }
  });

  it('lists each loss\'s keyword arguments, snake_case, derived from its declaration', () => {
    expect(LOSS_KEYWORDS.cross_entropy).toEqual(['weight', 'ignore_index', 'label_smoothing', 'reduction']);
    expect(LOSS_KEYWORDS.binary_cross_entropy_with_logits).toEqual(['weight', 'pos_weight', 'reduction']);
    expect(LOSS_KEYWORDS.kl_div).toEqual(['reduction', 'log_target']);
    expect(xentError(() => evaluateLossRequest({ ...base, labelSmoothing: 0.1 })).problem).toBe(
      "cross_entropy takes no argument 'labelSmoothing' (it takes weight, ignore_index, label_smoothing, reduction, dtype)",
    );
  });
});
