import { XentError } from '../core/XentError.js';
import type { LossRequest } from '../core/losses/lossRequest.js';
import { MAX_TENSOR_DIMS } from '../core/losses/tensor.js';
import { parseNumberText } from '../formats/parseNumberText.js';

/** The keys whose value is a tensor even when it is a single (spelled) number. */
const SCALAR_TENSOR_KEYS = new Set(['input', 'target']);

/**
 * Reads the text of an `xent loss` request: JSON (after a UTF-8 byte-order mark, if an
 * editor wrote one), decoded by decodeLossRequest. `source` names where the text came
 * from in the error for text that is not JSON.
 *
 * @example
 * parseLossRequest('{"loss":"mse_loss","input":["Infinity"],"target":[0]}', 'standard input')
 * // { loss: 'mse_loss', input: [Infinity], target: [0] }
 */
export function parseLossRequest(text: string, source: string): LossRequest {
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (e) {
    throw new XentError(`${source} is not valid JSON: ${(e as Error).message}`, { field: '--request' });
  }
  return decodeLossRequest(json);
}

/**
 * The wire format of a loss request (docs/design.md) decoded into the plain values the
 * library's evaluateLossRequest takes:
 * - a string inside a tensor that is a number of xent's grammar (parseNumberText) becomes
 *   that number: JSON has no non-finite numbers, so xent writes them as "Infinity",
 *   "-Infinity" and "NaN" (toJson) and reads them back here (NaN is then refused by the
 *   loss, which names its index); any other string is left for the loss to refuse;
 * - a `{shape, data}` object becomes flat storage `{shape, data}`; any other key in it is
 *   an error naming the key;
 * - an option given as null is left out, Python's None;
 * - nesting deeper than MAX_TENSOR_DIMS is an error, before anything recurses into it.
 * Everything else (shapes, ranges, unknown keys of the request) is the library's to check.
 *
 * @example
 * decodeLossRequest({ loss: 'cross_entropy', input: { shape: [1, 2], data: [0, '-Infinity'] }, target: [0], weight: null })
 * // { loss: 'cross_entropy', input: { shape: [1, 2], data: [0, -Infinity] }, target: [0] }
 */
export function decodeLossRequest(json: unknown): LossRequest {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new XentError('a loss request must be a JSON object', { field: 'request' });
  }
  const request: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    if (value === null && key !== 'loss' && key !== 'input' && key !== 'target') continue;
    request[key] = decodeValue(value, key, SCALAR_TENSOR_KEYS.has(key));
  }
  return request as LossRequest;
}

function decodeValue(value: unknown, field: string, spelledNumber: boolean): unknown {
  if (Array.isArray(value)) return decodeNested(value, field, 1);
  if (typeof value === 'object' && value !== null) return decodeFlat(value as Record<string, unknown>, field);
  return spelledNumber ? decodeNumber(value) : value;
}

function decodeNested(value: unknown[], field: string, depth: number): unknown[] {
  if (depth > MAX_TENSOR_DIMS) throw new XentError(`is nested more than ${MAX_TENSOR_DIMS} deep: a tensor has at most ${MAX_TENSOR_DIMS} dimensions`, { field });
  return value.map((v) => (Array.isArray(v) ? decodeNested(v, field, depth + 1) : decodeNumber(v)));
}

function decodeFlat(value: Record<string, unknown>, field: string): { shape: unknown; data: unknown } {
  for (const key of Object.keys(value)) {
    if (key !== 'shape' && key !== 'data') throw new XentError(`a {shape, data} tensor takes no key '${key}'`, { field });
  }
  if (!('shape' in value) || !('data' in value)) throw new XentError('a tensor given as an object needs both shape and data', { field });
  const { shape, data } = value;
  if (!Array.isArray(data)) throw new XentError('data of a {shape, data} tensor must be a flat list of numbers', { field });
  // data is flat: a nested entry is left for the loss to refuse as "not a number", not recursed into.
  return { shape, data: data.map(decodeNumber) };
}

function decodeNumber(v: unknown): unknown {
  return typeof v === 'string' ? (parseNumberText(v) ?? v) : v;
}
