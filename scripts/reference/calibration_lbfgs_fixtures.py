#!/usr/bin/python3
"""Reference minima for the many-class calibration fits of src/calibration (vector scaling
with 150 classes, Dirichlet calibration with 30), found by a general-purpose optimiser,
scipy.optimize.minimize(method='L-BFGS-B', jac=True), with tight tolerances, on the same
objectives. Writes test/fixtures/calibration-lbfgs.json.

Run from the repository root with Debian's Python:
    apt-get install -y python3-scipy
    /usr/bin/python3 scripts/reference/calibration_lbfgs_fixtures.py

The scores are not stored: they are made from xoshiro128** (seeded by splitmix64, the
generator of src/core/random/createRng.ts, in xoshiro128.py beside this script) by
additions and multiplications only, which IEEE 754 rounds the same way in NumPy and
JavaScript, so the test rebuilds them bit for bit. In row-major order, each score is
    s_ik = (8 u - 4) * scale_k + shift_k,  scale_k = 0.5 + (k mod 7) / 4,  shift_k = ((k mod 5) - 2) / 2,
u the generator's next uniform; then, for a weighted set, each row's weight is 0.5 + u.
Labels are drawn by NumPy from softmax(8 u - 4) of each row (the scores before their
per-class distortion, which the calibrators must undo) and stored.

Objectives (mean weighted log-loss in nats):
- vector scaling: u_k = a_k s_k + b_k with b_0 = 0, from a = 1, b = 0;
- Dirichlet calibration (Kull et al. 2019): u = M l + c on l = log softmax(s), plus
  lambda/(K(K-1)) sum_{k != j} M_kj^2 + mu/K sum c_k^2, from M = I, c = 0.
"""
import json

import numpy as np
import scipy
from scipy.optimize import minimize
from scipy.special import log_softmax, logsumexp, softmax

from xoshiro128 import Xoshiro128ss

OPTIONS = {"maxiter": 200000, "maxfun": 400000, "maxcor": 30, "ftol": 1e-16, "gtol": 1e-13}


def dataset(name, seed, n, K, weighted):
    g = Xoshiro128ss(seed)
    truth = np.empty((n, K))
    scores = np.empty((n, K))
    for i in range(n):
        for k in range(K):
            t = 8.0 * g.uniform() - 4.0
            truth[i, k] = t
            scores[i, k] = t * (0.5 + (k % 7) / 4.0) + ((k % 5) - 2) / 2.0
    weights = np.array([0.5 + g.uniform() for _ in range(n)]) if weighted else np.ones(n)
    rng = np.random.default_rng(seed)
    labels = np.array([rng.choice(K, p=p) for p in softmax(truth, axis=1)])
    return {"name": name, "seed": seed, "rows": n, "classes": K, "weighted": weighted,
            "scores": scores, "labels": labels, "weights": weights}


def lbfgsb(fun_and_grad, x0):
    res = minimize(fun_and_grad, x0, jac=True, method="L-BFGS-B", options=OPTIONS)
    f, g = fun_and_grad(res.x)
    return res, f, float(np.max(np.abs(g)))


def vector_fit(d):
    s, y, w = d["scores"], d["labels"], d["weights"]
    n, K = s.shape
    W = w.sum()
    onehot = np.eye(K)[y]

    def fun_and_grad(x):
        a, b = x[:K], np.concatenate([[0.0], x[K:]])
        u = a * s + b
        f = float((w * (logsumexp(u, axis=1) - u[np.arange(n), y])).sum() / W)
        r = (softmax(u, axis=1) - onehot) * w[:, None]
        return f, np.concatenate([(r * s).sum(axis=0), r.sum(axis=0)[1:]]) / W

    x0 = np.concatenate([np.ones(K), np.zeros(K - 1)])
    res, f, gmax = lbfgsb(fun_and_grad, x0)
    assert gmax < 1e-7, gmax
    return {"weights": res.x[:K].tolist(), "biases": [0.0] + res.x[K:].tolist(), "logLossBefore": fun_and_grad(x0)[0],
            "logLossAfter": f, "gradientMaxNorm": gmax, "iterations": int(res.nit), "message": str(res.message)}


def dirichlet_fit(d, lam, mu):
    s, y, w = d["scores"], d["labels"], d["weights"]
    n, K = s.shape
    W = w.sum()
    ell = log_softmax(s, axis=1)
    onehot = np.eye(K)[y]
    off = ~np.eye(K, dtype=bool)
    off_weight = lam / (K * (K - 1))

    def loss(x):
        M, c = x[: K * K].reshape(K, K), x[K * K:]
        u = ell @ M.T + c
        return float((w * (logsumexp(u, axis=1) - u[np.arange(n), y])).sum() / W)

    def fun_and_grad(x):
        M, c = x[: K * K].reshape(K, K), x[K * K:]
        u = ell @ M.T + c
        f = float((w * (logsumexp(u, axis=1) - u[np.arange(n), y])).sum() / W)
        f += off_weight * (M[off] ** 2).sum() + mu / K * (c ** 2).sum()
        r = (softmax(u, axis=1) - onehot) * w[:, None] / W
        gM = r.T @ ell + 2 * off_weight * np.where(off, M, 0.0)
        gc = r.sum(axis=0) + 2 * mu / K * c
        return f, np.concatenate([gM.ravel(), gc])

    x0 = np.concatenate([np.eye(K).ravel(), np.zeros(K)])
    res, f, gmax = lbfgsb(fun_and_grad, x0)
    assert gmax < 1e-7, gmax
    return {"lambda": lam, "mu": mu, "matrix": res.x[: K * K].tolist(), "intercepts": res.x[K * K:].tolist(),
            "objective": f, "logLossBefore": loss(x0), "logLossAfter": loss(res.x), "gradientMaxNorm": gmax,
            "iterations": int(res.nit), "message": str(res.message)}


def entry(d):
    return {"name": d["name"], "seed": d["seed"], "rows": d["rows"], "classes": d["classes"], "weighted": d["weighted"],
            "labels": d["labels"].tolist(), "scoreSum": float(np.sum(d["scores"])),
            "firstScores": d["scores"].ravel()[:8].tolist()}


vector_set = dataset("vector-150", 20261207, 3000, 150, False)
dirichlet_set = dataset("dirichlet-30-weighted", 20261208, 2000, 30, True)
out = {
    "versions": {"numpy": np.__version__, "scipy": scipy.__version__},
    "options": OPTIONS,
    "vector": {**entry(vector_set), "fit": vector_fit(vector_set)},
    "dirichlet": {**entry(dirichlet_set), "fit": dirichlet_fit(dirichlet_set, 1e-3, 1e-3)},
}
with open("test/fixtures/calibration-lbfgs.json", "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
for key in ("vector", "dirichlet"):
    fit = out[key]["fit"]
    print(f"{out[key]['name']}: log-loss {fit['logLossBefore']:.6f} -> {fit['logLossAfter']:.6f}, "
          f"|grad|max {fit['gradientMaxNorm']:.2e}, {fit['iterations']} iterations ({fit['message']})")
