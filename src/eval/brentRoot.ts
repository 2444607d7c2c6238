/**
 * A root of f in [a, b], where f(a) and f(b) (given as `fa`, `fb`) differ in sign, to within
 * `tolerance`: Brent's method (R. P. Brent, "Algorithms for Minimization without
 * Derivatives", 1973, ch. 4, the `zero` procedure, as netlib's zeroin), which keeps a
 * bracket of the root and takes inverse quadratic or secant steps where they shrink it fast
 * enough, else bisects. On a smooth f with a simple root it needs a handful of evaluations
 * where bisection to the same tolerance needs one per bit (some 43 from [0, 1] to 1e-13); on a
 * flat or jumping f it may need more than bisection, at worst about the square of its count.
 *
 * @example
 * brentRoot((x) => x * x - 2, 0, 2, -2, 2, 1e-15) // ≈ 1.4142135623730951
 */
export function brentRoot(f: (x: number) => number, a: number, b: number, fa: number, fb: number, tolerance: number): number {
  if (fa === 0) return a;
  if (fb === 0) return b;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (;;) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    // b is the best estimate, c the other end of the bracket.
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tolerance;
    const half = 0.5 * (c - b);
    if (Math.abs(half) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        // Secant.
        p = 2 * half * s;
        q = 1 - s;
      } else {
        // Inverse quadratic interpolation through a, b, c.
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * half * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * half * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = half;
        e = d;
      }
    } else {
      d = half;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : half > 0 ? tol : -tol;
    fb = f(b);
  }
}
