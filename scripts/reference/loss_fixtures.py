#!/usr/bin/python3
"""Reference values for xent's losses and their gradients, from PyTorch (float64).
Writes test/fixtures/losses.json; the tests read that file and never need Python.

Run from the repository root with Debian's Python:
    apt-get install -y python3-torch
    /usr/bin/python3 scripts/reference/loss_fixtures.py      (or: npm run fixtures:losses)

Each case is a request in the format of `xent loss` (docs/design.md) plus the expected
`loss` and `grad`:
- tensors are {"shape": [...], "data": [flat row-major values]} so that empty batches
  and scalars keep their shapes; class indices are integers;
- `grad` is d(loss)/d(input) from autograd; for reduction "none" the gradient of the sum;
- `dtypes` lists the dtypes xent is checked at. "float32" is listed only when every float
  in the request is exactly representable in float32 (the script rounds them), so that
  xent's float32 path sees the same numbers as the float64 reference;
- `loss_scale` (kl_div only, whose elements have both signs) is the same reduction of
  the absolute per-element losses: the size of the terms the sum cancels;
- non-finite numbers are the strings "Infinity", "-Infinity", "NaN";
- floats are written with repr (shortest round trip), so nothing is lost.

torch 1.13 has no sigmoid_focal_loss (torchvision's) or softmax_focal_loss: their
references are the published formulas evaluated here with torch autograd (torchvision
0.14's sigmoid_focal_loss, transcribed; Lin et al. 2017 eq. 5 with softmax).
"""
import json
import math
import os

import warnings

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
# kl_div warns that 'mean' is not 'batchmean'; log(0) of a zero target is the intended -inf.
warnings.filterwarnings("ignore", message="reduction: 'mean' divides")
np.seterr(divide="ignore")
rng = np.random.default_rng(20261125)
cases = []


def num(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def tensor_json(a, integer=False):
    a = np.asarray(a)
    data = [int(v) for v in a.ravel()] if integer else [num(v) for v in a.ravel()]
    return {"shape": list(a.shape), "data": data}


def f32(a):
    """Rounds to the nearest float32 (kept in float64)."""
    return np.asarray(a, dtype=np.float64).astype(np.float32).astype(np.float64)


def logits(shape, scale):
    if scale == "coarse":
        # Multiples of 1/64: exact in float32 and short in JSON, for the C = 10^4 cases.
        return np.round(rng.normal(0, 3, shape) * 64) / 64
    if scale == "huge":
        # ±1e4 mixed with ordinary values: softmax saturates to exact 0 and 1.
        x = rng.normal(0, 3, shape)
        mask = rng.random(shape) < 0.5
        x[mask] = rng.choice([-1e4, 1e4], mask.sum())
        return x
    return rng.normal(0, scale, shape)


def run(name, fn, x, kwargs_torch, request, f32ok, loss_scale=None):
    xt = torch.tensor(x, requires_grad=True)
    out = fn(xt)
    total = out.sum() if out.dim() > 0 else out
    total.backward()
    grad = xt.grad if xt.grad is not None else torch.zeros_like(xt)
    case = {"name": name, **request, "dtypes": ["float64", "float32"] if f32ok else ["float64"]}
    case["expected"] = {
        "loss": num(out.item()) if out.dim() == 0 else tensor_json(out.detach().numpy()),
        "grad": tensor_json(grad.numpy()),
    }
    if loss_scale is not None:
        case["loss_scale"] = num(loss_scale)
    cases.append(case)


def pick(options):
    """One of `options`, keeping its Python type (rng.choice would make a NumPy array of them)."""
    return options[rng.integers(len(options))]


def maybe_f32(arrays, f32ok):
    return [f32(a) if (f32ok and a is not None and not isinstance(a, int)) else a for a in arrays]


# --- cross_entropy and nll_loss -------------------------------------------------------

CLASS_SHAPES = [(1, 1), (1, 2), (4, 3), (16, 10), (5, 1), (3,), (7,), (2, 3, 4), (2, 4, 3, 2), (3, 5, 2), (0, 3)]
REDUCTIONS = ["mean", "sum", "none"]


def class_targets(shape, c, ignore_index, kind):
    tshape = () if len(shape) == 1 else (shape[0],) + shape[2:]
    y = rng.integers(0, c, tshape)
    if kind == "some-ignored" and y.size > 0:
        y = np.where(rng.random(tshape) < 0.3, ignore_index, y)
    elif kind == "all-ignored":
        y = np.full(tshape, ignore_index)
    return np.asarray(y, dtype=np.int64)


def prob_targets(shape, kind):
    class_axis = 0 if len(shape) == 1 else 1
    if kind == "one-hot":
        c = shape[class_axis]
        idx = rng.integers(0, c, shape[:class_axis] + shape[class_axis + 1:])
        t = np.moveaxis(np.eye(c)[idx], -1, class_axis)
    elif kind == "with-zeros":
        t = rng.random(shape)
        t[rng.random(shape) < 0.4] = 0.0
        s = t.sum(axis=class_axis, keepdims=True)
        t = np.where(s > 0, t / np.where(s > 0, s, 1), 1.0 / shape[class_axis])
    else:
        t = rng.dirichlet(np.full(shape[class_axis], 0.7), shape[:class_axis] + shape[class_axis + 1:])
        t = np.moveaxis(t, -1, class_axis) if len(shape) > 1 else t
    return np.asarray(t, dtype=np.float64).reshape(shape)


def add_cross_entropy(i, shape, scale, target_kind, weighted, smoothing, reduction, ignore_index, f32ok):
    c = shape[0] if len(shape) == 1 else shape[1]
    x = logits(shape, scale)
    w = rng.uniform(0.1, 3.0, c) if weighted else None
    if weighted == "with-zero" and c > 1:
        w[rng.integers(c)] = 0.0
    probs = target_kind in ("probabilities", "one-hot", "with-zeros")
    if probs:
        t = prob_targets(shape, "dirichlet" if target_kind == "probabilities" else target_kind)
    else:
        t = class_targets(shape, c, ignore_index, target_kind)
    x, w = maybe_f32([x, w], f32ok)
    if probs:
        t = f32(t) if f32ok else t
    kw = {"reduction": reduction, "label_smoothing": smoothing}
    request = {"loss": "cross_entropy", "input": tensor_json(x), "target": tensor_json(t, integer=not probs), "reduction": reduction}
    if smoothing:
        request["label_smoothing"] = smoothing
    if w is not None:
        kw["weight"] = torch.tensor(w)
        request["weight"] = tensor_json(w)
    if not probs and ignore_index != -100:
        kw["ignore_index"] = ignore_index
        request["ignore_index"] = ignore_index
    name = f"cross_entropy {i}: {shape} {scale} {target_kind} w={bool(weighted)} ls={smoothing} {reduction} ii={ignore_index}"
    run(name, lambda xt: F.cross_entropy(xt, torch.tensor(t), **kw), x, kw, request, f32ok)


def add_nll(i, shape, weighted, reduction, ignore_index, target_kind, f32ok):
    c = shape[0] if len(shape) == 1 else shape[1]
    z = torch.tensor(logits(shape, 2.0))
    x = torch.log_softmax(z, dim=0 if len(shape) == 1 else 1).numpy()
    if c >= 1000:
        x = np.round(x * 64) / 64  # short in JSON; nll_loss does not need normalised input
    w = rng.uniform(0.1, 3.0, c) if weighted else None
    t = class_targets(shape, c, ignore_index, target_kind)
    x, w = maybe_f32([x, w], f32ok)
    kw = {"reduction": reduction}
    request = {"loss": "nll_loss", "input": tensor_json(x), "target": tensor_json(t, integer=True), "reduction": reduction}
    if w is not None:
        kw["weight"] = torch.tensor(w)
        request["weight"] = tensor_json(w)
    if ignore_index != -100:
        kw["ignore_index"] = ignore_index
        request["ignore_index"] = ignore_index
    name = f"nll_loss {i}: {shape} w={weighted} {reduction} ii={ignore_index} {target_kind}"
    run(name, lambda xt: F.nll_loss(xt, torch.tensor(t), **kw), x, kw, request, f32ok)


i = 0
for shape in CLASS_SHAPES:
    for _ in range(14):
        i += 1
        target_kind = rng.choice(["index", "index", "some-ignored", "probabilities", "one-hot", "with-zeros"])
        if shape[0] == 0:
            target_kind = rng.choice(["index", "probabilities"])
        add_cross_entropy(
            i,
            shape,
            pick([1.0, 1.0, 5.0, "huge"]),
            str(target_kind),
            pick([None, "yes", "with-zero"]),
            float(rng.choice([0.0, 0.0, 0.1, 0.35, 1.0])),
            str(rng.choice(REDUCTIONS)),
            int(rng.choice([-100, -100, 1])) if shape[-1] > 1 or len(shape) == 1 else -100,
            bool(rng.random() < 0.5),
        )
# Every option with every other on one K-dimensional shape.
for target_kind in ["index", "some-ignored", "probabilities"]:
    for weighted in [None, "yes"]:
        for smoothing in [0.0, 0.2]:
            for reduction in REDUCTIONS:
                i += 1
                add_cross_entropy(i, (3, 4, 2), 1.0, target_kind, weighted, smoothing, reduction, -100, True)
# All targets ignored: PyTorch's NaN mean (and zero gradient), with and without options.
for weighted in [None, "yes"]:
    for smoothing in [0.0, 0.1]:
        for reduction in REDUCTIONS:
            i += 1
            add_cross_entropy(i, (3, 4), 1.0, "all-ignored", weighted, smoothing, reduction, -100, True)
# C = 10^4: one or two rows of short float32-representable logits keep the file small.
for shape, target_kind, smoothing, weighted in [((2, 10_000), "index", 0.0, None), ((1, 10_000), "index", 0.1, "yes"), ((1, 10_000), "probabilities", 0.2, None)]:
    i += 1
    add_cross_entropy(i, shape, "coarse", target_kind, weighted, smoothing, "mean", -100, True)
# Logits of ±1e4 only.
for target_kind in ["index", "one-hot"]:
    for reduction in REDUCTIONS:
        i += 1
        add_cross_entropy(i, (6, 3), "huge", target_kind, None, 0.1, reduction, -100, True)

for shape in [(1, 1), (4, 3), (3,), (2, 3, 4), (2, 5, 2, 2), (0, 4), (8, 10)]:
    for _ in range(6):
        i += 1
        add_nll(
            i,
            shape,
            bool(rng.random() < 0.5),
            str(rng.choice(REDUCTIONS)),
            int(rng.choice([-100, 0])),
            str(rng.choice(["index", "some-ignored"])) if shape[0] > 0 else "index",
            bool(rng.random() < 0.5),
        )
for reduction in REDUCTIONS:
    for weighted in [False, True]:
        i += 1
        add_nll(i, (5, 3), weighted, reduction, -100, "all-ignored", True)
i += 1
add_nll(i, (1, 10_000), True, "mean", -100, "index", True)

# --- binary cross-entropies, mse, kl_div ---------------------------------------------

ELEMENT_SHAPES = [(), (1,), (5,), (4, 3), (2, 3, 4), (0,), (3, 1, 2)]


def probabilities(shape, kind):
    p = rng.random(shape)
    if kind == "ends":
        # Exactly 0 and 1, where the logs are clamped at -100.
        p = np.where(rng.random(shape) < 0.5, rng.choice([0.0, 1.0], shape), p)
    elif kind == "near-ends":
        p = np.where(rng.random(shape) < 0.5, 10.0 ** rng.uniform(-15, -3, shape), 1 - 10.0 ** rng.uniform(-15, -3, shape))
    return np.asarray(p, dtype=np.float64)


def binary_targets(shape, kind):
    if kind == "hard":
        return rng.integers(0, 2, shape).astype(np.float64)
    return rng.random(shape)


def broadcast_weight(shape, how):
    if how is None or len(shape) == 0:
        return None
    if how == "full":
        return rng.uniform(0, 2, shape)
    return rng.uniform(0, 2, shape[-1:])  # one per last-axis entry, broadcast


for shape in ELEMENT_SHAPES:
    for _ in range(8):
        i += 1
        kind = str(rng.choice(["uniform", "ends", "near-ends"]))
        f32ok = bool(rng.random() < 0.5) and kind != "near-ends"
        p = probabilities(shape, kind)
        y = binary_targets(shape, str(rng.choice(["hard", "soft"])))
        w = broadcast_weight(shape, pick([None, "full", "last"]))
        reduction = str(rng.choice(REDUCTIONS))
        p, y, w = maybe_f32([p, y, w], f32ok)
        kw = {"reduction": reduction}
        request = {"loss": "binary_cross_entropy", "input": tensor_json(p), "target": tensor_json(y), "reduction": reduction}
        if w is not None:
            kw["weight"] = torch.tensor(w)
            request["weight"] = tensor_json(w)
        run(f"binary_cross_entropy {i}: {shape} {kind} {reduction}", lambda xt: F.binary_cross_entropy(xt, torch.tensor(y), **kw), p, kw, request, f32ok)

    for _ in range(10):
        i += 1
        scale = pick([1.0, 4.0, "huge"])
        f32ok = bool(rng.random() < 0.5)
        x = logits(shape, scale)
        y = binary_targets(shape, str(rng.choice(["hard", "soft"])))
        w = broadcast_weight(shape, pick([None, "full", "last"]))
        pw = broadcast_weight(shape, pick([None, "last"]))
        reduction = str(rng.choice(REDUCTIONS))
        x, y, w, pw = maybe_f32([x, y, w, pw], f32ok)
        kw = {"reduction": reduction}
        request = {"loss": "binary_cross_entropy_with_logits", "input": tensor_json(x), "target": tensor_json(y), "reduction": reduction}
        if w is not None:
            kw["weight"] = torch.tensor(w)
            request["weight"] = tensor_json(w)
        if pw is not None:
            kw["pos_weight"] = torch.tensor(pw)
            request["pos_weight"] = tensor_json(pw)
        run(f"binary_cross_entropy_with_logits {i}: {shape} {scale} {reduction}", lambda xt: F.binary_cross_entropy_with_logits(xt, torch.tensor(y), **kw), x, kw, request, f32ok)

    for _ in range(4):
        i += 1
        f32ok = bool(rng.random() < 0.5)
        x = rng.normal(0, 2, shape)
        y = rng.normal(0, 2, shape)
        reduction = str(rng.choice(REDUCTIONS))
        x, y = maybe_f32([x, y], f32ok)
        request = {"loss": "mse_loss", "input": tensor_json(x), "target": tensor_json(y), "reduction": reduction}
        run(f"mse_loss {i}: {shape} {reduction}", lambda xt: F.mse_loss(xt, torch.tensor(y), reduction=reduction), x, {}, request, f32ok)

KL_SHAPES = [(5,), (4, 3), (2, 3, 4), (1, 1), (2, 200)]
for shape in KL_SHAPES:
    for reduction in ["mean", "batchmean", "sum", "none"]:
        for log_target in [False, True]:
            i += 1
            f32ok = bool(rng.random() < 0.5)
            axis = len(shape) - 1
            q = torch.log_softmax(torch.tensor(logits(shape, 2.0)), dim=axis).numpy()
            p = rng.dirichlet(np.full(shape[-1], 0.5), shape[:-1])
            # Zero target probabilities contribute 0. As log-targets (-inf) PyTorch gives
            # 0·(-inf) = NaN where xent takes the limit 0 (tested in klDivLoss.test.ts),
            # so log-target cases use a tiny probability instead.
            p[rng.random(shape) < 0.2] = 1e-300 if log_target else 0.0
            t = np.log(p) if log_target else p
            q, t = maybe_f32([q, t], f32ok)
            request = {"loss": "kl_div", "input": tensor_json(q), "target": tensor_json(t), "reduction": reduction}
            if log_target:
                request["log_target"] = True
            elementwise = F.kl_div(torch.tensor(q), torch.tensor(t), reduction="none", log_target=log_target).abs()
            divisor = {"sum": 1, "none": 1, "mean": elementwise.numel(), "batchmean": shape[0]}[reduction]
            scale = elementwise.sum().item() / divisor
            run(
                f"kl_div {i}: {shape} {reduction} log_target={log_target}",
                lambda xt: F.kl_div(xt, torch.tensor(t), reduction=reduction, log_target=log_target),
                q,
                {},
                request,
                f32ok,
                loss_scale=scale,
            )


# --- focal losses --------------------------------------------------------------------


def torchvision_sigmoid_focal_loss(inputs, targets, alpha, gamma, reduction):
    # torchvision.ops.sigmoid_focal_loss, version 0.14, transcribed.
    p = torch.sigmoid(inputs)
    ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce_loss * ((1 - p_t) ** gamma)
    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss
    if reduction == "mean":
        loss = loss.mean()
    elif reduction == "sum":
        loss = loss.sum()
    return loss


for shape in [(1,), (6,), (4, 3), (2, 3, 2)]:
    for _ in range(10):
        i += 1
        f32ok = bool(rng.random() < 0.5)
        # Moderate logits: torchvision's 1 − p_t cancels for large |x|, so its gradient
        # there is rounding noise that xent's stable form does not reproduce.
        x = rng.normal(0, 2, shape)
        y = binary_targets(shape, str(rng.choice(["hard", "soft"])))
        alpha = float(rng.choice([0.25, 0.5, 0.9, -1.0]))
        gamma = float(rng.choice([0.0, 0.5, 1.0, 2.0, 3.5]))
        reduction = str(rng.choice(REDUCTIONS))
        x, y = maybe_f32([x, y], f32ok)
        request = {"loss": "sigmoid_focal_loss", "input": tensor_json(x), "target": tensor_json(y), "alpha": alpha, "gamma": gamma, "reduction": reduction}
        run(
            f"sigmoid_focal_loss {i}: {shape} a={alpha} g={gamma} {reduction}",
            lambda xt: torchvision_sigmoid_focal_loss(xt, torch.tensor(y), alpha, gamma, reduction),
            x,
            {},
            request,
            f32ok,
        )


def softmax_focal_loss(z, target, weight, gamma, ignore_index, reduction):
    # Lin et al. 2017, eq. 5, with softmax: −w_y (1 − p_y)^γ log p_y; mean over Σ w_y.
    axis = 0 if z.dim() == 1 else 1
    logp = torch.log_softmax(z, dim=axis)
    if z.dim() == 1:
        logp, target = logp.unsqueeze(0), target.unsqueeze(0)
    keep = target != ignore_index
    safe = torch.where(keep, target, torch.zeros_like(target))
    logp_y = logp.gather(1, safe.unsqueeze(1)).squeeze(1)
    w = weight[safe] if weight is not None else torch.ones_like(logp_y)
    w = torch.where(keep, w, torch.zeros_like(w))
    element = -w * (1 - logp_y.exp()) ** gamma * logp_y
    if z.dim() == 1:
        element = element.squeeze(0)
    if reduction == "none":
        return element
    if reduction == "sum":
        return element.sum()
    return element.sum() / w.sum()


for shape in [(1, 1), (4, 3), (5,), (2, 3, 4), (8, 10)]:
    for _ in range(6):
        i += 1
        f32ok = bool(rng.random() < 0.5)
        c = shape[0] if len(shape) == 1 else shape[1]
        x = logits(shape, float(rng.choice([1.0, 3.0])))
        t = class_targets(shape, c, -100, str(rng.choice(["index", "some-ignored"])) if len(shape) > 1 else "index")
        w = rng.uniform(0.1, 2.0, c) if rng.random() < 0.5 else None
        gamma = float(rng.choice([0.0, 0.5, 2.0, 3.0]))
        reduction = str(rng.choice(REDUCTIONS))
        x, w = maybe_f32([x, w], f32ok)
        request = {"loss": "softmax_focal_loss", "input": tensor_json(x), "target": tensor_json(t, integer=True), "gamma": gamma, "reduction": reduction}
        if w is not None:
            request["weight"] = tensor_json(w)
        wt = torch.tensor(w) if w is not None else None
        run(
            f"softmax_focal_loss {i}: {shape} g={gamma} {reduction}",
            lambda xt: softmax_focal_loss(xt, torch.tensor(t), wt, gamma, -100, reduction),
            x,
            {},
            request,
            f32ok,
        )

out = {
    "generator": "scripts/reference/loss_fixtures.py",
    "torch": torch.__version__,
    "numpy": np.__version__,
    "cases": cases,
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "losses.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"), allow_nan=False)
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(path)} ({os.path.getsize(path) / 1e6:.2f} MB)")
