"""PyTorch's softmax cross-entropy on its own, outside the harness: the counterpart of
softmaxCeAlone.mjs. Run pinned, with the allocator settings of bench/peers/torch.ts:

  MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296 \\
  MALLOC_TOP_PAD_=268435456 OMP_NUM_THREADS=1 \\
  taskset -c 0 /usr/bin/python3 bench/standalone/softmax_ce_alone.py

Prints, per shape, the median and minimum CPU time (this thread's) of 30 F.cross_entropy
forward and backward steps after 50 warm-up steps.
"""
import statistics
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
for rows, cols in [(4096, 1000), (65536, 10), (64, 50257)]:
    x = torch.randn(rows, cols, requires_grad=True)
    t = torch.randint(0, cols, (rows,))

    def step():
        x.grad = None
        F.cross_entropy(x, t).backward()

    for _ in range(50):
        step()
    ms = []
    for _ in range(30):
        c0 = time.thread_time()
        step()
        ms.append((time.thread_time() - c0) * 1000)
    print(f"({rows}, {cols}) torch: median {statistics.median(ms):.2f} ms, min {min(ms):.2f} ms")
