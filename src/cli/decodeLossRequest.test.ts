import { describe, expect, it } from 'vitest';
import { XentError } from '../core/XentError.js';
import { evaluateLossRequest } from '../core/losses/lossRequest.js';
import { decodeLossRequest, parseLossRequest } from './decodeLossRequest.js';

/** The XentError `fn` throws; anything else, or nothing, fails the test. */
const xentError = (fn: () => unknown): XentError => {
  const error: unknown = (() => {
    try {
      return fn();
    } catch (e) {
      return e;
    }
  })();
  expect(error).toBeInstanceOf(XentError);
  return error as XentError;
};

/** `depth` nested arrays around a 0, as JSON text (JSON.parse itself takes any depth). */
const deepJson = (depth: number): string => '['.repeat(depth) + '0' + ']'.repeat(depth);

describe('decodeLossRequest', () => {
  it('turns the spelled non-finite numbers into numbers, in nested and {shape, data} tensors', () => {
    const r = decodeLossRequest({
      loss: 'cross_entropy',
      input: [['-Infinity', 0], [1, 'Infinity']],
      target: { shape: [2], data: [0, 1] },
      weight: { shape: [2], data: ['Infinity', 1] },
    });
    expect(r.input).toEqual([[-Infinity, 0], [1, Infinity]]);
    expect(r.target).toEqual({ shape: [2], data: [0, 1] });
    expect(r.weight).toEqual({ shape: [2], data: [Infinity, 1] });
    expect(decodeLossRequest({ loss: 'mse_loss', input: 'NaN', target: '-Infinity' })).toMatchObject({ input: NaN, target: -Infinity });
  });

  it('leaves strings that are not spelled numbers, and option values, to the library', () => {
    const r = decodeLossRequest({ loss: 'cross_entropy', input: [['x', 0]], target: [0], reduction: 'Infinity' });
    expect(r).toEqual({ loss: 'cross_entropy', input: [['x', 0]], target: [0], reduction: 'Infinity' });
  });

  it('drops options given as null (None), so the loss takes its default', () => {
    const r = decodeLossRequest({ loss: 'cross_entropy', input: [[1, 2]], target: [0], weight: null, ignore_index: null, label_smoothing: null });
    expect(r).toEqual({ loss: 'cross_entropy', input: [[1, 2]], target: [0] });
    expect(evaluateLossRequest(r).loss).toBe(evaluateLossRequest({ loss: 'cross_entropy', input: [[1, 2]], target: [0] }).loss);
  });

  it("refuses any key of a {shape, data} tensor but shape and data, naming the request's key", () => {
    const e = xentError(() => decodeLossRequest({ loss: 'mse_loss', input: { shape: [1], data: [1], extra: 1 }, target: [1] }));
    expect(e.field).toBe('input');
    expect(e.problem).toBe("a {shape, data} tensor takes no key 'extra'");
    expect(xentError(() => decodeLossRequest({ loss: 'mse_loss', input: [1], target: { data: [1] } })).field).toBe('target');
    expect(xentError(() => decodeLossRequest({ loss: 'mse_loss', input: [1], target: { shape: [1], data: 1 } })).problem).toMatch(/flat list/);
  });

  it('refuses nesting deeper than 64 before recursing into it, and takes 64', () => {
    const e = xentError(() => parseLossRequest(`{"loss":"mse_loss","input":${deepJson(3000)},"target":[0]}`, 'standard input'));
    expect(e.field).toBe('input');
    expect(e.problem).toMatch(/nested more than 64 deep/);
    expect(xentError(() => parseLossRequest(`{"loss":"mse_loss","input":[0],"target":${deepJson(65)}}`, 'x')).field).toBe('target');
    const ok = parseLossRequest(`{"loss":"mse_loss","input":${deepJson(64)},"target":${deepJson(64)}}`, 'x');
    expect(evaluateLossRequest(ok).gradShape).toHaveLength(64);
  });

  it('reads JSON after a UTF-8 byte-order mark, and names the source of text that is not JSON', () => {
    expect(parseLossRequest('\uFEFF{"loss":"mse_loss","input":[1],"target":[0]}', 'x')).toEqual({ loss: 'mse_loss', input: [1], target: [0] });
    const e = xentError(() => parseLossRequest('{"loss":', "'r.json'"));
    expect(e.field).toBe('--request');
    expect(e.problem).toMatch(/^'r\.json' is not valid JSON: /);
    expect(xentError(() => parseLossRequest('[1]', 'x')).field).toBe('request');
  });

  it('keeps the index of a NaN the library refuses, nested or flat, float64 or float32', () => {
    for (const dtype of ['float64', 'float32']) {
      for (const input of [[1, 'NaN', 2], { shape: [3], data: [1, 'NaN', 2] }]) {
        const e = xentError(() => evaluateLossRequest(decodeLossRequest({ loss: 'mse_loss', input, target: [0, 0, 0], dtype })));
        expect([e.problem, e.field, e.index]).toEqual(['value is NaN', 'input', 1]);
      }
    }
  });
});
