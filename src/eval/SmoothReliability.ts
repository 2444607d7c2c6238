import { cosineTable, fft } from './fft.js';
import { BAND_GRID, percentile } from './PoissonBootstrap.js';
import { riskCoverageCellWeights, type RiskCoverageSums } from './RiskCoverage.js';

/**
 * The smoothed reliability diagram of Błasiok & Nakkiran (2023, "Smooth ECE: principled
 * reliability diagrams via kernel smoothing", §4): with the reflected Gaussian kernel K_σ
 * of the smooth ECE (src/eval/SmoothEce.ts) at its own bandwidth σ*, the kernel
 * regression of the top label's rightness on the confidence and the kernel density of
 * the confidences,
 *
 *   ŷ(t) = Σ_i w_i y_i K_σ(t, f_i) / Σ_i w_i K_σ(t, f_i),   δ̂(t) = Σ_i w_i K_σ(t, f_i) / W,
 *
 * so that the smooth ECE is ∫|ŷ(t) − t|·δ̂(t) dt up to the kernel's smoothing of f itself.
 * δ̂ integrates to 1 over [0, 1] (the reflection keeps each row's mass inside).
 *
 * From the table of sums, no second pass: the risk–coverage cells (src/eval/RiskCoverage.ts)
 * hold each cell's Σw and right rows' Σw on the smooth ECE's grid of G = 2^14 intervals,
 * with the cell's least and greatest confidence. A cell's rows are placed at the middle x_c
 * of those two, which moves a confidence by at most half their distance (≤ h/2 = 2^-15, and
 * 0 when the cell holds one confidence, as saturated or rounded predictions do), and x_c's
 * mass is split between its two nodes in proportion to its distance from each, which keeps
 * its mean, so the smoothing of the placed rows is exact to O((h/σ)²) as in SmoothEce.ts. Both sums are smoothed on the nodes by one FFT each, and the curve is read
 * at t = k/POINTS.
 *
 * Where δ̂(t) < DENSITY_FLOOR the curve is reported as NaN: there no row is within several
 * bandwidths, ŷ is a ratio of two tails, and the FFT's absolute error (about 1e-16·G in δ̂)
 * would dominate it.
 */
export interface SmoothReliability {
  /** σ* of the smooth ECE, the kernel's standard deviation in confidence units. */
  bandwidth: number;
  /** Confidences k/256, k = 0…256. */
  t: number[];
  /** Smoothed accuracy ŷ(t) ∈ [0, 1]; NaN where density < DENSITY_FLOOR. */
  yHat: number[];
  /** Kernel density δ̂(t) of the top-label confidence (integrates to 1 over [0, 1]). */
  density: number[];
  /** Pointwise bootstrap percentile band of ŷ at the same σ* (with --bootstrap). */
  band?: SmoothReliabilityBand;
}

export interface SmoothReliabilityBand {
  level: number;
  /** Replicates the band is formed from (at most BAND_MAX_REPLICATES). */
  replicates: number;
  /** Intervals of the grid the replicates' rows are rounded to (BAND_GRID). */
  grid: number;
  /** The (1 − level)/2 and (1 + level)/2 quantiles of the replicates' ŷ(t); NaN where fewer than two replicates have density there. */
  lower: number[];
  upper: number[];
}

/** Intervals of the curve's grid of t: points every 1/256, 257 in all. */
export const SMOOTH_RELIABILITY_POINTS = 256;
/** Below this density (uniform confidences have 1) the curve is not reported. */
export const DENSITY_FLOOR = 1e-4;

/** The curve at bandwidth `sigma` from the risk–coverage cells; NaN throughout when no row has weight or σ is not finite. */
export function smoothReliability(sums: RiskCoverageSums, sigma: number): SmoothReliability {
  const { weight, right, least, greatest } = riskCoverageCellWeights(sums);
  const G = weight.length - 1;
  const nodeWeight = new Float64Array(G + 1);
  const nodeRight = new Float64Array(G + 1);
  for (let c = 0; c <= G; c++) {
    if (weight[c] === 0 || !(least[c] <= greatest[c])) continue;
    // The middle of the cell's confidences, split between its two nodes so as to keep it.
    const x = Math.min(G, Math.max(0, ((least[c] + greatest[c]) / 2) * G));
    const j = Math.min(G - 1, Math.floor(x));
    const lambda = x - j;
    nodeWeight[j] += (1 - lambda) * weight[c];
    nodeWeight[j + 1] += lambda * weight[c];
    nodeRight[j] += (1 - lambda) * right[c];
    nodeRight[j + 1] += lambda * right[c];
  }
  const curve = curveFromNodes(nodeWeight, nodeRight, sigma);
  return { bandwidth: sigma, ...curve };
}

/** t, ŷ and δ̂ at k/POINTS from node sums on a grid of G intervals (G a power of two, a multiple of POINTS). */
export function curveFromNodes(nodeWeight: Float64Array, nodeRight: Float64Array, sigma: number): { t: number[]; yHat: number[]; density: number[] } {
  const G = nodeWeight.length - 1;
  const P = SMOOTH_RELIABILITY_POINTS;
  let W = 0;
  for (let j = 0; j <= G; j++) W += nodeWeight[j];
  const t: number[] = [];
  const yHat: number[] = [];
  const density: number[] = [];
  const usable = W > 0 && W < Infinity && sigma > 0 && sigma < Infinity;
  const smooth = usable ? reflectedGaussianPair(nodeWeight, nodeRight, sigma, P) : undefined;
  for (let k = 0; k <= P; k++) {
    t.push(k / P);
    if (smooth === undefined) {
      yHat.push(NaN);
      density.push(NaN);
      continue;
    }
    const d = smooth.a[k] / W;
    // The FFT's rounding can leave a hair below 0 where no row is near.
    density.push(Math.max(0, d));
    // A kernel-weighted mean of 0/1 labels lies in [0, 1]; rounding may step a hair outside.
    yHat.push(d >= DENSITY_FLOOR ? Math.min(1, Math.max(0, smooth.b[k] / smooth.a[k])) : NaN);
  }
  return { t, yHat, density };
}

/**
 * Σ_m A_m K_σ(t, t_m) and the same of B at t = k/points, k = 0…points, for masses A and B on
 * the nodes t_m = m/G, K_σ the reflected Gaussian. The masses are mirrored onto the circle of
 * N = 2G nodes (nodes 0 and G, their own mirror images, count twice, as
 * K_σ(t, 0) = 2Σ_k φ_σ(t − 2k)); the Gaussian's samples there have DFT G·e^{−π²σ²κ²/2} up to
 * aliasing of order e^{−π²σ²G²/2} (see SmoothEce.ts), so the convolution at node j is
 * (G/N)·Σ_κ Ŝ_κ e^{−π²σ²κ²/2} e^{2πiκj/N}. Both mirrored sequences are real and even, so
 * their DFTs are real and one complex FFT of A + iB gives both (Â real part, B̂ imaginary);
 * the inverse is a cosine sum over the frequencies whose weight exceeds e^{−41.5} when
 * that is cheaper, else a second complex FFT.
 */
export function reflectedGaussianPair(a: Float64Array, b: Float64Array, sigma: number, points: number): { a: Float64Array; b: Float64Array } {
  const G = a.length - 1;
  const N = 2 * G;
  const step = G / points;
  const re = new Float64Array(N);
  const im = new Float64Array(N);
  for (let j = 0; j <= G; j++) {
    re[j] += a[j];
    re[(N - j) % N] += a[j];
    im[j] += b[j];
    im[(N - j) % N] += b[j];
  }
  fft(re, im, false);
  const c = (Math.PI * Math.PI * sigma * sigma) / 2;
  const kept = Math.min(G, Math.ceil(Math.sqrt(41.5 / c)));
  const outA = new Float64Array(points + 1);
  const outB = new Float64Array(points + 1);
  if (kept * (points + 1) < 2 * N * Math.log2(N)) {
    const table = cosineTable(N);
    const wa = new Float64Array(kept + 1);
    const wb = new Float64Array(kept + 1);
    for (let k = 0; k <= kept; k++) {
      const g = (k === 0 || k === G ? 1 : 2) * Math.exp(-c * k * k);
      wa[k] = g * re[k];
      wb[k] = g * im[k];
    }
    for (let p = 0; p <= points; p++) {
      const j = p * step;
      let sa = 0;
      let sb = 0;
      let index = 0;
      for (let k = 0; k <= kept; k++) {
        const cos = table[index];
        sa += wa[k] * cos;
        sb += wb[k] * cos;
        index += j;
        if (index >= N) index -= N;
      }
      outA[p] = (G / N) * sa;
      outB[p] = (G / N) * sb;
    }
  } else {
    for (let k = 0; k < N; k++) {
      const kappa = k <= G ? k : N - k;
      const g = Math.exp(-c * kappa * kappa);
      re[k] *= g;
      im[k] *= g;
    }
    fft(re, im, true);
    for (let p = 0; p <= points; p++) {
      outA[p] = (G / N) * re[p * step];
      outB[p] = (G / N) * im[p * step];
    }
  }
  return { a: outA, b: outB };
}

/**
 * The pointwise percentile band of the replicates' curves at σ: `sums` holds, at
 * 2(node·R + r), replicate r's Σk·w and Σk·w·right of the rows rounded to node/BAND_GRID.
 * Every replicate is smoothed by the same kernel, so its weights are tabulated once
 * (`bandKernel`), and each replicate's curve costs a direct sum at the 257 points.
 */
export function smoothReliabilityBand(sums: Float64Array, replicates: number, sigma: number, level: number): SmoothReliabilityBand {
  const R = replicates;
  const G = BAND_GRID;
  const P = SMOOTH_RELIABILITY_POINTS;
  const step = G / P;
  const kernel = bandKernel(sigma);
  // Replicate r's ŷ at point k, at r·(P + 1) + k.
  const curves = new Float64Array(R * (P + 1));
  const nodeWeight = new Float64Array(G + 1);
  const nodeRight = new Float64Array(G + 1);
  for (let r = 0; r < R; r++) {
    let W = 0;
    for (let j = 0; j <= G; j++) {
      nodeWeight[j] = sums[2 * (j * R + r)];
      nodeRight[j] = sums[2 * (j * R + r) + 1];
      W += nodeWeight[j];
    }
    const smooth = kernel === undefined ? reflectedGaussianPair(nodeWeight, nodeRight, sigma, P) : undefined;
    for (let k = 0; k <= P; k++) {
      let a: number;
      let b: number;
      if (smooth !== undefined) {
        a = smooth.a[k];
        b = smooth.b[k];
      } else {
        [a, b] = kernelSums(kernel!, nodeWeight, nodeRight, k * step);
      }
      const d = a / W;
      curves[r * (P + 1) + k] = W > 0 && d >= DENSITY_FLOOR ? Math.min(1, Math.max(0, b / a)) : NaN;
    }
  }
  const lower: number[] = [];
  const upper: number[] = [];
  const at = new Float64Array(R);
  for (let k = 0; k <= P; k++) {
    let drawn = 0;
    for (let r = 0; r < R; r++) {
      const y = curves[r * (P + 1) + k];
      if (!Number.isNaN(y)) at[drawn++] = y;
    }
    const xs = at.subarray(0, drawn);
    lower.push(drawn >= 2 ? percentile(xs, (1 - level) / 2) : NaN);
    upper.push(drawn >= 2 ? percentile(xs, (1 + level) / 2) : NaN);
  }
  return { level, replicates: R, grid: G, lower, upper };
}

/**
 * φ_σ(o/G), the Gaussian's density at node offsets o = 0…L, L = ⌈8σG⌉ (e^{−32} ≈ 1e-14
 * of the peak beyond), scaled as reflectedGaussianPair's sums; undefined when L exceeds G/2,
 * where the FFT is the cheaper way and more images of the reflection reach [0, 1].
 */
function bandKernel(sigma: number): Float64Array | undefined {
  const G = BAND_GRID;
  const L = Math.ceil(8 * sigma * G);
  if (!(L <= G / 2)) return undefined;
  const weights = new Float64Array(L + 1);
  for (let o = 0; o <= L; o++) {
    const x = o / G;
    weights[o] = Math.exp(-0.5 * (x / sigma) ** 2) / (sigma * Math.sqrt(2 * Math.PI));
  }
  return weights;
}

/**
 * Σ_m A_m K_σ(t_j, t_m) and the same of B at node j, from the tabulated kernel: within
 * L ≤ G/2 nodes of t_j only the images t_m, −t_m and 2 − t_m of a node can lie, at node
 * distances |j − m|, j + m and 2G − j − m.
 */
function kernelSums(weights: Float64Array, a: Float64Array, b: Float64Array, j: number): [number, number] {
  const G = a.length - 1;
  const L = weights.length - 1;
  let sa = 0;
  let sb = 0;
  for (let m = Math.max(0, j - L); m <= Math.min(G, j + L); m++) {
    const w = weights[Math.abs(j - m)];
    sa += w * a[m];
    sb += w * b[m];
  }
  // The image −t_m: distance j + m ≤ L only for m ≤ L − j.
  for (let m = 0; m <= L - j; m++) {
    const w = weights[j + m];
    sa += w * a[m];
    sb += w * b[m];
  }
  // The image 2 − t_m: distance 2G − j − m ≤ L only for m ≥ 2G − j − L.
  for (let m = Math.max(0, 2 * G - j - L); m <= G; m++) {
    const w = weights[2 * G - j - m];
    sa += w * a[m];
    sb += w * b[m];
  }
  return [sa, sb];
}
