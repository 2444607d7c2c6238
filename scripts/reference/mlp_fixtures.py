#!/usr/bin/python3
"""Reference values for xent's multi-layer network, from PyTorch autograd.

For each cost (quadratic and cross-entropy on sigmoid outputs, log-likelihood on a
softmax output) a small network with two sigmoid hidden layers is built from fixed
weights, and one step of SGD with L2 weight decay is taken on a mini-batch:

    J = (1/B) * sum_b C_b + (lambda / (2 n)) * sum of squared weights (not biases)
    theta <- theta - eta * dJ/dtheta

which is Nielsen's network2.py update. The fixture stores the inputs, the weights
before, J, the gradients and the weights after; tests/nn compares trainStep with them.

Run from the repository root with Debian's Python (apt-get install -y python3-torch):
    /usr/bin/python3 scripts/reference/mlp_fixtures.py      (or: npm run fixtures:mlp)
"""
import json
import os

import torch

torch.manual_seed(20261125)
DT = torch.float64
SIZES = [6, 5, 4, 3]
BATCH = 4
N_TRAIN = 50
LAMBDA = 0.8
ETA = 0.7


def cost_fn(name, z, y_onehot):
    if name == "quadratic":
        a = torch.sigmoid(z)
        return 0.5 * ((a - y_onehot) ** 2).sum(dim=1)
    if name == "cross-entropy":
        return torch.nn.functional.binary_cross_entropy_with_logits(z, y_onehot, reduction="none").sum(dim=1)
    if name == "log-likelihood":
        return torch.nn.functional.cross_entropy(z, y_onehot.argmax(dim=1), reduction="none")
    raise ValueError(name)


cases = []
for cost in ["quadratic", "cross-entropy", "log-likelihood"]:
    # float32-representable inputs, since xent stores data as Float32Array.
    x = torch.rand(BATCH, SIZES[0], dtype=torch.float32).to(DT)
    labels = torch.randint(0, SIZES[-1], (BATCH,))
    y = torch.nn.functional.one_hot(labels, SIZES[-1]).to(DT)
    ws = [torch.randn(SIZES[l + 1], SIZES[l], dtype=DT, requires_grad=True) for l in range(len(SIZES) - 1)]
    bs = [torch.randn(SIZES[l + 1], dtype=DT, requires_grad=True) for l in range(len(SIZES) - 1)]
    a = x
    for l in range(len(ws)):
        z = a @ ws[l].T + bs[l]
        a = torch.sigmoid(z) if l < len(ws) - 1 else None
    data_cost = cost_fn(cost, z, y).mean()
    penalty = (LAMBDA / (2 * N_TRAIN)) * sum((w ** 2).sum() for w in ws)
    objective = data_cost + penalty
    objective.backward()
    with torch.no_grad():
        w_after = [w - ETA * w.grad for w in ws]
        b_after = [b - ETA * b.grad for b in bs]
    flat = lambda ts: [t.detach().reshape(-1).tolist() for t in ts]
    cases.append({
        "cost": cost,
        "inputs": x.reshape(-1).tolist(),
        "labels": labels.tolist(),
        "weights": flat(ws),
        "biases": flat(bs),
        "objective": objective.item(),
        "gradWeights": flat([w.grad for w in ws]),
        "gradBiases": flat([b.grad for b in bs]),
        "weightsAfter": flat(w_after),
        "biasesAfter": flat(b_after),
    })

out = os.path.join("test", "fixtures", "mlp.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "sizes": SIZES, "batch": BATCH, "trainingSize": N_TRAIN,
               "lambda": LAMBDA, "eta": ETA, "cases": cases}, f)
    f.write("\n")
print(f"wrote {out}")
