import { describe, expect, it } from 'vitest';
import { XentError } from '../XentError.js';
import { binaryCrossEntropyWithLogits } from './binaryCrossEntropyWithLogits.js';
import { crossEntropyLoss } from './crossEntropyLoss.js';
import { evaluateLossRequest } from './lossRequest.js';

const base = { loss: 'cross_entropy', input: [[2, -1, 0.5], [0, 1, 2]], target: [0, 2] };

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
    ['a target out of range that is not ignore_index', { ...base, target: [0, 3] }, 'target', /class index 3 is out of range \[0, 3\)/, 1],
    ['a negative target that is not ignore_index', { ...base, target: [-1, 0], ignore_index: -100 }, 'target', /class index -1/, 0],
    ['a fractional class index', { ...base, target: [0.5, 1] }, 'target', /not an integer/, 0],
    ['a negative weight', { ...base, weight: [1, -2, 1] }, 'weight', /weight -2 is not a finite non-negative number/, 1],
    ['an infinite weight', { ...base, weight: [1, 'Infinity', 1] }, 'weight', /not a finite non-negative/, 1],
    ['a weight per class of the wrong length', { ...base, weight: [1, 2] }, 'weight', /shape \(2\) but there are 3 classes/],
    ['label smoothing above 1', { ...base, label_smoothing: 1.5 }, 'label_smoothing', /outside \[0, 1\]/],
    ['negative label smoothing', { ...base, label_smoothing: -0.1 }, 'label_smoothing', /outside \[0, 1\]/],
    ['a NaN input', { ...base, input: [[2, 'NaN', 0.5], [0, 1, 2]] }, 'input', /NaN/, 1],
    ['a NaN target probability', { loss: 'mse_loss', input: [1, 2], target: [1, 'NaN'] }, 'target', /NaN/, 1],
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
});
