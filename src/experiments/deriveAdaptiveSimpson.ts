import { XentError } from '../core/XentError.js';

/**
 * ∫_lo^hi f(t) dt by adaptive Simpson quadrature (Lyness 1969; the form in Burden &
 * Faires, Numerical Analysis, §4.6): Simpson's rule S on [lo, hi] is compared with the
 * sum S₂ of the rule on the two halves; since the error of S₂ is ≈ (S₂ − S)/15, an
 * interval is accepted when |S₂ − S| ≤ 15·tol and its estimate gets that correction
 * (Richardson extrapolation), otherwise both halves are refined with tol/2 each.
 * Simpson's rule is exact for cubics, so polynomials up to degree 3 come out exact.
 *
 * `f` must be finite on [lo, hi]; an infinite or NaN sample is an error rather than a
 * silently wrong answer. hi < lo gives the negated integral, hi = lo gives 0. An interval
 * still unresolved after `maxDepth` halvings (width (hi − lo)/2⁶⁰ by default, below
 * float64 spacing) keeps its corrected estimate.
 *
 * @example
 * adaptiveSimpson((a) => a * (1 - a), 0, 1) // 0.16666666666666666 = 1/6
 * adaptiveSimpson((t) => 1 / t, 1, Math.E, 1e-12) // 1 ± 1e-12
 */
export function adaptiveSimpson(f: (t: number) => number, lo: number, hi: number, tolerance = 1e-12, maxDepth = 60): number {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new XentError(`integration bounds [${lo}, ${hi}] must be finite`, { field: 'bounds' });
  }
  if (!(tolerance > 0)) throw new XentError(`tolerance ${tolerance} must be > 0`, { field: 'tolerance' });
  if (lo === hi) return 0;
  if (hi < lo) return -adaptiveSimpson(f, hi, lo, tolerance, maxDepth);
  const sample = (t: number): number => {
    const v = f(t);
    if (!Number.isFinite(v)) throw new XentError(`integrand is ${v} at t = ${t}`, { field: 'integrand' });
    return v;
  };
  const fLo = sample(lo);
  const fHi = sample(hi);
  const mid = (lo + hi) / 2;
  const fMid = sample(mid);
  const whole = ((hi - lo) / 6) * (fLo + 4 * fMid + fHi);
  return refine(sample, lo, hi, fLo, fMid, fHi, whole, tolerance, maxDepth);
}

function refine(
  f: (t: number) => number,
  lo: number,
  hi: number,
  fLo: number,
  fMid: number,
  fHi: number,
  whole: number,
  tolerance: number,
  depth: number,
): number {
  const mid = (lo + hi) / 2;
  const leftMid = (lo + mid) / 2;
  const rightMid = (mid + hi) / 2;
  const fLeftMid = f(leftMid);
  const fRightMid = f(rightMid);
  const left = ((mid - lo) / 6) * (fLo + 4 * fLeftMid + fMid);
  const right = ((hi - mid) / 6) * (fMid + 4 * fRightMid + fHi);
  const halves = left + right;
  if (depth <= 0 || Math.abs(halves - whole) <= 15 * tolerance) return halves + (halves - whole) / 15;
  return (
    refine(f, lo, mid, fLo, fLeftMid, fMid, left, tolerance / 2, depth - 1) +
    refine(f, mid, hi, fMid, fRightMid, fHi, right, tolerance / 2, depth - 1)
  );
}
