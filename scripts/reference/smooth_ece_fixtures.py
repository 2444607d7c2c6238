#!/usr/bin/python3
"""Reference values of the smooth ECE of the top label (Błasiok & Nakkiran 2023, "Smooth ECE:
Principled Reliability Diagrams via Kernel Smoothing", arXiv:2309.12236), computed from the
rows themselves, with no grid of the confidence: independent of src/eval/SmoothEce.ts, which
accumulates the residuals on a grid of 2^14 intervals so that shards merge. Writes
test/fixtures/smooth-ece.json.

Run from the repository root with Debian's Python:
    /usr/bin/python3 scripts/reference/smooth_ece_fixtures.py   (or: npm run fixtures:smooth-ece)

Definition (the paper's section 4, top label):
- f_i the probability of the top label (the first argmax), y_i = [top label right],
  r_i = y_i - f_i, weights w_i, W = sum w_i;
- the reflected Gaussian kernel on [0, 1]: K_s(t, x) = sum_k phi_s(t - x - 2k) + phi_s(t + x - 2k);
- smECE_s = integral over [0, 1] of |(1/W) sum_i w_i r_i K_s(t, f_i)| dt, here by the
  trapezoid rule on T = 20001 equally spaced points (step 5e-5);
- the bandwidth s* solves smECE_s = s, by bisection on [4/2^14, 1] to 1e-9 (smECE_s - s
  decreases); the images k = -1, 0, 1 of the kernel suffice (the next lie 2 - 1 = 1 away).
"""
import json
import math
import os

import numpy as np

rng = np.random.default_rng(20261207)
T = 20001
t = np.linspace(0.0, 1.0, T)
LOW = 4 / 2**14


def reflected_kernel(t, x, s):
    total = np.zeros((len(x), len(t)))
    for k in (-1, 0, 1):
        for sign in (1, -1):
            d = t[None, :] - sign * x[:, None] - 2 * k
            total += np.exp(-0.5 * (d / s) ** 2) / (s * math.sqrt(2 * math.pi))
    return total


def smooth_ece_at(f, r, w, s):
    rho = np.zeros(T)
    for start in range(0, len(f), 256):
        sl = slice(start, start + 256)
        rho += (w[sl] * r[sl]) @ reflected_kernel(t, f[sl], s)
    rho /= w.sum()
    return float(np.trapz(np.abs(rho), t))


def smooth_ece(f, r, w):
    if smooth_ece_at(f, r, w, LOW) <= LOW:
        return smooth_ece_at(f, r, w, LOW), LOW
    lo, hi = LOW, 1.0
    while hi - lo > 1e-9:
        mid = (lo + hi) / 2
        if smooth_ece_at(f, r, w, mid) > mid:
            lo = mid
        else:
            hi = mid
    s = (lo + hi) / 2
    return smooth_ece_at(f, r, w, s), s


cases = []


def add(name, probs, labels, weights=None):
    n = len(labels)
    w = np.ones(n) if weights is None else weights
    top = np.argmax(probs, axis=1)
    f = probs[np.arange(n), top]
    r = (top == labels).astype(float) - f
    value, s = smooth_ece(f, r, w)
    case = {
        "name": name,
        "pred": probs.tolist(),
        "labels": [int(y) for y in labels],
        "expected": {"smoothEce": value, "smoothEceBandwidth": s, "meanAbsResidual": float(np.sum(w * np.abs(r)) / w.sum())},
    }
    if weights is not None:
        case["weights"] = weights.tolist()
    cases.append(case)
    print(f"{name}: smECE {value:.6f} at bandwidth {s:.6f}")


def sample(K, n, sharpness, temper):
    p = rng.dirichlet(np.full(K, sharpness), size=n)
    q = p**temper
    q /= q.sum(axis=1, keepdims=True)
    y = np.array([rng.choice(K, p=row) for row in q])
    return p, y


p, y = sample(3, 300, 1.0, 0.6)
add("3 classes, overconfident", p, y)
p, y = sample(10, 300, 0.3, 1.0)
add("10 classes, calibrated", p, y)
p, y = sample(5, 300, 0.5, 1.8)
add("5 classes, underconfident, weighted", p, y, rng.uniform(0, 3, 300))
p1 = rng.uniform(0.001, 0.999, 300)
yb = (rng.random(300) < p1**1.3).astype(int)
add("binary", np.stack([1 - p1, p1], axis=1), yb)

out = {"generator": "scripts/reference/smooth_ece_fixtures.py", "versions": {"numpy": np.__version__}, "grid": T, "cases": cases}
path = os.path.join("test", "fixtures", "smooth-ece.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=None, separators=(",", ":"))
    fh.write("\n")
print(f"wrote {len(cases)} cases to {path}")
