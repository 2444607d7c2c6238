#!/usr/bin/python3
"""Reference values of multi-label evaluation from scikit-learn: each label column scored as
its own binary problem, and the macro (mean over labels) and micro (all cells pooled)
averages. Writes test/fixtures/multi-label.json, read by src/eval/MultiLabelSums.test.ts.

Run from the repository root with Debian's Python and scikit-learn (python3-sklearn):
    /usr/bin/python3 scripts/reference/multilabel_fixtures.py

Per label l (column), with y the 0/1 answers and p the predicted probabilities:
- logLoss: sklearn.metrics.log_loss(y, p, labels=[0, 1], sample_weight=w), nats;
- brier: sklearn.metrics.brier_score_loss(y, p, sample_weight=w);
- accuracy: sklearn.metrics.accuracy_score(y, p > 0.5, sample_weight=w);
- ece: from sklearn.calibration.calibration_curve(y, p, n_bins=M, strategy="uniform") (no
  weights: it takes none), weighted by each non-empty bin's share of the rows; the bins are
  found again with the curve's own rule (np.searchsorted on the inner edges, as sklearn 1.2
  does) to count their rows; with weights, which calibration_curve does not take, the same
  bins weighted in NumPy. The probabilities are drawn so that none lies on an edge.
Micro figures pool the N·L cells (ravel), macro ones average the L columns.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import accuracy_score, brier_score_loss, log_loss

rng = np.random.default_rng(20261207)


def ece(y, p, M):
    prob_true, prob_pred = calibration_curve(y, p, n_bins=M, strategy="uniform")
    bins = np.linspace(0.0, 1.0, M + 1)
    ids = np.searchsorted(bins[1:-1], p)
    counts = np.bincount(ids, minlength=M)
    counts = counts[counts > 0]
    assert len(counts) == len(prob_true)
    return float(np.sum(counts / len(p) * np.abs(prob_true - prob_pred)))


def weighted_ece(y, p, w, M):
    """calibration_curve takes no weights: the same bins, weighted, in NumPy."""
    ids = np.searchsorted(np.linspace(0.0, 1.0, M + 1)[1:-1], p)
    W = np.bincount(ids, weights=w, minlength=M)
    gap = np.abs(np.bincount(ids, weights=w * y, minlength=M) - np.bincount(ids, weights=w * p, minlength=M))
    return float(np.sum(gap[W > 0]) / w.sum())


def figures(y, p, w, M):
    f = {
        "logLoss": float(log_loss(y, p, labels=[0, 1], sample_weight=w)),
        "brier": float(brier_score_loss(y, p, sample_weight=w)),
        "accuracy": float(accuracy_score(y, (p > 0.5).astype(int), sample_weight=w)),
    }
    f["ece"] = ece(y, p, M) if w is None else weighted_ece(y, p, w, M)
    return f


cases = []


def add(name, p, y, M, weights=None, names=None):
    n, L = p.shape
    # Nothing on a bin edge (where sklearn's left-closed bins and xent's right-closed ones part).
    assert not np.any(np.isclose((p * M) % 1, 0, atol=1e-9)), name
    per = [figures(y[:, l], p[:, l], weights, M) for l in range(L)]
    macro = {k: float(np.mean([f[k] for f in per])) for k in per[0]}
    wr = None if weights is None else np.repeat(weights[:, None], L, axis=1).ravel()
    micro = figures(y.ravel(), p.ravel(), wr, M)
    case = {"name": name, "bins": M, "pred": p.tolist(), "labels": y.astype(int).tolist(), "expected": {"perLabel": per, "macro": macro, "micro": micro}}
    if weights is not None:
        case["weights"] = weights.tolist()
    if names is not None:
        case["names"] = names
    cases.append(case)
    print(f"{name}: macro {macro}, micro {micro}")


def sample(n, L, skew):
    z = rng.normal(0, 1.5, size=(n, L)) + rng.normal(0, 1, size=L)
    p = 1 / (1 + np.exp(-z))
    y = (rng.random((n, L)) < p**skew).astype(int)
    return p, y


p, y = sample(300, 4, 1.0)
add("4 labels, calibrated", p, y, 10, names=["cat", "dog", "outdoor", "night"])
p, y = sample(500, 7, 1.6)
add("7 labels, overconfident", p, y, 15)
p, y = sample(200, 3, 0.7)
add("3 labels, weighted", p, y, 5, weights=rng.uniform(0, 3, 200))
p, y = sample(150, 1, 1.0)
add("one label", p, y, 8)

out = {"generator": "scripts/reference/multilabel_fixtures.py", "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__}, "cases": cases}
path = os.path.join("test", "fixtures", "multi-label.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=None, separators=(",", ":"))
    fh.write("\n")
print(f"wrote {len(cases)} cases to {path}")
