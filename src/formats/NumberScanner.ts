import { parseNumberText } from './parseNumberText.js';

/** Exact powers of ten: 10^k is a float64 without rounding for k ≤ 22. */
const POW10 = new Float64Array(23).map((_, k) => 10 ** k);

/** Veltkamp's splitting constant 2^27 + 1 (Dekker 1971) for exact products without FMA. */
const SPLIT = 134217729;
/** Relative bound on the error of the double-double evaluation below, with a wide margin. */
const DOUBLE_DOUBLE_DOUBT = 2 ** -90;

/**
 * Reads numbers of the grammar (parseNumberText) where they lie in a byte buffer, without
 * first cutting them out as strings: the readers' hot path. Each method leaves in `end`
 * where the number it read stops, or −1; a scanner is an object, not module state, so
 * readers that run interleaved each keep their own.
 *
 * Fast paths, both exact:
 * - Clinger's (W. D. Clinger, "How to read floating point numbers accurately", PLDI 1990):
 *   a mantissa w < 2^53 and a power of ten 10^k with k ≤ 22 are exact doubles, so
 *   w·10^k or w/10^k rounds once, correctly.
 * - Up to 19 significant digits (shortest round-trip output has 17): w·10^±k is formed in
 *   double-double arithmetic (Dekker's exact products), accurate to ~2^−100, and rounded to
 *   a double; if the true value could lie on the other side of a rounding boundary (the
 *   double-double ± its error bound round differently), the text goes to `Number`.
 * Anything else (more digits, exponents beyond ±22) goes through `Number` on the text, and
 * what is not a decimal (`inf`, `nan`, a padded cell) through parseNumberText.
 *
 * @example
 * const scanner = new NumberScanner();
 * scanner.parse(new TextEncoder().encode('-inf'), 0, 4) // -Infinity
 */
export class NumberScanner {
  /** Where the last scan stopped: the byte after the number, or −1 when none started there. */
  end = 0;

  /**
   * The number of the grammar that is the whole of `bytes[start, end)`, the same as
   * parseNumberText gives for its UTF-8 text: undefined where that text is not a number.
   */
  parse(bytes: Uint8Array, start: number, end: number): number | undefined {
    const v = this.scan(bytes, start, end);
    if (this.end === end) return v;
    return parseNumberText(utf8.decode(bytes.subarray(start, end)));
  }

  /**
   * Scans a decimal starting at `start` and stops at the first byte that cannot continue it
   * (or at `end`), leaving that position in `end`. Returns NaN, with `end` −1 or short of the
   * field, when no decimal starts there; a caller that needs the whole field to be the
   * number checks `end`. Spelled non-finite values are left to parseNumberText.
   */
  scan(bytes: Uint8Array, start: number, end: number): number {
    let i = start;
    let c = bytes[i];
    let negative = false;
    if (c === 45 || c === 43) {
      negative = c === 45;
      c = bytes[++i];
    }
    // The first 15 significant digits go to `high`, up to 4 more to `low`.
    let high = 0;
    let low = 0;
    let lowDigits = 0;
    let digits = 0;
    let exponent = 0;
    let sawDigit = false;
    while (c >= 48 && c <= 57 && i < end) {
      sawDigit = true;
      if (high !== 0 || c !== 48) {
        if (digits < 15) high = high * 10 + (c - 48);
        else if (digits < 19) {
          low = low * 10 + (c - 48);
          lowDigits++;
        } else if (c !== 48) digits = 1000; // a 20th nonzero digit: leave it to Number
        else exponent++;
        digits++;
      }
      c = bytes[++i];
    }
    if (c === 46 && i < end) {
      c = bytes[++i];
      while (c >= 48 && c <= 57 && i < end) {
        sawDigit = true;
        if (high !== 0 || c !== 48) {
          if (digits < 15) {
            high = high * 10 + (c - 48);
            exponent--;
          } else if (digits < 19) {
            low = low * 10 + (c - 48);
            lowDigits++;
            exponent--;
          } else if (c !== 48) digits = 1000; // a 20th nonzero digit: leave it to Number
          digits++;
        } else exponent--;
        c = bytes[++i];
      }
    }
    if (!sawDigit) {
      this.end = -1;
      return NaN;
    }
    if ((c === 101 || c === 69) && i < end) {
      const mark = i;
      c = bytes[++i];
      let expNegative = false;
      if ((c === 45 || c === 43) && i < end) {
        expNegative = c === 45;
        c = bytes[++i];
      }
      let e = 0;
      let expDigits = 0;
      while (c >= 48 && c <= 57 && i < end) {
        if (e < 100000) e = e * 10 + (c - 48);
        expDigits++;
        c = bytes[++i];
      }
      if (expDigits === 0) {
        this.end = mark;
        return NaN;
      }
      exponent += expNegative ? -e : e;
    }
    this.end = i;
    let value: number;
    if (high === 0 && low === 0) value = 0;
    else if (digits > 19) value = NaN;
    else if (lowDigits === 0) {
      if (exponent >= 0 && exponent <= 22) value = high * POW10[exponent];
      else if (exponent < 0 && exponent >= -22) value = high / POW10[-exponent];
      else value = NaN;
    } else if (exponent < -22 || exponent > 22) value = NaN;
    else value = doubleDouble(high, low, lowDigits, exponent);
    if (value !== value) {
      // Out of the fast paths: the exact answer from the text (ASCII: only digits, signs, '.', 'e' got here).
      return Number(utf8.decode(bytes.subarray(start, i)));
    }
    return negative ? -value : value;
  }

  /**
   * The hot path of the readers: `[-]digits[.digits]` with up to 19 significant digits and no
   * exponent, the form of nearly every probability a program writes, in one pass with no
   * branches on digit counts (scan's split into 15 + 4 digits happens only when needed).
   * Anything else sets `end` = −1 and returns NaN, and the caller asks scan. The result is
   * the same double as scan's, which the tests check against Number().
   */
  scanPlainDecimal(bytes: Uint8Array, start: number): number {
    let i = start;
    let c = bytes[i];
    const negative = c === 45;
    if (negative) c = bytes[++i];
    let m = 0;
    let digits = 0;
    let mark = -1;
    let high = 0;
    let d = c - 48;
    if (d < 0 || d > 9) {
      this.end = -1;
      return NaN;
    }
    while (d >= 0 && d <= 9) {
      m = m * 10 + d;
      if (m !== 0 && ++digits === 15) {
        mark = i + 1;
        high = m;
      }
      d = bytes[++i] - 48;
    }
    let fraction = 0;
    if (d === -2) {
      // '.' is 46 = 48 − 2
      const fractionStart = i + 1;
      d = bytes[++i] - 48;
      while (d >= 0 && d <= 9) {
        m = m * 10 + d;
        if (m !== 0 && ++digits === 15) {
          mark = i + 1;
          high = m;
        }
        d = bytes[++i] - 48;
      }
      fraction = i - fractionStart;
    }
    // An exponent, or a fraction longer than the exact powers of ten: the general scanner.
    if (d === 53 || d === 21 || fraction > 22 || digits > 19) {
      this.end = -1;
      return NaN;
    }
    this.end = i;
    let value: number;
    if (digits <= 15) value = fraction === 0 ? m : m / POW10[fraction];
    else {
      // m lost bits: rebuild w = high·10^r + low exactly from the digits after the 15th.
      let low = 0;
      for (let j = mark; j < i; j++) {
        const dj = bytes[j] - 48;
        if (dj >= 0) low = low * 10 + dj;
      }
      value = doubleDouble(high, low, digits - 15, -fraction);
      if (value !== value) {
        this.end = -1;
        return NaN;
      }
    }
    return negative ? -value : value;
  }
}

const utf8 = new TextDecoder('utf-8');

/** (high·10^lowDigits + low)·10^exponent rounded correctly, or NaN when that cannot be certified. */
function doubleDouble(high: number, low: number, lowDigits: number, exponent: number): number {
  // w = s + t exactly: high·10^r is an exact product (p, pe); adding low is an exact sum (s, se).
  const scale = POW10[lowDigits];
  const p = high * scale;
  const pe = twoProductError(high, scale, p);
  const s = p + low;
  const se = low - (s - p); // |low| ≤ |p| up to a few ulps, so Fast2Sum is exact
  const t = pe + se; // both are small integers: exact
  let hi: number;
  let lo: number;
  if (exponent >= 0) {
    const f = POW10[exponent];
    hi = s * f;
    lo = twoProductError(s, f, hi) + t * f;
  } else {
    const f = POW10[-exponent];
    hi = s / f;
    // Remainder s − hi·f exactly (Dekker), plus t, over f.
    const prod = hi * f;
    const prodErr = twoProductError(hi, f, prod);
    lo = (s - prod - prodErr + t) / f;
  }
  const doubt = Math.abs(hi) * DOUBLE_DOUBLE_DOUBT;
  const down = hi + (lo - doubt);
  const up = hi + (lo + doubt);
  return down === up ? down : NaN;
}

/** The rounding error of the product a·b = p, exactly (Dekker's TwoProduct with Veltkamp splitting). */
function twoProductError(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return al * bl - (p - ah * bh - al * bh - ah * bl);
}

