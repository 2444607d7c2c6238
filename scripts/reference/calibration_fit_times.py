#!/usr/bin/python3
"""Wall times of `xent calibrate --method vector|dirichlet` against scipy's L-BFGS-B on the
same objective and the same rows, in the same run (scipy is the peer; numpy does its
arithmetic in vectorised C).

Run from the repository root, pinned to one core, with Debian's Python:
    taskset -c 1 /usr/bin/python3 scripts/reference/calibration_fit_times.py [ROWS] [REPEATS] [XENT]...
    CASES=dirichlet:10,dirichlet:30 taskset -c 0 /usr/bin/python3 scripts/reference/calibration_fit_times.py
XENT is a path to bin/xent.js (default this checkout's; give another checkout's to time it
in the same run). Each xent time is the whole command (start-up, reading the .npy files,
the fit, the report), the median of REPEATS runs (default 3); scipy's is the fit alone.

The rows: logits t ~ N(0, 1.5²) per class, the label drawn from softmax(t), the scores
t·(0.5 + (k mod 4)/2) + (k mod 3) − 1 + N(0, 0.3²): each class distorted its own way.
Objectives are those of scripts/reference/calibration_lbfgs_fixtures.py, on the
log-probabilities of the logits (as xent fits them).
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import log_softmax, logsumexp, softmax

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
REPEATS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
XENTS = sys.argv[3:] or ["bin/xent.js"]
# CASES=vector:10,dirichlet:30 in the environment runs those alone.
CASES = [(c.split(":")[0], int(c.split(":")[1])) for c in os.environ["CASES"].split(",")] if os.environ.get("CASES") else \
    [("vector", 10), ("vector", 100), ("vector", 200), ("dirichlet", 10), ("dirichlet", 30), ("dirichlet", 50)]


def rows(n, K, seed):
    rng = np.random.default_rng(seed)
    t = rng.normal(0.0, 1.5, size=(n, K))
    labels = np.array([rng.choice(K, p=p) for p in softmax(t, axis=1)], dtype=np.int64)
    k = np.arange(K)
    scores = t * (0.5 + (k % 4) / 2) + (k % 3) - 1 + 0.3 * rng.normal(size=(n, K))
    return scores, labels


def scipy_vector(ell, y):
    n, K = ell.shape
    onehot = np.eye(K)[y]

    def fg(x):
        a, b = x[:K], np.concatenate([[0.0], x[K:]])
        u = a * ell + b
        f = float((logsumexp(u, axis=1) - u[np.arange(n), y]).sum() / n)
        r = softmax(u, axis=1) - onehot
        return f, np.concatenate([(r * ell).sum(axis=0), r.sum(axis=0)[1:]]) / n

    x0 = np.concatenate([np.ones(K), np.zeros(K - 1)])
    return fg, x0


def scipy_dirichlet(ell, y, lam=1e-3, mu=1e-3):
    n, K = ell.shape
    onehot = np.eye(K)[y]
    off = ~np.eye(K, dtype=bool)
    ow = lam / (K * (K - 1))

    def fg(x):
        M, c = x[: K * K].reshape(K, K), x[K * K:]
        u = ell @ M.T + c
        f = float((logsumexp(u, axis=1) - u[np.arange(n), y]).sum() / n) + ow * (M[off] ** 2).sum() + mu / K * (c ** 2).sum()
        r = (softmax(u, axis=1) - onehot) / n
        return f, np.concatenate([(r.T @ ell + 2 * ow * np.where(off, M, 0.0)).ravel(), r.sum(axis=0) + 2 * mu / K * c])

    x0 = np.concatenate([np.eye(K).ravel(), np.zeros(K)])
    return fg, x0


def main():
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for method, K in CASES:
            scores, labels = rows(ROWS, K, 1000 + K)
            pred, lab = os.path.join(tmp, f"pred-{K}.npy"), os.path.join(tmp, f"labels-{K}.npy")
            np.save(pred, scores)
            np.save(lab, labels)
            entry = {"method": method, "classes": K, "rows": ROWS}
            for xent in XENTS:
                times, result = [], None
                for _ in range(REPEATS):
                    start = time.perf_counter()
                    run = subprocess.run(["node", xent, "calibrate", "--pred", pred, "--labels", lab, "--input", "logits", "--method", method, "--json"], capture_output=True, text=True)
                    times.append(time.perf_counter() - start)
                    result = run
                if result.returncode == 0:
                    report = json.loads(result.stdout)
                    entry[xent] = {"seconds": float(np.median(times)), "runs": times, "logLossAfter": report["logLossAfter"]}
                else:
                    entry[xent] = {"error": result.stderr.strip()}
            ell = log_softmax(scores, axis=1)
            fg, x0 = (scipy_vector if method == "vector" else scipy_dirichlet)(ell, labels)
            times = []
            for _ in range(REPEATS):
                start = time.perf_counter()
                res = minimize(fg, x0, jac=True, method="L-BFGS-B", options={"maxiter": 100000, "maxfun": 200000, "maxcor": 10, "ftol": 1e-15, "gtol": 1e-10})
                times.append(time.perf_counter() - start)
            f, g = fg(res.x)
            entry["scipy"] = {"seconds": float(np.median(times)), "runs": times, "objective": f, "gradientMaxNorm": float(np.abs(g).max()), "iterations": int(res.nit)}
            print(json.dumps(entry), flush=True)
            out.append(entry)


main()
