#!/usr/bin/python3
"""The peer of `xent eval`: what a user runs instead, pandas.read_csv and scikit-learn.

    /usr/bin/python3 bench/peers/eval_peer.py PRED.csv LABELS.csv [--reps N] [--bins 15] [--serve]

Times the whole run (read both files, log_loss, accuracy_score, the multiclass Brier
score, ECE/MCE over equal-width bins with NumPy) in this process, after one warm-up run,
and prints one JSON line: {"ms": [...wall], "cpuMs": [...process CPU], "logLoss": …, "versions": {…}}.
scikit-learn 1.2 has no multiclass brier_score_loss, so the Brier score is NumPy's.
"""
import argparse
import json
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.metrics import accuracy_score, log_loss

ap = argparse.ArgumentParser()
ap.add_argument("pred")
ap.add_argument("labels")
ap.add_argument("--reps", type=int, default=5)
ap.add_argument("--bins", type=int, default=15)
ap.add_argument("--serve", action="store_true", help="time one run per line read on stdin, answer one JSON line each")
args = ap.parse_args()


def run():
    p = pd.read_csv(args.pred).to_numpy(dtype=np.float64)
    y = pd.read_csv(args.labels, header=None).to_numpy().ravel()
    n, K = p.shape
    ll = log_loss(y, p, labels=list(range(K)))
    top = p.argmax(axis=1)
    conf = p[np.arange(n), top]
    acc = accuracy_score(y, top)
    onehot = np.zeros_like(p)
    onehot[np.arange(n), y] = 1
    brier = np.mean(np.sum((p - onehot) ** 2, axis=1))
    M = args.bins
    edges = np.arange(M + 1) / M
    b = np.clip(np.searchsorted(edges[1:-1], conf, side="left"), 0, M - 1)
    cnt = np.bincount(b, minlength=M)
    sc = np.bincount(b, weights=conf, minlength=M)
    sa = np.bincount(b, weights=(top == y).astype(float), minlength=M)
    ne = cnt > 0
    gaps = np.abs(sa[ne] - sc[ne]) / cnt[ne]
    ece = float(np.sum(cnt[ne] / n * gaps))
    return {"n": int(n), "logLoss": float(ll), "accuracy": float(acc), "brier": float(brier), "ece": ece, "mce": float(gaps.max())}


if args.serve:
    import sys

    for line in sys.stdin:
        t0 = time.perf_counter()
        c0 = time.process_time()
        result = run()
        result["cpuMs"] = (time.process_time() - c0) * 1000
        result["wallMs"] = (time.perf_counter() - t0) * 1000
        print(json.dumps(result), flush=True)
    sys.exit(0)

result = run()  # warm-up
times = []
cpu = []
for _ in range(args.reps):
    t0 = time.perf_counter()
    c0 = time.process_time()
    result = run()
    cpu.append((time.process_time() - c0) * 1000)
    times.append((time.perf_counter() - t0) * 1000)
result["ms"] = times
result["cpuMs"] = cpu
result["versions"] = {"pandas": pd.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__}
print(json.dumps(result))
