"""PyTorch peer of the xent benchmark: the same work as the JS case, timed by itself.

Run by bench/peers/torch.ts as `/usr/bin/python3 torch_peer.py --serve` (one repetition
per request, interleaved with the other peers'; see serve()), or standalone as
`torch_peer.py '<json spec>'`, which prints {"medianMs", "cpuMedianMs", "samplesMs",
"warmupReps"}: the harness runs it that way too, to check that its in-harness figure is
the peer's own. Without torch it answers {"error"} and exits 3 (the harness then reports
the peer as null). CPU, float32, spec["threads"] threads (default 1), warmed up to a
steady state (see warm_up) before anything is timed.

Run it with glibc's allocator told to keep freed memory mapped (bench/peers/torch.ts
sets MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_ and MALLOC_TOP_PAD_, and explains
why): without them PyTorch's figures on this machine are those of the page faults.
"""
import json
import statistics
import sys
import time


def cpu_clock(threads):
    """The CPU clock of the work: this thread's with one thread (torch computes in the
    caller), the whole process's with more (the pool's threads count too)."""
    return time.thread_time if threads == 1 else time.process_time


def warm_up(fn, min_reps=10, max_reps=200, max_seconds=20.0):
    """Runs fn until it has reached a steady state: at least min_reps times, then until
    the median of the last five repetitions is within 10% of the five before (first-touch
    page faults, the allocator growing its arenas, lazy kernel selection all settle in the
    first few), or the limits are hit. Returns the number of repetitions run."""
    samples = []
    t_end = time.perf_counter() + max_seconds
    while len(samples) < max_reps:
        c0 = time.process_time()
        fn()
        samples.append(time.process_time() - c0)
        if len(samples) >= min_reps:
            last, before = statistics.median(samples[-5:]), statistics.median(samples[-10:-5])
            if abs(last - before) <= 0.1 * before or time.perf_counter() > t_end:
                break
    return len(samples)


def timed(fn, reps, warmup, threads=1):
    warmed = warm_up(fn, min_reps=max(warmup, 10))
    clock = cpu_clock(threads)
    samples, cpu = [], []
    for _ in range(reps):
        c0 = clock()
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000.0)
        cpu.append((clock() - c0) * 1000.0)
    return {"medianMs": statistics.median(samples), "cpuMedianMs": statistics.median(cpu), "samplesMs": samples, "cpuSamplesMs": cpu, "warmupReps": warmed}


def softmax_ce(torch, spec):
    return timed(softmax_ce_step(torch, spec), spec["reps"], spec["warmup"], spec.get("threads", 1))


def softmax_ce_step(torch, spec):
    F = torch.nn.functional
    g = torch.Generator().manual_seed(0)
    x = torch.randn(spec["rows"], spec["cols"], generator=g, dtype=torch.float32).requires_grad_(True)
    t = torch.randint(0, spec["cols"], (spec["rows"],), generator=g)

    def step():
        # Forward and backward of the mean loss; reading the scalar and the gradient
        # makes sure both are computed.
        x.grad = None
        loss = F.cross_entropy(x, t, reduction="mean")
        loss.backward()
        return loss.item(), x.grad

    return step


def bce_with_logits(torch, spec):
    return timed(bce_with_logits_step(torch, spec), spec["reps"], spec["warmup"], spec.get("threads", 1))


def bce_with_logits_step(torch, spec):
    F = torch.nn.functional
    g = torch.Generator().manual_seed(0)
    n = spec["n"]
    x = (3 * torch.randn(n, generator=g, dtype=torch.float32)).requires_grad_(True)
    z = torch.randint(0, 2, (n,), generator=g).to(torch.float32)

    def step():
        x.grad = None
        loss = F.binary_cross_entropy_with_logits(x, z, reduction="mean")
        loss.backward()
        return loss.item(), x.grad

    return step


def mnist_epoch(torch, spec):
    return timed(mnist_epoch_step(torch, spec), spec["reps"], spec["warmup"], spec.get("threads", 1))


def mnist_epoch_step(torch, spec):
    """Nielsen's mini-batch SGD on sigmoid layers with the cross-entropy cost:
    C = Σ_j BCE(a_j, y_j) per example, w ← w − (η/m)·Σ_batch ∂C/∂w."""
    import numpy as np

    sizes = spec["sizes"]
    n, m, eta = spec["n"], spec["batch"], spec["eta"]
    images = torch.from_numpy(np.fromfile(spec["imagesPath"], dtype=np.float32).reshape(n, sizes[0]))
    labels = torch.from_numpy(np.fromfile(spec["labelsPath"], dtype=np.uint8).astype(np.int64))
    onehot = torch.nn.functional.one_hot(labels, sizes[-1]).to(torch.float32)
    torch.manual_seed(0)
    layers = [torch.nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])]
    params = [p for layer in layers for p in layer.parameters()]
    F = torch.nn.functional

    def epoch():
        order = torch.randperm(n)
        for start in range(0, n, m):
            idx = order[start:start + m]
            a = images[idx]
            for layer in layers[:-1]:
                a = torch.sigmoid(layer(a))
            z = layers[-1](a)
            loss = F.binary_cross_entropy_with_logits(z, onehot[idx], reduction="sum") / idx.numel()
            for p in params:
                p.grad = None
            loss.backward()
            with torch.no_grad():
                for p in params:
                    p.sub_(eta * p.grad)

    return epoch


CASES = {"softmax-ce": softmax_ce, "bce-with-logits": bce_with_logits, "mnist-epoch": mnist_epoch}
STEPS = {"softmax-ce": softmax_ce_step, "bce-with-logits": bce_with_logits_step, "mnist-epoch": mnist_epoch_step}


def serve(torch):
    """Line protocol on stdin/stdout, so the harness can interleave PyTorch's repetitions
    with its own on a busy machine: {"op": "setup", "spec": {...}} answers {"ok": true};
    {"op": "rep"} runs one repetition and answers {"ms": wall, "cpuMs": thread CPU time};
    end of input ends."""
    step = None
    clock = time.thread_time
    print(json.dumps({"ok": True, "torchVersion": torch.__version__}), flush=True)
    for line in sys.stdin:
        msg = json.loads(line)
        if msg["op"] == "setup":
            threads = msg["spec"].get("threads", 1)
            torch.set_num_threads(threads)
            clock = cpu_clock(threads)
            step = STEPS[msg["spec"]["kind"]](torch, msg["spec"])
            warmed = warm_up(step)
            print(json.dumps({"ok": True, "warmupReps": warmed, "threads": torch.get_num_threads()}), flush=True)
        elif msg["op"] == "rep":
            # Wall time, and CPU time (see cpu_clock), which leaves out time slices given
            # to other processes.
            c0 = clock()
            t0 = time.perf_counter()
            step()
            ms = (time.perf_counter() - t0) * 1000.0
            print(json.dumps({"ms": ms, "cpuMs": (clock() - c0) * 1000.0}), flush=True)


def main():
    if sys.argv[1] == "--serve":
        try:
            import torch
        except Exception as e:
            print(json.dumps({"error": f"import torch failed: {e}"}), flush=True)
            sys.exit(3)
        serve(torch)
        return
    spec = json.loads(sys.argv[1])
    try:
        import torch
    except Exception as e:  # no torch: the harness reports null, never a made-up number
        print(json.dumps({"error": f"import torch failed: {e}"}))
        sys.exit(3)
    torch.set_num_threads(spec.get("threads", 1))
    result = CASES[spec["kind"]](torch, spec)
    result["torchVersion"] = torch.__version__
    print(json.dumps(result))


if __name__ == "__main__":
    main()
