import { XentError } from '../core/XentError.js';
import { parseNumber } from './parseNumber.js';

/**
 * An integer flag value in [min, max]; `3.5`, `1e400` or `x` are one-line errors naming the flag.
 *
 * @example
 * parseInteger('30', '--epochs', 0) // 30
 */
export function parseInteger(text: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = parseNumber(text, flag);
  if (!Number.isInteger(v) || v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new XentError(`${text} must be an integer ${range}`, { field: flag });
  }
  return v;
}
