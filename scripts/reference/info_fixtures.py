#!/usr/bin/python3
"""Reference values for xent's information measures, from SciPy (and scikit-learn for
mutual information). Writes test/fixtures/info.json; the tests read that file and never
need Python.

Run from the repository root with Debian's Python:
    apt-get install -y python3-scipy python3-sklearn
    /usr/bin/python3 scripts/reference/info_fixtures.py      (or: npm run fixtures:info)

Conventions of the fixture:
- p and q are stored as given to SciPy, which normalises them by their sums; xent is
  called with normalize: true for the same semantics.
- Non-finite results are stored as the strings "Infinity", "-Infinity", "NaN".
- Floats are written with repr (shortest round-trip form), so nothing is lost.
"""
import json
import math
import os

import numpy as np
import scipy
import sklearn
from scipy.spatial.distance import jensenshannon
from scipy.special import xlogy
from scipy.stats import entropy
from sklearn.metrics import mutual_info_score

BASES = {"bits": 2.0, "nats": math.e, "bans": 10.0}
rng = np.random.default_rng(20261125)


def num(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def random_distribution(n, kind):
    if kind == "dirichlet":
        v = rng.dirichlet(np.full(n, 0.5))
    elif kind == "zeros":
        v = rng.random(n)
        v[rng.random(n) < 0.3] = 0.0
        if v.sum() == 0:
            v[0] = 1.0
    elif kind == "tiny":
        # A few ordinary entries and many near 1e-300: terms far below the rounding of
        # the total must still be handled without underflow trouble.
        v = rng.random(n)
        tiny = rng.random(n) < 0.5
        v[tiny] = rng.uniform(1e-300, 1e-299, tiny.sum())
        if (~tiny).sum() == 0:
            v[0] = 1.0
    elif kind == "skewed":
        v = np.exp(rng.normal(0, 6, n))
    elif kind == "one-hot":
        v = np.zeros(n)
        v[rng.integers(n)] = 1.0
    else:
        raise ValueError(kind)
    return v / v.sum()


def cross_entropy(p, q, base):
    p = p / p.sum()
    q = q / q.sum()
    return -np.sum(xlogy(p, q)) / math.log(base)


cases = []
kinds = ["dirichlet", "zeros", "tiny", "skewed", "one-hot"]
q_kinds = ["dirichlet", "zeros", "skewed"]


def add_case(n, kind_p, kind_q):
    p = random_distribution(n, kind_p)
    q = random_distribution(n, kind_q)
    unit = ["bits", "nats", "bans"][len(cases) % 3]
    base = BASES[unit]
    cases.append({
        "name": f"n={n} p:{kind_p} q:{kind_q}",
        "unit": unit,
        "p": p.tolist(),
        "q": q.tolist(),
        "entropy": num(entropy(p, base=base)),
        "crossEntropy": num(cross_entropy(p, q, base)),
        "kl": num(entropy(p, q, base=base)),
        "js": num(jensenshannon(p, q, base=base) ** 2),
    })


# Every kind pairing at small and medium sizes, random sizes up to 64, and a few large
# vectors (10^3 and 10^4 outcomes; few, to keep the committed file small).
for n in [2, 3, 4, 5, 8, 10, 16, 50, 100]:
    for kind_p in kinds:
        for kind_q in q_kinds:
            add_case(n, kind_p, kind_q)
for _ in range(120):
    add_case(int(rng.integers(2, 65)), kinds[int(rng.integers(len(kinds)))], q_kinds[int(rng.integers(len(q_kinds)))])
for n, kind_p, kind_q in [(1000, "dirichlet", "dirichlet"), (1000, "tiny", "zeros"), (1000, "skewed", "skewed"),
                          (10000, "dirichlet", "skewed"), (10000, "tiny", "dirichlet"), (10000, "zeros", "zeros")]:
    add_case(n, kind_p, kind_q)

joint_cases = []
for rows, cols in [(2, 2), (2, 3), (3, 2), (4, 4), (5, 7), (10, 10), (30, 20)]:
    for kind in ["counts", "probabilities", "sparse", "independent"]:
        if kind == "counts":
            t = rng.integers(0, 20, size=(rows, cols)).astype(float)
        elif kind == "probabilities":
            t = rng.dirichlet(np.ones(rows * cols)).reshape(rows, cols)
        elif kind == "sparse":
            t = rng.integers(0, 5, size=(rows, cols)).astype(float)
            t[rng.random((rows, cols)) < 0.6] = 0.0
        else:
            t = np.outer(rng.dirichlet(np.ones(rows)), rng.dirichlet(np.ones(cols)))
        if t.sum() == 0:
            t[0, 0] = 1.0
        unit = ["bits", "nats", "bans"][len(joint_cases) % 3]
        base = BASES[unit]
        pxy = t / t.sum()
        hx = entropy(pxy.sum(axis=1), base=base)
        hy = entropy(pxy.sum(axis=0), base=base)
        hxy = entropy(pxy.ravel(), base=base)
        if np.all(t == np.round(t)):
            # scikit-learn computes I(X;Y) from an integer contingency table, in nats.
            mi = mutual_info_score(None, None, contingency=t.astype(np.int64)) / math.log(base)
            mi_reference = "sklearn.metrics.mutual_info_score"
        else:
            # It casts tables to integers, so probabilities use I = KL(p(x,y) || p(x)p(y)).
            mi = entropy(pxy.ravel(), np.outer(pxy.sum(axis=1), pxy.sum(axis=0)).ravel(), base=base)
            mi_reference = "scipy.stats.entropy(pxy, px*py)"
        joint_cases.append({
            "name": f"{rows}x{cols} {kind}",
            "unit": unit,
            "table": t.tolist(),
            "hX": num(hx),
            "hY": num(hy),
            "hXY": num(hxy),
            "hXgivenY": num(hxy - hy),
            "hYgivenX": num(hxy - hx),
            "mutualInformation": num(mi),
            "mutualInformationReference": mi_reference,
        })

out = {
    "generator": "scripts/reference/info_fixtures.py",
    "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__},
    "cases": cases,
    "jointCases": joint_cases,
}
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
path = os.path.join(root, "test", "fixtures", "info.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
tmp = path + ".tmp"
with open(tmp, "w") as f:
    json.dump(out, f, separators=(",", ":"))
os.replace(tmp, path)
print(f"wrote {len(cases)} cases and {len(joint_cases)} joint cases to {path}")
