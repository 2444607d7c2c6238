#!/usr/bin/python3
"""Reference fits for src/calibration: the same objectives minimised by scipy.optimize, and
isotonic regression by scikit-learn. Writes test/fixtures/calibration.json.

Run from the repository root with Debian's Python:
    apt-get install -y python3-scipy python3-sklearn
    /usr/bin/python3 scripts/reference/calibration_fixtures.py   (or: npm run fixtures:calibration)

Objectives (mean weighted log-loss in nats, scores s, labels y, weights w):
- temperature: f(beta) = sum w [logsumexp(beta s) - beta s_y] / sum w, T = 1/beta; minimised
  by scipy.optimize.brentq on f'(beta) = 0 (f is convex in beta), and checked against
  scipy.optimize.minimize_scalar;
- vector scaling: u_k = a_k s_k + b_k with b_0 = 0, f(a, b) as above with u for beta s;
  minimised by scipy.optimize.minimize(method='trust-exact') with the exact gradient and
  Hessian, from a = 1, b = 0;
- Platt: two classes, t = a (s_1 - s_0) + b, f = sum w [softplus(t) - y t] / sum w; the same
  minimiser;
- Dirichlet calibration (Kull et al. 2019): u = M l + c on l = log softmax(s), plus
  lambda/(K(K-1)) sum_{k != j} M_kj^2 + mu/K sum c_k^2; minimised by trust-exact with the
  exact gradient and Hessian, from M = I, c = 0;
- isotonic: sklearn.isotonic.IsotonicRegression(out_of_bounds='clip') of each class's
  probability softmax(s)_k against [y = k] (class 1 alone for two classes), then divided
  by the row sums as sklearn's CalibratedClassifierCV does;
- histogram binning: M equal-width bins (m-1)/M < p <= m/M, the weighted share of [y = k]
  per bin, the midpoint where a bin is empty; written from the definition in NumPy.
"""
import json

import numpy as np
import scipy
import sklearn
from scipy.optimize import brentq, minimize, minimize_scalar
from scipy.special import expit, log_softmax, logsumexp, softmax
from sklearn.isotonic import IsotonicRegression

rng = np.random.default_rng(20261207)


def dataset(name, n, k, scale, noise, weighted):
    truth = rng.normal(0.0, 1.5, size=(n, k))
    labels = np.array([rng.choice(k, p=p) for p in softmax(truth, axis=1)])
    scores = scale * truth + noise * rng.normal(size=(n, k))
    weights = rng.uniform(0.2, 2.0, size=n) if weighted else np.ones(n)
    return {"name": name, "scores": scores, "labels": labels, "weights": weights, "weighted": weighted}


def mean_log_loss(scores, labels, w):
    ls = log_softmax(scores, axis=1)
    return float(-(w * ls[np.arange(len(labels)), labels]).sum() / w.sum())


def temperature_fit(d):
    s, y, w = d["scores"], d["labels"], d["weights"]
    W = w.sum()

    def f(beta):
        return float((w * (logsumexp(beta * s, axis=1) - beta * s[np.arange(len(y)), y])).sum() / W)

    def fprime(beta):
        p = softmax(beta * s, axis=1)
        return float((w * ((p * s).sum(axis=1) - s[np.arange(len(y)), y])).sum() / W)

    beta = brentq(fprime, 1e-6, 100.0, xtol=1e-15, rtol=4 * np.finfo(float).eps, maxiter=500)
    check = minimize_scalar(f, bracket=(0.01, 1.0, 10.0), tol=1e-12)
    assert abs(check.x - beta) < 1e-6 * beta, (check.x, beta)
    return {"temperature": 1.0 / beta, "logLossBefore": f(1.0), "logLossAfter": f(beta)}


def vector_fit(d):
    s, y, w = d["scores"], d["labels"], d["weights"]
    n, K = s.shape
    W = w.sum()
    onehot = np.eye(K)[y]

    def unpack(x):
        return x[:K], np.concatenate([[0.0], x[K:]])

    def fun(x):
        a, b = unpack(x)
        u = a * s + b
        return float((w * (logsumexp(u, axis=1) - u[np.arange(n), y])).sum() / W)

    def jac(x):
        a, b = unpack(x)
        r = (softmax(a * s + b, axis=1) - onehot) * w[:, None]
        return np.concatenate([(r * s).sum(axis=0), r.sum(axis=0)[1:]]) / W

    def hess(x):
        a, b = unpack(x)
        p = softmax(a * s + b, axis=1)
        H = np.zeros((2 * K - 1, 2 * K - 1))
        for i in range(n):
            J = np.zeros((K, 2 * K - 1))
            J[np.arange(K), np.arange(K)] = s[i]
            J[np.arange(1, K), K + np.arange(K - 1)] = 1.0
            M = np.diag(p[i]) - np.outer(p[i], p[i])
            H += w[i] * J.T @ M @ J
        return H / W

    x0 = np.concatenate([np.ones(K), np.zeros(K - 1)])
    res = minimize(fun, x0, jac=jac, hess=hess, method="trust-exact", options={"gtol": 1e-13, "maxiter": 500})
    assert np.max(np.abs(jac(res.x))) < 1e-8, np.max(np.abs(jac(res.x)))
    a, b = unpack(res.x)
    return {"weights": a.tolist(), "biases": b.tolist(), "logLossBefore": fun(x0), "logLossAfter": fun(res.x)}


def platt_fit(d):
    s = d["scores"][:, 1] - d["scores"][:, 0]
    y, w = d["labels"].astype(float), d["weights"]
    W = w.sum()

    def fun(x):
        t = x[0] * s + x[1]
        return float((w * (np.logaddexp(0.0, t) - y * t)).sum() / W)

    def jac(x):
        r = w * (expit(x[0] * s + x[1]) - y)
        return np.array([(r * s).sum(), r.sum()]) / W

    def hess(x):
        q = expit(x[0] * s + x[1])
        c = w * q * (1 - q)
        return np.array([[(c * s * s).sum(), (c * s).sum()], [(c * s).sum(), c.sum()]]) / W

    res = minimize(fun, np.array([1.0, 0.0]), jac=jac, hess=hess, method="trust-exact", options={"gtol": 1e-13})
    assert np.max(np.abs(jac(res.x))) < 1e-8
    return {"a": float(res.x[0]), "b": float(res.x[1]), "logLossBefore": fun(np.array([1.0, 0.0])), "logLossAfter": fun(res.x)}


def dirichlet_fit(d, lam, mu):
    s, y, w = d["scores"], d["labels"], d["weights"]
    n, K = s.shape
    W = w.sum()
    ell = log_softmax(s, axis=1)
    feats = np.concatenate([ell, np.ones((n, 1))], axis=1)
    onehot = np.eye(K)[y]
    off = ~np.eye(K, dtype=bool)

    def unpack(x):
        return x[: K * K].reshape(K, K), x[K * K:]

    def penalty(x):
        M, c = unpack(x)
        return lam / (K * (K - 1)) * (M[off] ** 2).sum() + mu / K * (c ** 2).sum()

    def loss(x):
        M, c = unpack(x)
        u = ell @ M.T + c
        return float((w * (logsumexp(u, axis=1) - u[np.arange(n), y])).sum() / W)

    def fun(x):
        return loss(x) + penalty(x)

    def jac(x):
        M, c = unpack(x)
        r = (softmax(ell @ M.T + c, axis=1) - onehot) * w[:, None] / W
        gM = r.T @ ell + 2 * lam / (K * (K - 1)) * np.where(off, M, 0.0)
        gc = r.sum(axis=0) + 2 * mu / K * c
        return np.concatenate([gM.ravel(), gc])

    def hess(x):
        M, c = unpack(x)
        p = softmax(ell @ M.T + c, axis=1)
        H = np.zeros((K * K + K, K * K + K))
        for i in range(n):
            J = np.zeros((K, K * K + K))
            for k in range(K):
                J[k, k * K:(k + 1) * K] = ell[i]
                J[k, K * K + k] = 1.0
            H += w[i] * J.T @ (np.diag(p[i]) - np.outer(p[i], p[i])) @ J
        H /= W
        for k in range(K):
            for j in range(K):
                if j != k:
                    H[k * K + j, k * K + j] += 2 * lam / (K * (K - 1))
            H[K * K + k, K * K + k] += 2 * mu / K
        return H

    x0 = np.concatenate([np.eye(K).ravel(), np.zeros(K)])
    res = minimize(fun, x0, jac=jac, hess=hess, method="trust-exact", options={"gtol": 1e-13, "maxiter": 500})
    assert np.max(np.abs(jac(res.x))) < 1e-8, np.max(np.abs(jac(res.x)))
    M, c = unpack(res.x)
    return {"lambda": lam, "mu": mu, "matrix": M.ravel().tolist(), "intercepts": c.tolist(),
            "objective": fun(res.x), "logLossBefore": loss(x0), "logLossAfter": loss(res.x)}


def calibrated_classes(K):
    return [1] if K == 2 else list(range(K))


def combine(mapped, K):
    if K == 2:
        return np.stack([1 - mapped[:, 0], mapped[:, 0]], axis=1)
    total = mapped.sum(axis=1, keepdims=True)
    return np.where(total > 0, mapped / np.where(total > 0, total, 1), 1.0 / K)


def isotonic_fit(d):
    s, y, w = d["scores"], d["labels"], d["weights"]
    K = s.shape[1]
    p = softmax(s, axis=1)
    maps, mapped = [], []
    for k in calibrated_classes(K):
        iso = IsotonicRegression(out_of_bounds="clip").fit(p[:, k], (y == k).astype(float), sample_weight=w)
        maps.append({"xs": iso.X_thresholds_.tolist(), "ys": iso.y_thresholds_.tolist()})
        mapped.append(iso.predict(p[:, k]))
    probs = combine(np.stack(mapped, axis=1), K)
    return {"maps": maps, "probabilities": probs.ravel().tolist()}


def histogram_fit(d, bins):
    s, y, w = d["scores"], d["labels"], d["weights"]
    K = s.shape[1]
    p = softmax(s, axis=1)
    edges = np.arange(bins + 1) / bins
    values = []
    for k in calibrated_classes(K):
        b = np.clip(np.searchsorted(edges[1:-1], p[:, k], side="left"), 0, bins - 1)
        weight = np.bincount(b, weights=w, minlength=bins)
        hits = np.bincount(b, weights=w * (y == k), minlength=bins)
        mid = (edges[:-1] + edges[1:]) / 2
        values.append(np.where(weight > 0, hits / np.where(weight > 0, weight, 1), mid).tolist())
    return {"bins": bins, "values": values}


sets = [
    dataset("overconfident-4", 600, 4, 2.2, 0.3, False),
    dataset("overconfident-4-weighted", 600, 4, 2.2, 0.3, True),
    dataset("underconfident-3", 500, 3, 0.4, 0.2, False),
    dataset("binary", 500, 2, 3.0, 0.5, False),
    dataset("binary-weighted", 400, 2, 0.5, 0.1, True),
]
out = {"versions": {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__}, "datasets": []}
for d in sets:
    entry = {
        "name": d["name"],
        "rows": int(d["scores"].shape[0]),
        "classes": int(d["scores"].shape[1]),
        "scores": d["scores"].ravel().tolist(),
        "labels": d["labels"].tolist(),
        "weights": d["weights"].tolist() if d["weighted"] else None,
        "temperature": temperature_fit(d),
        "vector": vector_fit(d),
        "isotonic": isotonic_fit(d),
        "histogram": histogram_fit(d, 10),
    }
    if d["scores"].shape[1] == 2:
        entry["platt"] = platt_fit(d)
    entry["dirichlet"] = dirichlet_fit(d, 1e-3, 1e-3)
    out["datasets"].append(entry)

with open("test/fixtures/calibration.json", "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
print("wrote test/fixtures/calibration.json:", ", ".join(d["name"] for d in out["datasets"]))
