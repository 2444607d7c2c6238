import { parseNumberText } from './parseNumberText.js';

/** Exact powers of ten: 10^k is a float64 without rounding for k ≤ 22. */
const POW10 = new Float64Array(23).map((_, k) => 10 ** k);

/** Veltkamp's splitting constant 2^27 + 1 (Dekker 1971) for exact products without FMA. */
const SPLIT = 134217729;
/** 10^k = POW10_HIGH[k] + POW10_LOW[k], each half of at most 26 bits (Veltkamp's split, as twoProductError makes it). */
const POW10_HIGH = POW10.map((x) => SPLIT * x - (SPLIT * x - x));
const POW10_LOW = POW10.map((x, k) => x - POW10_HIGH[k]);
/** 1/10^k rounded to a double (relative error ≤ 2^−53). */
const INVERSE_POW10 = POW10.map((x) => 1 / x);
/** 2^53: every integer up to it is a double. */
const TWO_53 = 9007199254740992;
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
   * exponent, the form of nearly every probability a program writes. Fraction digits are read
   * four at a time where four bytes remain (SWAR: one 32-bit load, a check that all four are
   * digits, two multiply–adds), the first 12 significant digits into `high` and up to 7 more
   * into `low`, so w = high·10^lowDigits + low exactly; up to 15 digits w is an exact double
   * (Clinger), beyond it doubleDouble rounds w·10^−fraction correctly or declines. Anything
   * else sets `end` = −1 and returns NaN, and the caller asks scan. The result is the same
   * double as scan's, which the tests check against Number().
   */
  scanPlainDecimal(bytes: Uint8Array, start: number): number {
    this.end = this.scanPlainDecimalInto(bytes, start, this.one, 0);
    return this.end < 0 ? NaN : this.one[0];
  }

  private readonly one = new Float64Array(1);

  /**
   * scanPlainDecimal for the readers' loop: stores the number in `out[at]` and returns where
   * it stops, or −1 (leaving `out[at]` as it was) where the general scanner must read it. A
   * double returned from a call that is not inlined is boxed on the heap; an index is not,
   * so a file of millions of numbers costs no garbage.
   */
  scanPlainDecimalInto(bytes: Uint8Array, start: number, out: Float64Array, at: number): number {
    let i = start;
    let c = bytes[i];
    const negative = c === 45;
    if (negative) c = bytes[++i];
    let d = c - 48;
    if (!(d >= 0 && d <= 9)) {
      return -1;
    }
    // The integer part, usually one digit; leading zeros are not significant.
    let high = 0;
    let digits = 0;
    do {
      if (high !== 0 || d !== 0) {
        high = high * 10 + d;
        digits++;
      }
      d = bytes[++i] - 48;
    } while (d >= 0 && d <= 9);
    let low = 0;
    let lowDigits = 0;
    let fraction = 0;
    if (digits > 15) {
      return -1;
    }
    if (d === -2) {
      // '.' is 46 = 48 − 2
      const fractionStart = i + 1;
      d = bytes[++i] - 48;
      if (high === 0) while (d === 0) d = bytes[++i] - 48;
      if (d >= 0 && d <= 9) {
        const view = this.viewOf(bytes);
        const n = bytes.length;
        while (digits <= 8 && i + 4 <= n) {
          const four = fourDigits(view.getUint32(i, true));
          if (four < 0) break;
          high = high * 10000 + four;
          digits += 4;
          i += 4;
        }
        d = bytes[i] - 48;
        while (d >= 0 && d <= 9 && digits < 12) {
          high = high * 10 + d;
          digits++;
          d = bytes[++i] - 48;
        }
        if (d >= 0 && d <= 9 && i + 4 <= n) {
          const four = fourDigits(view.getUint32(i, true));
          if (four >= 0) {
            low = four;
            lowDigits = 4;
            i += 4;
            d = bytes[i] - 48;
          }
        }
        while (d >= 0 && d <= 9) {
          if (digits + lowDigits === 19) {
            return -1;
          }
          low = low * 10 + d;
          lowDigits++;
          d = bytes[++i] - 48;
        }
      }
      fraction = i - fractionStart;
    }
    // An exponent, or a fraction longer than the exact powers of ten: the general scanner.
    if (d === 53 || d === 21 || fraction > 22) return -1;
    let value: number;
    // w = high·10^lowDigits + low is exact when its computed value is below 2^53: each step
    // is exact while the true value is below 2^53, and a true value at or past 2^53 rounds
    // to at least 2^53, which the strict test turns away (2^53 + 1 rounds down to 2^53
    // itself). So Clinger's path takes every mantissa that fits, 16-digit ones included.
    const w = high * POW10[lowDigits] + low;
    if (w < TWO_53) value = w / POW10[fraction];
    else {
      // doubleDouble(high, low, lowDigits, −fraction) written out, with the powers of ten
      // split ahead of time: a call that is not inlined would box its double arguments and
      // result on the heap, three objects for each number read.
      const scale = POW10[lowDigits];
      const p = high * scale;
      let split = SPLIT * high;
      const highHigh = split - (split - high);
      const highLow = high - highHigh;
      const pe = highLow * POW10_LOW[lowDigits] - (p - highHigh * POW10_HIGH[lowDigits] - highLow * POW10_HIGH[lowDigits] - highHigh * POW10_LOW[lowDigits]);
      const sum = p + low;
      const t = pe + (low - (sum - p));
      // hi = w/10^f within an ulp or two and lo the rest, each by a multiplication with the
      // rounded reciprocal rather than a division: the remainder below is exact for any hi
      // that close (Sterbenz), and lo's own relative error of 2^−52 is some 2^−104 of the
      // value, far inside the doubt that certifies the rounding.
      const f = POW10[fraction];
      const inverse = INVERSE_POW10[fraction];
      const hi = sum * inverse;
      const prod = hi * f;
      split = SPLIT * hi;
      const hiHigh = split - (split - hi);
      const hiLow = hi - hiHigh;
      const prodErr = hiLow * POW10_LOW[fraction] - (prod - hiHigh * POW10_HIGH[fraction] - hiLow * POW10_HIGH[fraction] - hiHigh * POW10_LOW[fraction]);
      const lo = (sum - prod - prodErr + t) * inverse;
      const doubt = hi * DOUBLE_DOUBLE_DOUBT;
      value = hi + (lo - doubt);
      if (value !== hi + (lo + doubt)) return -1;
    }
    out[at] = negative ? -value : value;
    return i;
  }

  private view: DataView | undefined;
  private viewed: Uint8Array | undefined;

  /** A DataView of `bytes`, made once per buffer (a reader scans one chunk many times over). */
  private viewOf(bytes: Uint8Array): DataView {
    if (bytes !== this.viewed || this.view === undefined) {
      this.viewed = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    return this.view;
  }
}

/**
 * The value of four ASCII digits loaded as a little-endian 32-bit word (the first digit in
 * the low byte), or −1 when any byte is not a digit. A byte b is a digit when its high
 * nibble is 3 and so is that of b + 6 (0x30–0x39 and no more); a carry out of a byte
 * happens only for b ≥ 0xFA, which already fails. Then pairs, then the pair of pairs:
 * 10·b0 + b1 and 10·b2 + b3 in bytes 0 and 2, and 100·(10·b0 + b1) + (10·b2 + b3).
 */
function fourDigits(word: number): number {
  if (((word & 0xf0f0f0f0) | (((word + 0x06060606) & 0xf0f0f0f0) >>> 4)) !== 0x33333333) return -1;
  const v = word & 0x0f0f0f0f;
  const pairs = (v * 10 + (v >>> 8)) & 0x00ff00ff;
  return (pairs & 0xffff) * 100 + (pairs >>> 16);
}

const utf8 = new TextDecoder('utf-8');

/**
 * (high·10^lowDigits + low)·10^exponent rounded correctly, or NaN when that cannot be
 * certified; high < 2^53, low < 10^lowDigits ≤ 10^7, so high·10^lowDigits + low < 2^77 is
 * held exactly as the double-double s + t.
 */
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

