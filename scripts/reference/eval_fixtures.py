#!/usr/bin/python3
"""Reference values for `xent eval` (src/eval): log-loss, accuracy and the binary Brier score
from scikit-learn; the multiclass Brier score, its Murphy decomposition, ECE, MCE, class-wise
ECE and the calibration bins from the straightforward NumPy code below, written from the
definitions and independent of xent's streaming accumulators. Writes test/fixtures/eval.json.

Run from the repository root with Debian's Python:
    apt-get install -y python3-sklearn python3-scipy
    /usr/bin/python3 scripts/reference/eval_fixtures.py      (or: npm run fixtures:eval)

Definitions (the same as docs/design.md's `xent eval` and src/eval/EvalAccumulator.ts):
- log-loss: sklearn.metrics.log_loss (its clip at machine epsilon never acts: every
  probability here lies in [1e-12, 1 - 1e-12], asserted); standard error
  sqrt(n/(n-1) * sum(w^2 (l - L)^2)) / sum(w);
- top label: the first argmax; confidence its probability (Guo et al. 2017);
- equal-width bins: edges m/M, bin m holds (m-1)/M < conf <= m/M (np.searchsorted, left);
  equal-mass bins: inner edges c_(ceil(m n / M)) of the sorted confidences, the same rule;
- ECE = sum_b W_b/W |acc_b - conf_b|, MCE = max over non-empty bins;
- class-wise ECE: the ECE of each class's probability against [y = k] over equal-width
  bins, averaged over the K classes (Kull et al. 2019);
- Brier: mean sum_k (p_k - [y = k])^2; with two classes sklearn.metrics.brier_score_loss on
  class 1. Murphy: reliability, resolution, uncertainty per class over equal-width bins of
  p_k, summed over classes (class 1 only with two classes).
- spherical score: mean of p_y / ||p||_2 (Gneiting & Raftery 2007), np.linalg.norm per row;
- debiased L2 calibration error (Kumar, Liang & Ma 2019, "Verified Uncertainty
  Calibration", NeurIPS): over the same top-label bins, the rows of each bin taken one by
  one (not from xent's sums), sum_b (n_b/n) [(conf_b - acc_b)^2 - acc_b (1 - acc_b)/(n_b - 1)],
  bins with fewer than 2 rows adding 0, then sqrt(max(0, .)). With weights, n_b/n becomes
  W_b/W and n_b the effective count (sum w)^2/sum w^2 of the bin (bins with n_b <= 1 add 0).
"""
import json
import math
import os

import numpy as np
import scipy
import sklearn
from scipy.special import expit, log_softmax, softmax
from sklearn.metrics import accuracy_score, brier_score_loss, log_loss

rng = np.random.default_rng(20261201)


def num(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def bin_stats(values, targets, w, edges):
    """Per bin: rows, sum w, sum w*value, sum w*target, with edges[b] < value <= edges[b+1]."""
    M = len(edges) - 1
    b = np.searchsorted(edges[1:-1], values, side="left")
    b = np.clip(b, 0, M - 1)
    rows = np.bincount(b, minlength=M)
    W = np.bincount(b, weights=w, minlength=M)
    V = np.bincount(b, weights=w * values, minlength=M)
    T = np.bincount(b, weights=w * targets, minlength=M)
    return rows, W, V, T


def reference(probs, labels, w, M, binning):
    n, K = probs.shape
    W = w.sum()
    onehot = np.eye(K)[labels]
    p_true = probs[np.arange(n), labels]
    assert probs.min() >= 1e-12 and probs.max() <= 1 - 1e-12
    loss = -np.log(p_true)
    L = np.sum(w * loss) / W
    sk_loss = log_loss(labels, probs, sample_weight=w, labels=list(range(K)))
    se = math.sqrt(n / (n - 1) * np.sum(w**2 * (loss - L) ** 2)) / W
    top = np.argmax(probs, axis=1)
    conf = probs[np.arange(n), top]
    correct = (top == labels).astype(float)
    if K == 2:
        brier = brier_score_loss(labels, probs[:, 1], sample_weight=w)
    else:
        brier = np.sum(w * np.sum((probs - onehot) ** 2, axis=1)) / W
    uniform = np.arange(M + 1) / M
    if binning == "uniform":
        edges = uniform.copy()
    else:
        s = np.sort(conf)
        ranks = [(m * n + M - 1) // M for m in range(1, M)]
        edges = np.array([0.0] + [s[r - 1] for r in ranks] + [1.0])
    rows, Wb, Cb, Ab = bin_stats(conf, correct, w, edges)
    nonempty = Wb > 0
    acc_b = np.where(nonempty, Ab / np.where(nonempty, Wb, 1), np.nan)
    conf_b = np.where(nonempty, Cb / np.where(nonempty, Wb, 1), np.nan)
    gaps = np.abs(acc_b - conf_b)[nonempty]
    ece = float(np.sum(Wb[nonempty] / W * gaps))
    mce = float(np.max(gaps))
    classwise = 0.0
    rel = res = unc = 0.0
    for k in range(K):
        rows_k, Wk, Pk, Yk = bin_stats(probs[:, k], onehot[:, k], w, uniform)
        ne = Wk > 0
        classwise += np.sum(np.abs(Yk[ne] - Pk[ne])) / W
        if K == 2 and k == 0:
            continue
        base = np.sum(w * onehot[:, k]) / W
        rel += np.sum(Wk[ne] * (Pk[ne] / Wk[ne] - Yk[ne] / Wk[ne]) ** 2) / W
        res += np.sum(Wk[ne] * (Yk[ne] / Wk[ne] - base) ** 2) / W
        unc += base * (1 - base)
    classwise /= K
    return {
        "debiasedL2Ce": debiased_l2(conf, correct, w, edges),
        "sphericalScore": float(np.sum(w * p_true / np.linalg.norm(probs, axis=1)) / W),
        "n": n,
        "classes": K,
        "logLoss": sk_loss,
        "logLossNumpy": L,
        "logLossStdError": se,
        "perplexity": math.exp(sk_loss),
        "accuracy": accuracy_score(labels, top, sample_weight=w),
        "brier": brier,
        "reliability": rel,
        "resolution": res,
        "uncertainty": unc,
        "ece": ece,
        "mce": mce,
        "classwiseEce": classwise,
        "bins": [
            {"lower": num(edges[b]), "upper": num(edges[b + 1]), "count": int(rows[b]), "confidence": num(conf_b[b]), "accuracy": num(acc_b[b])}
            for b in range(M)
        ],
    }


def debiased_l2(conf, correct, w, edges):
    """Kumar et al.'s debiased estimate of the squared L2 calibration error, bin by bin."""
    M = len(edges) - 1
    which = np.clip(np.searchsorted(edges[1:-1], conf, side="left"), 0, M - 1)
    total = 0.0
    for b in range(M):
        inside = which == b
        wb = w[inside]
        if inside.sum() < 2 or wb.sum() <= 0:
            continue
        n_eff = wb.sum() ** 2 / np.sum(wb**2)
        if n_eff <= 1:
            continue
        if np.all(wb == 1):
            assert n_eff == inside.sum()
        acc = np.average(correct[inside], weights=wb)
        mean_conf = np.average(conf[inside], weights=wb)
        total += wb.sum() / w.sum() * ((mean_conf - acc) ** 2 - acc * (1 - acc) / (n_eff - 1))
    return math.sqrt(max(0.0, total))


def draw_probs(n, K, sharpness):
    """Dirichlet rows mixed with 0.1% of the uniform (so no probability is below 1e-4/K)."""
    p = 0.999 * rng.dirichlet(np.full(K, sharpness), size=n) + 0.001 / K
    return p / p.sum(axis=1, keepdims=True)


def draw_labels(probs):
    """Labels drawn from a tempered version of the predictions: a miscalibrated model."""
    tempered = probs**0.6
    tempered /= tempered.sum(axis=1, keepdims=True)
    u = rng.random(len(probs))
    return np.minimum((tempered.cumsum(axis=1) < u[:, None]).sum(axis=1), probs.shape[1] - 1)


cases = []


def add(name, given, probs, labels, input_kind, M=15, binning="uniform", weights=None, unit="nats"):
    n = len(labels)
    w = np.ones(n) if weights is None else weights
    ref = reference(probs, labels, w, M, binning)
    factor = {"nats": 1.0, "bits": 1 / math.log(2), "bans": 1 / math.log(10)}[unit]
    ref["logLoss"] *= factor
    ref["logLossNumpy"] *= factor
    ref["logLossStdError"] *= factor
    case = {
        "name": name,
        "input": input_kind,
        "bins": M,
        "binning": binning,
        "unit": unit,
        "pred": [[num(v) for v in row] for row in np.atleast_2d(given.T).T.tolist()] if given.ndim == 2 else [[num(v)] for v in given],
        "labels": [int(y) for y in labels],
        "expected": {k: (num(v) if not isinstance(v, list) else v) for k, v in ref.items()},
    }
    if weights is not None:
        case["weights"] = [num(v) for v in weights]
    cases.append(case)


for K, n, sharp in [(3, 60, 1.0), (5, 400, 0.5), (10, 1000, 0.3), (4, 7, 1.0)]:
    p = draw_probs(n, K, sharp)
    y = draw_labels(p)
    add(f"probs K={K} n={n}", p, p, y, "probs")
    add(f"probs K={K} n={n} quantile", p, p, y, "probs", M=10, binning="quantile")
    add(f"probs K={K} n={n} weighted bits", p, p, y, "probs", M=8, weights=rng.uniform(0, 3, n), unit="bits")

# Logits: the reference probabilities are SciPy's softmax of them.
for K, n in [(3, 200), (6, 500)]:
    z = rng.normal(0, 2.5, size=(n, K))
    p = softmax(z, axis=1)
    y = draw_labels(p)
    add(f"logits K={K} n={n}", z, p, y, "logits")
    add(f"log-probs K={K} n={n}", log_softmax(z, axis=1), p, y, "log-probs", M=12, binning="quantile")

# Two classes: a single column is P(class 1) (or its logit), two columns are both classes.
n = 500
p1 = rng.uniform(0.001, 0.999, n)
y = (rng.random(n) < p1**1.3).astype(int)
two = np.stack([1 - p1, p1], axis=1)
add("binary two columns", two, two, y, "probs")
add("binary one column", p1, two, y, "probs", M=10, weights=rng.uniform(0.5, 2, n))
z = rng.normal(0, 3, n)
pz = expit(z)
yz = (rng.random(n) < pz).astype(int)
add("binary one logit", z, np.stack([expit(-z), pz], axis=1), yz, "logits", M=20, binning="quantile")

# Ties and repeated edges for equal-mass bins: confidences take few distinct values.
n = 90
choices = np.array([[0.6, 0.3, 0.1], [0.8, 0.1, 0.1], [0.2, 0.5, 0.3], [0.25, 0.25, 0.5]])
p = choices[rng.integers(0, 4, n)]
y = draw_labels(p)
add("tied confidences quantile", p, p, y, "probs", M=15, binning="quantile")

out = {
    "generator": "scripts/reference/eval_fixtures.py",
    "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
    "cases": cases,
}
path = os.path.join("test", "fixtures", "eval.json")
with open(path, "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(cases)} cases to {path} (scikit-learn {sklearn.__version__})")
