/** Fourier transforms for the kernel smoothing of the smooth ECE and its reliability curve. */

const cosineTables = new Map<number, Float64Array>();

/** cos(2πm/N), m = 0…N−1. */
export function cosineTable(n: number): Float64Array {
  let table = cosineTables.get(n);
  if (table === undefined) {
    table = new Float64Array(n);
    for (let m = 0; m < n; m++) table[m] = Math.cos((2 * Math.PI * m) / n);
    cosineTables.set(n, table);
  }
  return table;
}

/**
 * In-place radix-2 FFT of (re, im), length a power of two; `inverse` without the 1/N.
 */
export function fft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  const cos = cosineTable(n);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const r = re[i];
      re[i] = re[j];
      re[j] = r;
      const m = im[i];
      im[i] = im[j];
      im[j] = m;
    }
  }
  const quarter = n >> 2;
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const stride = n / len;
    for (let k = 0; k < half; k++) {
      // e^{∓2πik/len} = cos(2π·k·stride/n) ∓ i·sin(…), sin(x) = cos(x − π/2).
      const m = k * stride;
      const wr = cos[m];
      const sin = cos[(m - quarter + n) % n];
      const wi = inverse ? sin : -sin;
      for (let i = k; i < n; i += len) {
        const j = i + half;
        const xr = re[j] * wr - im[j] * wi;
        const xi = re[j] * wi + im[j] * wr;
        re[j] = re[i] - xr;
        im[j] = im[i] - xi;
        re[i] += xr;
        im[i] += xi;
      }
    }
  }
}
