import { describe, expect, it } from 'vitest';
import { memorySource } from '../../test/eval/memoryTables.js';
import { XentError } from '../core/XentError.js';
import { tableReader } from '../formats/openTable.js';
import { decodeLossRequest } from './decodeLossRequest.js';
import { parseNumber } from './parseNumber.js';
import { parseNumberList } from './parseNumberList.js';

/** The one value a table of one cell holds, or the error reading it raised. */
async function cell(name: string, content: string, format: 'csv' | 'json'): Promise<number | XentError> {
  try {
    const batch = await tableReader(memorySource(name, content), { kind: 'numbers' }, format).next();
    return batch!.values[0];
  } catch (e) {
    if (e instanceof XentError) return e;
    throw e;
  }
}

const flag = (text: string): number | XentError => {
  try {
    return parseNumber(text, '--x');
  } catch (e) {
    if (e instanceof XentError) return e;
    throw e;
  }
};

describe('one number grammar at every edge', () => {
  it('reads a spelling alike in a flag, a list, a CSV cell, a JSON string, a bare JSON word and a loss request', async () => {
    for (const [text, value] of [['inf', Infinity], ['-Infinity', -Infinity], ['+INF', Infinity], ['-inf', -Infinity], ['2.5e-3', 0.0025], ['-0', -0]] as const) {
      expect(flag(text), text).toBe(value);
      expect(parseNumberList(`1,${text}`, '--p'), text).toEqual([1, value]);
      expect(await cell('p.csv', `${text}\n`, 'csv'), text).toBe(value);
      expect(await cell('p.json', JSON.stringify([text]), 'json'), text).toBe(value);
      expect(decodeLossRequest({ loss: 'mse_loss', input: [text], target: [0] }).input, text).toEqual([value]);
    }
    for (const [text, value] of [['Infinity', Infinity], ['-inf', -Infinity]] as const) expect(await cell('p.json', `[${text}]`, 'json'), text).toBe(value);
  });

  it('refuses the same texts everywhere, and reads NaN where the reader then says a NaN cannot stand', async () => {
    for (const text of ['0x10', '1_000', 'NA', 'infinit', '1e']) {
      expect(flag(text), text).toBeInstanceOf(XentError);
      expect(await cell('p.csv', `0\n${text}\n`, 'csv'), text).toBeInstanceOf(XentError);
      expect(await cell('p.json', JSON.stringify([text]), 'json'), text).toBeInstanceOf(XentError);
      expect(decodeLossRequest({ loss: 'mse_loss', input: [text], target: [0] }).input, text).toEqual([text]);
    }
    expect(flag('NaN')).toBeNaN();
    expect(String(await cell('p.csv', '0\nnan\n', 'csv'))).toMatch('the value is NaN (p.csv, line 2, column 1)');
    expect(String(await cell('p.json', '["NaN"]', 'json'))).toMatch('the value is NaN (p.json, line 1, column 2)');
    expect(String(await cell('p.json', '[-nan]', 'json'))).toMatch('the value is NaN (p.json, line 1, column 2)');
  });

  it('names the flag and the position of a bad token', () => {
    expect(() => parseNumber(' ', '--eta')).toThrow('empty value, expected a number (--eta)');
    expect(() => parseNumberList('0.5,1,5,x', '--p')).toThrow("'x' is not a number (--p, index 3)");
  });
});
