#!/usr/bin/python3
"""Writes the files `xent eval` and its pandas + scikit-learn peer are timed on (never committed):

    /usr/bin/python3 bench/peers/eval_generate.py DIR MEGABYTES [--classes K] [--digits full|short]

DIR/pred.csv holds softmax probabilities of K classes (default 10) with a header of class
names, DIR/labels.csv one class index per row. `--digits full` (default) writes
shortest-round-trip doubles as pandas' to_csv and Python's repr do (about 17 significant
digits); `short` writes 8 decimals, as a model exported with a fixed format would.
The rows are generated in blocks, so any size fits in memory; the output is seeded.
"""
import argparse
import os

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("megabytes", type=float)
ap.add_argument("--classes", type=int, default=10)
ap.add_argument("--digits", choices=["full", "short"], default="full")
args = ap.parse_args()

rng = np.random.default_rng(20261201)
K = args.classes
target = int(args.megabytes * 1e6)
os.makedirs(args.dir, exist_ok=True)
pred_path = os.path.join(args.dir, "pred.csv")
labels_path = os.path.join(args.dir, "labels.csv")
block = 20000
written = 0
with open(pred_path, "w") as pf, open(labels_path, "w") as lf:
    pf.write(",".join(f"class{k}" for k in range(K)) + "\n")
    while written < target:
        z = rng.normal(0, 2, size=(block, K))
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        u = rng.random(block)
        y = np.minimum((np.cumsum(p**0.8 / (p**0.8).sum(axis=1, keepdims=True), axis=1) < u[:, None]).sum(axis=1), K - 1)
        if args.digits == "full":
            text = "\n".join(",".join(map(repr, row)) for row in p.tolist()) + "\n"
        else:
            text = "\n".join(",".join(f"{v:.8f}" for v in row) for row in p.tolist()) + "\n"
        pf.write(text)
        lf.write("\n".join(map(str, y.tolist())) + "\n")
        written += len(text)
print(f"{pred_path}: {os.path.getsize(pred_path) / 1e6:.1f} MB; {labels_path}: {os.path.getsize(labels_path) / 1e6:.1f} MB")
