import { XentError } from '../core/XentError.js';
import { parseNumberText } from '../formats/parseNumberText.js';

/**
 * Parses one number token for `field` by xent's number grammar (parseNumberText): decimals
 * and the spelled non-finite values (`Infinity`, `-inf`, `NaN`, …, which the library then
 * refuses or accepts with a precise message). Anything else (empty, `0x10`, `1,5`) is an
 * error naming the field.
 */
export function parseNumber(token: string, field: string, index?: number | string): number {
  const value = parseNumberText(token);
  if (value === undefined) {
    const t = token.trim();
    throw new XentError(t === '' ? 'empty value, expected a number' : `'${t}' is not a number`, { field, index });
  }
  return value;
}
