import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from './minimizeLbfgs.js';
import type { SmoothObjective } from './minimizeNewton.js';

/** f(x) = ½ Σ c_j (x_j − t_j)², minimum 0 at t: its condition number is max c / min c. */
function quadratic(curvatures: number[], target: number[]): SmoothObjective {
  return {
    dimension: curvatures.length,
    evaluate: (x, g) => {
      let f = 0;
      for (let j = 0; j < x.length; j++) {
        const r = x[j] - target[j];
        f += 0.5 * curvatures[j] * r * r;
        if (g) g[j] = curvatures[j] * r;
      }
      return f;
    },
  };
}

/** Rosenbrock's function in n dimensions (Nocedal & Wright eq. 9.2's chained form): minimum 0 at (1, …, 1). */
function rosenbrock(n: number): SmoothObjective {
  return {
    dimension: n,
    evaluate: (x, g) => {
      let f = 0;
      if (g) g.fill(0);
      for (let j = 0; j + 1 < n; j++) {
        const a = x[j + 1] - x[j] * x[j];
        const b = 1 - x[j];
        f += 100 * a * a + b * b;
        if (g) {
          g[j] += -400 * a * x[j] - 2 * b;
          g[j + 1] += 200 * a;
        }
      }
      return f;
    },
  };
}

describe('minimizeLbfgs', () => {
  it('finds the minimum of an ill-conditioned quadratic (condition 1e6) to the gradient tolerance', () => {
    const n = 50;
    const curvatures = Array.from({ length: n }, (_, j) => 10 ** (-3 + (6 * j) / (n - 1)));
    const target = Array.from({ length: n }, (_, j) => Math.sin(j + 1));
    const fit = minimizeLbfgs(quadratic(curvatures, target), new Float64Array(n));
    expect(fit.converged).toBe(true);
    expect(fit.stop).toBe('gradient');
    expect(fit.gradientMaxNorm).toBeLessThanOrEqual(1e-10);
    // |x_j − t_j| = |g_j| / c_j ≤ 1e-10 / 1e-3.
    for (let j = 0; j < n; j++) expect(Math.abs(fit.x[j] - target[j])).toBeLessThan(1e-7);
    expect(fit.value).toBeLessThan(1e-17);
  });

  it('finds (1, …, 1) on Rosenbrock from the textbook start (−1.2, 1, …)', () => {
    for (const n of [2, 10]) {
      const start = Float64Array.from({ length: n }, (_, j) => (j % 2 === 0 ? -1.2 : 1));
      const fit = minimizeLbfgs(rosenbrock(n), start);
      expect(fit.converged).toBe(true);
      for (let j = 0; j < n; j++) expect(Math.abs(fit.x[j] - 1)).toBeLessThan(1e-8);
      expect(fit.value).toBeLessThan(1e-20);
    }
  });

  it('every accepted step meets the strong Wolfe conditions', () => {
    // Wrap Rosenbrock to record each evaluation; an accepted step is the point the next
    // iteration starts from, so check f and the slope there against the previous point.
    const base = rosenbrock(6);
    const points: Array<{ x: Float64Array; f: number; g: Float64Array }> = [];
    const objective: SmoothObjective = {
      dimension: 6,
      evaluate: (x, g, h) => {
        const f = base.evaluate(x, g, h);
        if (g) points.push({ x: Float64Array.from(x), f, g: Float64Array.from(g) });
        return f;
      },
    };
    const accepted: Float64Array[] = [];
    let previous: Float64Array | null = null;
    const start = Float64Array.of(-1.2, 1, -1.2, 1, -1.2, 1);
    minimizeLbfgs(objective, start, {
      preconditioner: (x) => {
        if (previous === null || x.some((v, j) => v !== previous![j])) accepted.push(Float64Array.from(x));
        previous = Float64Array.from(x);
        return () => {};
      },
    });
    expect(accepted.length).toBeGreaterThan(10);
    const at = (x: Float64Array) => points.find((p) => p.x.every((v, j) => v === x[j]))!;
    for (let i = 1; i < accepted.length; i++) {
      const a = at(accepted[i - 1]);
      const b = at(accepted[i]);
      const step = b.x.map((v, j) => v - a.x[j]);
      const slope0 = a.g.reduce((s, v, j) => s + v * step[j], 0);
      const slope1 = b.g.reduce((s, v, j) => s + v * step[j], 0);
      expect(slope0).toBeLessThan(0);
      // Armijo with c1 = 1e-4 (or f's change within rounding), and |φ'(α)| ≤ 0.9 |φ'(0)|.
      expect(b.f <= a.f + 1e-4 * slope0 || Math.abs(b.f - a.f) <= 1e-14 * Math.max(1, a.f)).toBe(true);
      expect(Math.abs(slope1)).toBeLessThanOrEqual(0.9 * Math.abs(slope0) * (1 + 1e-12));
    }
  });

  it('reports running out of iterations, with the gradient it stopped at', () => {
    const fit = minimizeLbfgs(rosenbrock(2), Float64Array.of(-1.2, 1), { maxIterations: 3 });
    expect(fit.converged).toBe(false);
    expect(fit.stop).toBe('iterations');
    expect(fit.iterations).toBe(3);
    expect(fit.gradientMaxNorm).toBeGreaterThan(fit.gradientBound);
  });

  it('reports a failed line search instead of returning a non-minimum as one', () => {
    // A gradient that points the wrong way: no step along −g lowers f.
    const wrong: SmoothObjective = {
      dimension: 1,
      evaluate: (x, g) => {
        if (g) g[0] = -2 * (x[0] - 3);
        return (x[0] - 3) ** 2;
      },
    };
    const fit = minimizeLbfgs(wrong, Float64Array.of(0));
    expect(fit.converged).toBe(false);
    expect(fit.stop).toBe('line-search');
    expect(fit.x[0]).toBe(0);
  });

  it('stops at once where the gradient is already zero, and in no dimensions at all', () => {
    const fit = minimizeLbfgs(quadratic([1, 2], [5, 6]), Float64Array.of(5, 6));
    expect(fit).toMatchObject({ converged: true, iterations: 0, evaluations: 1, value: 0 });
    const none = minimizeLbfgs({ dimension: 0, evaluate: () => 7 }, new Float64Array(0));
    expect(none).toMatchObject({ converged: true, iterations: 0, value: 7, gradientMaxNorm: 0 });
  });

  it('measures the gradient against the objective’s scale: f raised by 1e6 stops at a gradient of 1e-4', () => {
    const curvatures = [1, 3, 10];
    const target = [1, -2, 0.5];
    const plain = quadratic(curvatures, target);
    const shifted: SmoothObjective = { dimension: 3, evaluate: (x, g) => 1e6 + plain.evaluate(x, g, null) };
    const fit = minimizeLbfgs(shifted, new Float64Array(3));
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.gradientBound - 1e-4) / 1e-4).toBeLessThan(1e-12);
    expect(fit.gradientMaxNorm).toBeLessThanOrEqual(fit.gradientBound);
    for (let j = 0; j < 3; j++) expect(Math.abs(fit.x[j] - target[j])).toBeLessThanOrEqual(1e-4 / curvatures[j]);
  });

  it('refuses a start where f is not finite, and bad options', () => {
    const nan: SmoothObjective = { dimension: 1, evaluate: () => NaN };
    expect(() => minimizeLbfgs(nan, Float64Array.of(0))).toThrow(/not finite at the start .*\(fit\)$/);
    expect(() => minimizeLbfgs(quadratic([1], [0]), Float64Array.of(0), { memory: 0 })).toThrow(/\(memory\)$/);
    expect(() => minimizeLbfgs(quadratic([1], [0]), Float64Array.of(0, 1))).toThrow(/\(start\)$/);
  });
});
