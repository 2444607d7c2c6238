import { XentError } from '../core/XentError.js';

// Decimal numbers as people and CSV files write them, plus the spelled-out non-finite
// values (which the library then refuses or accepts with a precise message).
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?Infinity$|^NaN$/;

/** Parses one number token for `field`; anything else (empty, `0x10`, `1,5`) is an error. */
export function parseNumber(token: string, field: string, index?: number | string): number {
  const t = token.trim();
  if (!NUMBER.test(t)) {
    throw new XentError(t === '' ? 'empty value, expected a number' : `'${t}' is not a number`, { field, index });
  }
  return Number(t);
}
