#!/usr/bin/python3
"""Reference values of the area under the risk-coverage curve (AURC) and E-AURC of the top
label, computed from the rows by sorting them, with no grid of the confidence: independent
of src/eval/RiskCoverage.ts, which accumulates weight and errors per cell of a 2^14 grid so
that shards merge. Writes test/fixtures/aurc.json.

Run from the repository root with Debian's Python:
    /usr/bin/python3 scripts/reference/aurc_fixtures.py

Definition (Geifman & El-Yaniv 2017; AURC and E-AURC as in Geifman, Uziel & El-Yaniv 2019 and
Ding et al. 2020, torch-uncertainty's AURC):
- f_i the probability of the top label (the first argmax), e_i = [top label wrong], weights w_i;
- sort the rows by f, most confident first; rows of exactly equal f form one block, kept or
  rejected together (Geifman's RC_curve);
- AURC = sum over blocks of (W_b / W) * (E_b / C_b), C_b and E_b the weight and error weight of
  the block and every block before it;
- E-AURC = AURC - (r + (1 - r) ln(1 - r)), r the weighted error rate.
With unit weights and distinct confidences this is (1/n) sum_i E_i / i, which the script
checks against a plain loop over the sorted rows (Ding et al.'s formula).
"""
import json
import math
import os

import numpy as np

rng = np.random.default_rng(20261207)


def aurc_sorted(f, e, w):
    order = np.argsort(-f, kind="stable")
    f, e, w = f[order], e[order], w[order]
    W = w.sum()
    area = 0.0
    covered = 0.0
    wrong = 0.0
    i = 0
    n = len(f)
    while i < n:
        j = i
        while j < n and f[j] == f[i]:
            j += 1
        wb = w[i:j].sum()
        covered += wb
        wrong += (w[i:j] * e[i:j]).sum()
        if wb > 0:
            area += wb * wrong / covered
        i = j
    aurc = area / W
    r = min(1.0, float((w * e).sum() / W))
    ideal = 1.0 if r == 1 else r + (1 - r) * math.log1p(-r)
    return float(aurc), float(aurc - ideal)


def ding(f, e):
    """(1/n) sum_i E_i / i over the rows sorted down (distinct confidences, unit weights)."""
    order = np.argsort(-f, kind="stable")
    errors = np.cumsum(e[order])
    return float(np.mean(errors / np.arange(1, len(f) + 1)))


cases = []


def add(name, probs, labels, weights=None, distinct=False):
    n = len(labels)
    w = np.ones(n) if weights is None else weights
    top = np.argmax(probs, axis=1)
    f = probs[np.arange(n), top]
    e = (top != labels).astype(float)
    aurc, e_aurc = aurc_sorted(f, e, w)
    if distinct:
        assert len(np.unique(f)) == n
        assert abs(aurc - ding(f, e)) < 1e-12, (aurc, ding(f, e))
    case = {"name": name, "pred": probs.tolist(), "labels": [int(y) for y in labels], "expected": {"aurc": aurc, "eAurc": e_aurc}}
    if weights is not None:
        case["weights"] = weights.tolist()
    cases.append(case)
    print(f"{name}: AURC {aurc:.6f}, E-AURC {e_aurc:.6f}")


def sample(K, n, sharpness, temper):
    p = rng.dirichlet(np.full(K, sharpness), size=n)
    q = p**temper
    q /= q.sum(axis=1, keepdims=True)
    y = np.array([rng.choice(K, p=row) for row in q])
    return p, y


def quantised(K, n, levels):
    """Rows whose top probability is a multiple of 1/levels (a power of two), so each grid cell holds one confidence, with many ties."""
    top = rng.integers(levels // K + 1, levels + 1, size=n) / levels
    p = np.zeros((n, K))
    cls = rng.integers(0, K, size=n)
    for i in range(n):
        rest = (1 - top[i]) / (K - 1)
        p[i, :] = rest
        p[i, cls[i]] = top[i]
    y = np.where(rng.random(n) < top, cls, (cls + 1 + rng.integers(0, K - 1, size=n)) % K)
    return p, y


p, y = sample(3, 400, 1.0, 0.6)
add("3 classes, overconfident", p, y, distinct=True)
p, y = sample(10, 400, 0.3, 1.0)
add("10 classes, calibrated", p, y, distinct=True)
p, y = sample(5, 400, 0.5, 1.8)
add("5 classes, underconfident, weighted", p, y, rng.uniform(0, 3, 400))
p1 = rng.uniform(0.001, 0.999, 400)
yb = (rng.random(400) < p1**1.3).astype(int)
add("binary", np.stack([1 - p1, p1], axis=1), yb, distinct=True)
p, y = quantised(4, 500, 64)
add("4 classes, confidences in steps of 1/64 (ties)", p, y)
p, y = quantised(2, 300, 1024)
w = rng.integers(0, 4, size=300).astype(float)
add("binary, steps of 1/1024, whole weights with zeros", p, y, w)

out = {"generator": "scripts/reference/aurc_fixtures.py", "versions": {"numpy": np.__version__}, "cases": cases}
path = os.path.join("test", "fixtures", "aurc.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=None, separators=(",", ":"))
    fh.write("\n")
print(f"wrote {len(cases)} cases to {path}")
