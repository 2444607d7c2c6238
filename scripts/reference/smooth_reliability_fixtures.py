#!/usr/bin/python3
"""Reference values of the smoothed reliability diagram (Błasiok & Nakkiran 2023, "Smooth
ECE: Principled Reliability Diagrams via Kernel Smoothing", arXiv:2309.12236, section 4) and
of its Poisson bootstrap band, computed from the rows themselves: no grid of the confidence,
independent of src/eval/SmoothReliability.ts (which reads the curve off the table of sums).
Writes test/fixtures/smooth-reliability.json.

Run from the repository root with Debian's Python:
    /usr/bin/python3 scripts/reference/smooth_reliability_fixtures.py
    (or: npm run fixtures:smooth-reliability)

Definitions (top label):
- f_i the top label's probability (first argmax), y_i = [top label right], weights w_i;
- the reflected Gaussian kernel K_s(t, x) = sum_k phi_s(t - x - 2k) + phi_s(t + x - 2k)
  (images k = -1, 0, 1 suffice: the next lie a whole unit away);
- smECE_s = integral over [0, 1] of |(1/W) sum_i w_i (y_i - f_i) K_s(t, f_i)| dt (trapezoid
  rule, 20001 points), and the bandwidth s* solves smECE_s = s (SciPy's brentq on [4/2^14, 1]);
- the curve at t = k/256: yhat(t) = sum_i w_i y_i K(t, f_i) / sum_i w_i K(t, f_i) and the
  density delta(t) = sum_i w_i K(t, f_i) / W;
- the band: replicate r weighs row i by w_i * k_ir, k_ir ~ Poisson(1) drawn as xent draws it
  (src/eval/counterRandom.ts and src/eval/PoissonBootstrap.ts: MurmurHash3's fmix32 of
  (seed, row index, replicate), a 16-bit uniform against 2^16 * F(k) rounded), each
  replicate's yhat_r(t) at the whole's s*, and the pointwise percentiles (1 -+ level)/2 of
  the replicates with a density of at least 1e-4, interpolated linearly (numpy's default,
  Hyndman & Fan's type 7).
"""
import json
import math
import os

import numpy as np
import scipy
from scipy.optimize import brentq

rng = np.random.default_rng(20261208)
T = 20001
tq = np.linspace(0.0, 1.0, T)
LOW = 4 / 2**14
POINTS = 256
FLOOR = 1e-4
tk = np.arange(POINTS + 1) / POINTS


def reflected_kernel(t, x, s):
    total = np.zeros((len(x), len(t)))
    for k in (-1, 0, 1):
        for sign in (1, -1):
            d = t[None, :] - sign * x[:, None] - 2 * k
            total += np.exp(-0.5 * (d / s) ** 2) / (s * math.sqrt(2 * math.pi))
    return total


def smooth_ece_at(f, r, w, s):
    rho = (w * r) @ reflected_kernel(tq, f, s) / w.sum()
    return float(np.trapz(np.abs(rho), tq))


def bandwidth(f, r, w):
    if smooth_ece_at(f, r, w, LOW) <= LOW:
        return LOW
    return brentq(lambda s: smooth_ece_at(f, r, w, s) - s, LOW, 1.0, xtol=1e-12)


def curve(f, y, w, s):
    K = reflected_kernel(tk, f, s)
    den = w @ K
    num = (w * y) @ K
    density = den / w.sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        yhat = np.where(density >= FLOOR, num / den, np.nan)
    return yhat, density


# xent's Poisson(1) draws (src/eval/counterRandom.ts, src/eval/PoissonBootstrap.ts).
M32 = 0xFFFFFFFF


def fmix32(h):
    h &= M32
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & M32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & M32
    h ^= h >> 16
    return h


def counter_key(seed, a):
    h = fmix32((seed & M32) ^ (((seed >> 32) * 0x9E3779B1) & M32))
    h = fmix32(h ^ (((a & M32) * 0xCC9E2D51) & M32))
    return fmix32(h ^ (((a >> 32) * 0x1B873593) & M32) ^ 0x6A09E667)


def counter_draw(key, b):
    return fmix32(key ^ (((b + 1) * 0x9E3779B9) & M32))


THRESHOLDS = []
_term, _cdf = math.exp(-1), 0.0
for _k in range(9):
    _cdf += _term
    _term /= _k + 1
    THRESHOLDS.append(min(65536, round(_cdf * 65536)))


def poisson_draw(key, r):
    bits = counter_draw(key, r >> 1)
    u = bits & 0xFFFF if r % 2 == 0 else bits >> 16
    return sum(1 for T_ in THRESHOLDS if u >= T_)


def band(f, y, w, s, replicates, seed, level):
    keys = [counter_key(seed, i) for i in range(len(f))]
    K = reflected_kernel(tk, f, s)
    curves = []
    for r in range(replicates):
        k = np.array([poisson_draw(key, r) for key in keys], dtype=float)
        wr = w * k
        den = wr @ K
        num = (wr * y) @ K
        density = den / wr.sum()
        with np.errstate(invalid="ignore", divide="ignore"):
            curves.append(np.where(density >= FLOOR, num / den, np.nan))
    curves = np.array(curves)
    lower, upper = [], []
    for j in range(POINTS + 1):
        col = curves[:, j]
        col = col[~np.isnan(col)]
        if len(col) < 2:
            lower.append(float("nan"))
            upper.append(float("nan"))
        else:
            lower.append(float(np.quantile(col, (1 - level) / 2)))
            upper.append(float(np.quantile(col, (1 + level) / 2)))
    return lower, upper


def encode(xs):
    return [None if (isinstance(x, float) and math.isnan(x)) else float(x) for x in xs]


cases = []


def add(name, probs, labels, weights=None, bootstrap=None):
    n = len(labels)
    w = np.ones(n) if weights is None else weights
    top = np.argmax(probs, axis=1)
    f = probs[np.arange(n), top]
    y = (top == labels).astype(float)
    s = bandwidth(f, y - f, w)
    yhat, density = curve(f, y, w, s)
    case = {
        "name": name,
        "pred": probs.tolist(),
        "labels": [int(v) for v in labels],
        "expected": {"bandwidth": s, "yHat": encode(yhat), "density": encode(density)},
    }
    if weights is not None:
        case["weights"] = weights.tolist()
    if bootstrap is not None:
        B, seed, level = bootstrap
        lower, upper = band(f, y, w, s, B, seed, level)
        case["bootstrap"] = {"replicates": B, "seed": seed, "level": level}
        case["expected"]["band"] = {"lower": encode(lower), "upper": encode(upper)}
    cases.append(case)
    print(f"{name}: bandwidth {s:.6f}")


def sample(K, n, sharpness, temper):
    p = rng.dirichlet(np.full(K, sharpness), size=n)
    q = p**temper
    q /= q.sum(axis=1, keepdims=True)
    y = np.array([rng.choice(K, p=row) for row in q])
    return p, y


p, y = sample(3, 600, 1.0, 0.5)
add("3 classes, overconfident", p, y)
p, y = sample(4, 500, 0.7, 1.6)
add("4 classes, underconfident, weighted", p, y, weights=rng.uniform(0.2, 3, 500))
# Confidences on the band's grid m/512 (and so on the curve's grid too), where rounding to
# the grid moves no row: the band is judged without the grid's error.
p1 = rng.integers(1, 512, 600) / 512
yb = (rng.random(600) < 0.5 + 0.7 * (p1 - 0.5)).astype(int)
add("binary, overconfident, confidences on a 1/512 grid, with a band", np.stack([1 - p1, p1], axis=1), yb, bootstrap=(60, 7, 0.9))
p1 = rng.integers(1, 512, 800) / 512
yb = (rng.random(800) < p1).astype(int)
add("binary, calibrated, confidences on a 1/512 grid, with a band", np.stack([1 - p1, p1], axis=1), yb, bootstrap=(40, 3, 0.95))

out = {"generator": "scripts/reference/smooth_reliability_fixtures.py", "versions": {"numpy": np.__version__, "scipy": scipy.__version__}, "points": POINTS, "cases": cases}
path = os.path.join("test", "fixtures", "smooth-reliability.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=None, separators=(",", ":"), allow_nan=False)
    fh.write("\n")
print(f"wrote {len(cases)} cases to {path}")
