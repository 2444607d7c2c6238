import { brentRoot } from './brentRoot.js';
import { cosineTable, fft } from './fft.js';
import { neumaierAdd, neumaierMerge, neumaierSums, neumaierValue, type NeumaierSums } from '../core/math/index.js';
import { lostBits } from './lostBits.js';

/**
 * Smooth ECE (Błasiok & Nakkiran 2023, "Smooth ECE: principled reliability diagrams via
 * kernel smoothing", arXiv:2309.12236), of the top label: with f_i the confidence, y_i = [top
 * label right], r_i = y_i − f_i and K_σ the reflected Gaussian kernel on [0, 1],
 *
 *   smECE_σ = ∫₀¹ |ρ_σ(t)| dt,   ρ_σ(t) = (1/W) Σ_i w_i r_i K_σ(t, f_i),
 *
 * which is ∫ |r̂_σ(t)| δ̂_σ(t) dt of the paper (the kernel regression of the residuals r̂
 * times the kernel density δ̂ of the confidences); the bandwidth is the fixed point
 * σ* = smECE_σ*, found as the root of smECE_σ − σ, which decreases in σ (the paper bisects; Brent's
 * method keeps the bracket and takes far fewer steps).
 *
 * K_σ(t, x) = Σ_{k∈ℤ} φ_σ(t − x − 2k) + φ_σ(t + x − 2k): a Gaussian of standard deviation σ
 * around x, folded onto [0, 1] by reflecting at 0 and 1, i.e. the Gaussian smoothing of the
 * mass at x and its mirror image −x, on the circle of length 2.
 *
 * Mergeable sums: the residuals are accumulated on the grid t_j = j/G, j = 0…G, G = 2^14,
 * each row split between its two neighbouring nodes in proportion to its distance
 * (f = t_j + λh, h = 1/G: (1 − λ) to t_j, λ to t_{j+1}), which keeps both its mass and its
 * mean. Replacing K_σ(t, f) by (1 − λ)K_σ(t, t_j) + λK_σ(t, t_{j+1}) changes it in L¹ by at
 * most (h²/8)·∫|∂²K/∂x²| dt ≤ (h²/8σ²)·∫|φ''| = (h²/8σ²)·4φ(1) ≈ 0.121·(h/σ)², so
 *
 *   |smECE_σ(grid) − smECE_σ(rows)| ≤ 0.121·(h/σ)²·(Σ w_i |r_i| / W) ≤ 0.121·(h/σ)².
 *
 * At σ = 0.01 that is 6.7e-5 and at σ = 0.05, 2.7e-6. Since smECE_σ − σ falls with slope
 * ≤ −1, the fixed point σ* moves by no more than the same amount. On the grid, ρ_σ at the
 * nodes is a circular convolution of the mirrored residuals (period 2G nodes) with the
 * Gaussian, done by FFT with the Gaussian's Fourier coefficients e^{−π²σ²κ²/2} (κ cycles
 * per period 2), and the integral is the trapezoid rule over the nodes. Bandwidths below
 * 4h are not resolved by the grid (the Gaussian's coefficients there are cut off at the
 * grid's highest frequency): σ* is searched in [4h, 1] and reported as 4h when smaller.
 */
export interface SmoothEceSums {
  /** Σw·(y − f) at each node j/G of the confidence, G + 1 nodes. */
  residual: NeumaierSums;
}

/** Grid intervals G of [0, 1]. */
export const SMOOTH_ECE_GRID = 1 << 14;

export function smoothEceSums(): SmoothEceSums {
  return { residual: neumaierSums(SMOOTH_ECE_GRID + 1) };
}

/** Adds a row of top-label confidence `confidence` ∈ [0, 1], `right` ∈ {0, 1}. */
export function addSmoothEce(sums: SmoothEceSums, weight: number, confidence: number, right: number): void {
  const G = SMOOTH_ECE_GRID;
  const r = weight * (right - confidence);
  const x = confidence * G;
  const j = Math.min(G - 1, Math.max(0, Math.floor(x)));
  const lambda = x - j;
  neumaierAdd(sums.residual, j, (1 - lambda) * r);
  neumaierAdd(sums.residual, j + 1, lambda * r);
}

/** addSmoothEce over rows 0 … rows − 1 of a batch, in order: bit for bit the same sums. */
export function addSmoothEceBatch(sums: SmoothEceSums, weights: Float64Array, confidence: Float64Array, right: Uint8Array, rows: number): void {
  const G = SMOOTH_ECE_GRID;
  const { sum, compensation } = sums.residual;
  for (let r = 0; r < rows; r++) {
    const c = confidence[r];
    const residual = weights[r] * (right[r] - c);
    const x = c * G;
    const j = Math.min(G - 1, Math.max(0, Math.floor(x)));
    const lambda = x - j;
    let term = (1 - lambda) * residual;
    let s = sum[j];
    let t = s + term;
    compensation[j] += lostBits(s, term, t);
    sum[j] = t;
    term = lambda * residual;
    s = sum[j + 1];
    t = s + term;
    compensation[j + 1] += lostBits(s, term, t);
    sum[j + 1] = t;
  }
}

export function mergeSmoothEceSums(into: SmoothEceSums, from: SmoothEceSums): void {
  neumaierMerge(into.residual, from.residual);
}

export interface SmoothEceFigures {
  smoothEce: number;
  smoothEceBandwidth: number;
}

/** Tolerance of the bisection on σ. */
const BANDWIDTH_TOLERANCE = 1e-13;

/** smECE at its own bandwidth σ*, from the sums; NaN for both when W is 0 or not finite, or a residual is not. */
export function smoothEceFigures(sums: SmoothEceSums, weightSum: number): SmoothEceFigures {
  const G = SMOOTH_ECE_GRID;
  const N = 2 * G;
  // The mirrored residuals on the circle of N nodes: node j and node N − j (mod N) both hold
  // R_j, so the nodes 0 and G, their own mirror images, hold 2R_j.
  const re = new Float64Array(N);
  let finite = weightSum > 0 && Number.isFinite(weightSum);
  for (let j = 0; j <= G; j++) {
    const R = neumaierValue(sums.residual, j) / weightSum;
    if (!Number.isFinite(R)) finite = false;
    re[j] += R;
    re[(N - j) % N] += R;
  }
  if (!finite) return { smoothEce: NaN, smoothEceBandwidth: NaN };
  const im = new Float64Array(N);
  fft(re, im, false);
  // The spectrum of a real, mirror-symmetric sequence is real; keep it for every σ.
  const spectrum = Float64Array.from(re);
  const work = { re: new Float64Array(N), im: new Float64Array(N) };
  const at = (sigma: number) => smoothEceAt(spectrum, sigma, work);
  const lowest = 4 / G;
  // smECE_σ − σ < 0 at σ = 1 (smECE ≤ 1) and falls with slope ≤ −1, so Brent's steps find its
  // root in a handful of evaluations (bisection to the same tolerance takes some 43).
  const atLowest = at(lowest);
  if (atLowest <= lowest) return { smoothEce: atLowest, smoothEceBandwidth: lowest };
  const sigma = brentRoot((s) => at(s) - s, lowest, 1, atLowest - lowest, at(1) - 1, BANDWIDTH_TOLERANCE);
  return { smoothEce: at(sigma), smoothEceBandwidth: sigma };
}

/**
 * smECE_σ from the DFT S of the mirrored residuals (divided by W). S is real and even, so the
 * smoothed residual at node j is the cosine sum (1/N)[Ŝ_0 + 2Σ_{κ=1}^{G−1} Ŝ_κ cos(πκj/G) + Ŝ_G(−1)^j],
 * Ŝ_κ = S_κ·e^{−π²σ²κ²/2}. Terms with e^{−π²σ²κ²/2} < e^{−41.5} (1e-18) are dropped: for the
 * usual bandwidths only a few hundred frequencies remain, and the sum is taken directly;
 * when more remain than an FFT costs, the inverse FFT does it.
 */
function smoothEceAt(spectrum: Float64Array, sigma: number, work: { re: Float64Array; im: Float64Array }): number {
  const N = spectrum.length;
  const G = N / 2;
  // A Gaussian of standard deviation σ on a circle of length 2 has Fourier coefficients
  // e^{−2π²σ²(κ/2)²} at κ cycles per period.
  const c = (Math.PI * Math.PI * sigma * sigma) / 2;
  const kept = Math.ceil(Math.sqrt(41.5 / c));
  const { re, im } = work;
  if (kept < G && kept * (G + 1) < 8 * N * Math.log2(N)) {
    const table = cosineTable(N);
    const a = new Float64Array(kept + 1);
    for (let k = 0; k <= kept; k++) a[k] = (k === 0 ? 1 : 2) * spectrum[k] * Math.exp(-c * k * k);
    for (let j = 0; j <= G; j++) {
      let value = a[0];
      let index = 0;
      for (let k = 1; k <= kept; k++) {
        index += j;
        if (index >= N) index -= N;
        value += a[k] * table[index];
      }
      re[j] = value;
    }
  } else {
    for (let k = 0; k < N; k++) {
      const kappa = k <= G ? k : N - k;
      re[k] = spectrum[k] * Math.exp(-c * kappa * kappa);
      im[k] = 0;
    }
    fft(re, im, true);
  }
  // The samples g_m = φ_σ(m·h) (periodic) have DFT ≈ (1/h)·e^{−π²σ²κ²/2}, up to aliasing of
  // order e^{−π²σ²G²/2} (below 1e-30 for σ ≥ 4h); the circular convolution of the node
  // masses with them, ρ(t_j) = Σ_m E_m φ_σ(t_j − t_m), is the unnormalised inverse DFT over N,
  // i.e. ρ(t_j) = G·re[j]/N, and the trapezoid rule gives ∫|ρ| ≈ h·Σ'|ρ(t_j)| = Σ'|re[j]|/N.
  let total = (Math.abs(re[0]) + Math.abs(re[G])) / 2;
  for (let j = 1; j < G; j++) total += Math.abs(re[j]);
  return total / N;
}
