import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random/createRng.js';
import { NumberScanner } from './NumberScanner.js';
import { nonFiniteValue, parseNumberText } from './parseNumberText.js';

const bytes = (s: string) => new TextEncoder().encode(s);

/**
 * The grammar as its comment states it, from Number(): where Number() reads a number the
 * grammar reads the same double, except the empty text and the 0x/0o/0b forms; where it
 * reads none, only Python's spellings of infinity and NaN are numbers.
 */
function reference(text: string): number | undefined {
  const t = text.trim();
  const v = Number(t);
  if (t !== '' && !Number.isNaN(v) && !/^[+-]?0[xob]/i.test(t)) return v;
  const word = t.toLowerCase().replace(/^[+-]/, '');
  if (word === 'inf' || word === 'infinity') return t.startsWith('-') ? -Infinity : Infinity;
  if (word === 'nan') return NaN;
  return undefined;
}

/** Strings built from the pieces numbers are made of, and of the pieces they are not. */
function generatedTexts(seed: number, count: number): string[] {
  const pieces = ['0', '1', '5', '9', '00', '.', 'e', 'E', '+', '-', ' ', '\t', 'inf', 'INF', 'infinity', 'Infinity', 'nan', 'NaN', 'i', 'n', 'x', '0x', '0b', '0o', '_', ',', 'a'];
  const rng = createRng(seed);
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    let t = '';
    const n = Math.floor(rng.uniform() * 6);
    for (let k = 0; k < n; k++) t += pieces[Math.floor(rng.uniform() * pieces.length)];
    texts.push(t);
  }
  return texts;
}

describe('the number grammar', () => {
  it('reads the spellings of infinity and NaN that NumPy, pandas, R, Julia, C and JavaScript write', () => {
    const cases: [string, number][] = [
      ['Infinity', Infinity], ['+Infinity', Infinity], ['-Infinity', -Infinity], ['NaN', NaN],
      ['inf', Infinity], ['-inf', -Infinity], ['+inf', Infinity], ['nan', NaN], ['-nan', NaN],
      ['Inf', Infinity], ['-Inf', -Infinity], ['INF', Infinity], ['INFINITY', Infinity], ['infinity', Infinity], [' -inf\t', -Infinity],
    ];
    for (const [text, value] of cases) {
      expect(parseNumberText(text), text).toBe(value);
      expect(new NumberScanner().parse(bytes(text), 0, text.length), text).toBe(value);
    }
  });

  it('refuses what only looks like a number: empty, hexadecimal, separators, a decimal comma, R\'s NA', () => {
    for (const text of ['', ' ', '0x10', '0X1f', '0b1', '0o7', '-0x1', '1_000', '1,5', 'NA', 'infinit', 'nan1', 'in f', '++1', '1e', '1e+', '.', '.e1', 'e5', '1.2.3', '--inf', 'Infinityy', '\u00a0']) {
      expect(parseNumberText(text), JSON.stringify(text)).toBeUndefined();
      expect(new NumberScanner().parse(bytes(text), 0, bytes(text).length), JSON.stringify(text)).toBeUndefined();
    }
    expect(nonFiniteValue('1e9')).toBeUndefined();
  });

  it('agrees with Number() on generated texts, and the byte path agrees with the text path', () => {
    const scanner = new NumberScanner();
    const texts = generatedTexts(7, 40000);
    let numbers = 0;
    const wrong: string[] = [];
    for (const t of texts) {
      const expected = reference(t);
      const b = bytes(t);
      if (!Object.is(parseNumberText(t), expected) || !Object.is(scanner.parse(b, 0, b.length), expected)) wrong.push(t);
      if (expected !== undefined) numbers++;
    }
    expect(wrong).toEqual([]);
    // Both kinds are well represented: the texts that are numbers and those that are not.
    expect(numbers).toBeGreaterThan(3000);
    expect(texts.length - numbers).toBeGreaterThan(3000);
  });

  it('gives the same double as Number() for decimal text of every length', () => {
    const rng = createRng(3);
    const texts = ['0', '-0', '1', '0.5', '.5', '5.', '1e-5', '1E+22', '1e23', '123456789012345678', '0.1000000000000000055511151231257827', '2.2250738585072014e-308', '4.9e-324', '1.7976931348623157e308', '9007199254740993', '+3.25', '1e400', '-1e-400'];
    for (let i = 0; i < 3000; i++) {
      const v = (rng.uniform() - 0.3) * 10 ** Math.floor(rng.uniform() * 40 - 20);
      texts.push(String(v), v.toFixed(6), v.toPrecision(1 + Math.floor(rng.uniform() * 19)), v.toExponential(Math.floor(rng.uniform() * 18)));
    }
    const scanner = new NumberScanner();
    for (const t of texts) {
      expect(Object.is(parseNumberText(t), Number(t)), t).toBe(true);
      expect(Object.is(scanner.parse(bytes(t), 0, t.length), Number(t)), t).toBe(true);
    }
  });

  it('is exact on 17–19 significant digits and on rounding midpoints (the double-double path and its fallback)', () => {
    const rng = createRng(5);
    const texts = ['9007199254740993', '9007199254740995', '0.30000000000000004', '1.0000000000000002', '2.4703282292062327e-308', '8.98846567431158e307', '123456789.123456789', '0.9999999999999999', '1.00000000000000011102230246251565', '5e-324', '1234567890123456789e3', '12345678901234567891'];
    for (let i = 0; i < 60000; i++) {
      const v = rng.uniform() * 10 ** Math.floor(rng.uniform() * 44 - 22);
      texts.push(String(v), v.toPrecision(17), v.toPrecision(18), v.toPrecision(19), v.toExponential(16));
      // Halfway between two neighbouring doubles, written out: the hardest case for rounding.
      const next = v + v * 2 ** -52;
      texts.push(((v + next) / 2).toPrecision(19));
    }
    const scanner = new NumberScanner();
    let wrong = 0;
    let plain = 0;
    for (const t of texts) {
      const b = bytes(t);
      if (!Object.is(scanner.parse(b, 0, t.length), Number(t))) wrong++;
      // The readers' hot path, where it takes the number at all, must agree too.
      const v = scanner.scanPlainDecimal(b, 0);
      if (scanner.end === t.length) {
        plain++;
        if (!Object.is(v, Number(t))) wrong++;
      }
    }
    expect(wrong).toBe(0);
    expect(plain).toBeGreaterThan(50000);
  });

  it('reads numbers where they lie in a longer buffer, four digits at a time, the same as Number()', () => {
    // The readers' case: a number followed by a delimiter and more digits, so the 32-bit loads
    // of the fast path see the bytes after it; a subarray at an odd offset into its buffer.
    const rng = createRng(11);
    const texts: string[] = ['0.1', '0.12345678', '1.5', '10.25', '0.000012345678901234567', '123456789012.1234567', '0.99999999999999994', '0.99999999999999995', '5.', '-0.0', '-0.30000000000000004', '0.1000000000000000055511151231257827'];
    for (let i = 0; i < 40000; i++) {
      const v = rng.uniform() ** 3;
      texts.push(String(v), v.toFixed(1 + Math.floor(rng.uniform() * 21)), v.toPrecision(1 + Math.floor(rng.uniform() * 19)), String(-v * 10 ** Math.floor(rng.uniform() * 8)));
    }
    const line = texts.join(',') + ',1234\n';
    const padded = new Uint8Array(line.length + 3);
    padded.set(bytes(line), 3);
    const b = padded.subarray(3);
    const scanner = new NumberScanner();
    let pos = 0;
    let plain = 0;
    const wrong: string[] = [];
    for (const t of texts) {
      let v = scanner.scanPlainDecimal(b, pos);
      if (scanner.end >= 0) plain++;
      else v = scanner.scan(b, pos, b.length);
      if (scanner.end !== pos + t.length || !Object.is(v, Number(t))) wrong.push(t);
      pos += t.length + 1;
    }
    expect(wrong).toEqual([]);
    expect(plain).toBeGreaterThan(0.9 * texts.length);
    // Bytes next to the digits in the code table ('/' 0x2F, ':' to '?' 0x3A–0x3F) end a number.
    for (const stop of '/:;<=>?') {
      for (const t of ['0.1234', '0.12345678', '0.123456789012']) {
        const row = bytes(`${t}${stop}5678901234,`);
        expect(scanner.scanPlainDecimal(row, 0), `${t}${stop}`).toBe(Number(t));
        expect(scanner.end).toBe(t.length);
      }
    }
  });

  it('is exact for mantissas on either side of 2^53, with the decimal point anywhere (where the exact-integer path ends)', () => {
    // 2^53 = 9007199254740992: a mantissa below it is an exact double, one above may round
    // onto 2^53 itself (…993 does), which must not pass for exact.
    const scanner = new NumberScanner();
    const wrong: string[] = [];
    // BigInt: past 2^53 a double cannot count by ones.
    for (let m = 9007199254740980n; m <= 9007199254741000n; m++) {
      for (const digits of [String(m), `${m}7`, `${m - 8000000000000000n}`, `${m / 10n}`]) {
        for (let point = 0; point <= digits.length; point++) {
          const t = point === 0 ? `0.${digits}` : `${digits.slice(0, point)}.${digits.slice(point)}`;
          const row = bytes(`${t},`);
          let v = scanner.scanPlainDecimal(row, 0);
          if (scanner.end < 0) v = scanner.scan(row, 0, row.length);
          if (!Object.is(v, Number(t))) wrong.push(t);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('scans a number where it lies and says where it stops, for the readers', () => {
    const scanner = new NumberScanner();
    const row = bytes('0.25,-1e3,x');
    expect(scanner.scanPlainDecimal(row, 0)).toBe(0.25);
    expect(scanner.end).toBe(4);
    expect(Number.isNaN(scanner.scanPlainDecimal(row, 5))).toBe(true);
    expect(scanner.end).toBe(-1);
    expect(scanner.scan(row, 5, row.length)).toBe(-1000);
    expect(scanner.end).toBe(9);
    expect(Number.isNaN(scanner.scan(row, 10, row.length))).toBe(true);
    expect(scanner.end).toBe(-1);
  });
});
