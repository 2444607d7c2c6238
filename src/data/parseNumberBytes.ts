/** Exact powers of ten: 10^k is a float64 without rounding for k ≤ 22. */
const POW10 = new Float64Array(23).map((_, k) => 10 ** k);

/**
 * The number written in `bytes[start, end)` (ASCII), the same as `Number(text)` gives for
 * decimal text, or NaN where that text is not a number. `inf`, `infinity` and `nan` in any
 * case, as NumPy and pandas write them, are read as ±Infinity and NaN.
 *
 * Most numbers take Clinger's fast path (W. D. Clinger, "How to read floating point
 * numbers accurately", PLDI 1990): a mantissa of at most 2^53 − 1 and a power of ten up to
 * 10^22 are both exact doubles, so one multiplication or division rounds once, correctly.
 * Longer mantissas (17-digit shortest round-trip output, %.18e) go through `Number` on the
 * text, which rounds correctly too: the two paths give the same double.
 */
export function parseNumberBytes(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let c = bytes[i];
  let negative = false;
  if (c === 45 || c === 43) {
    negative = c === 45;
    c = bytes[++i];
  }
  let mantissa = 0;
  let digits = 0;
  let exponent = 0;
  let sawDigit = false;
  while (c >= 48 && c <= 57 && i < end) {
    sawDigit = true;
    if (mantissa !== 0 || c !== 48) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
    }
    c = bytes[++i];
  }
  if (c === 46 && i < end) {
    c = bytes[++i];
    while (c >= 48 && c <= 57 && i < end) {
      sawDigit = true;
      if (mantissa !== 0 || c !== 48) {
        mantissa = mantissa * 10 + (c - 48);
        digits++;
      }
      exponent--;
      c = bytes[++i];
    }
  }
  if (!sawDigit) return slowParse(bytes, start, end);
  if ((c === 101 || c === 69) && i < end) {
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
    if (expDigits === 0) return NaN;
    exponent += expNegative ? -e : e;
  }
  if (i !== end) return slowParse(bytes, start, end);
  if (digits > 16 || mantissa > 9007199254740991) return slowParse(bytes, start, end);
  let value: number;
  if (mantissa === 0) value = 0;
  else if (exponent >= 0 && exponent <= 22) value = mantissa * POW10[exponent];
  else if (exponent < 0 && exponent >= -22) value = mantissa / POW10[-exponent];
  else return slowParse(bytes, start, end);
  return negative ? -value : value;
}

function slowParse(bytes: Uint8Array, start: number, end: number): number {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]);
  return parseNumberText(text);
}

/** `Number(text)` for trimmed decimal text, NaN for the empty string and for hex, octal or binary forms, and NumPy's inf/nan spellings. */
export function parseNumberText(raw: string): number {
  const text = raw.trim();
  if (text === '') return NaN;
  const v = Number(text);
  if (!Number.isNaN(v)) {
    // Number() also reads 0x10, 0b1 and 0o7; a table of decimals does not mean those.
    return /^[+-]?0[xXbBoO]/.test(text) ? NaN : v;
  }
  const lower = text.toLowerCase();
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity' || lower === '+infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  return NaN;
}
