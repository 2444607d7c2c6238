import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ALL_CORES, ONE_CORE, pinned } from '../affinity.js';
import { log } from '../BenchResult.js';
import type { Runner } from '../interleave.js';

/** Debian's interpreter, where python3-torch is installed (docs/design.md, reference fixtures). */
export const PYTHON = process.env.XENT_BENCH_PYTHON ?? '/usr/bin/python3';

// The compiled harness runs from node_modules/.cache/xent-bench/bench/peers; the script
// stays in the source tree.
const here = dirname(fileURLToPath(import.meta.url));
const SCRIPT_CANDIDATES = [join(here, 'torch_peer.py'), join(here, '../../../../../bench/peers/torch_peer.py')];

/**
 * The environment PyTorch runs in, at its best on this machine.
 *
 * glibc's malloc serves blocks above M_MMAP_THRESHOLD (128 KiB at first, adapting up to
 * 32 MiB) with a fresh mmap and returns them with munmap when freed, and trims the top of
 * the heap back to the kernel above M_TRIM_THRESHOLD. A PyTorch step frees its 16 MB
 * gradient and allocates a new one, so every step can pay for mapping and first-touch
 * faulting 4,096 fresh pages, which on these virtual machines costs 100+ ms on some steps
 * and nothing on others (standalone samples alternate between ~140 ms and ~7 ms). Raising
 * both thresholds to 4 GiB keeps freed blocks in the heap for reuse, and MALLOC_TOP_PAD_
 * grows the heap 256 MiB at a time, so steady-state steps fault nothing: that is
 * PyTorch's own speed, the figure a user who tunes their allocator (or uses jemalloc)
 * sees. OMP_NUM_THREADS/MKL_NUM_THREADS size the thread pools as the spec asks.
 *
 * With more than one thread, OpenMP's own wait policy (its idle pool threads spin a while
 * before they sleep), which is PyTorch's best on a quiet machine: at load 1–2, 2 threads,
 * standalone, softmax-ce (4096, 1000) took 3.52 ms with it, 3.94 with ACTIVE and 4.25
 * with PASSIVE; (65536, 10) 3.98, 4.51 and 4.16 ms. On a loaded machine the spinning
 * thread holds the core its partner needs and PASSIVE is far faster (at load 8–10:
 * 93 against 17 ms at (4096, 1000); an MNIST epoch [784, 100, 10], batch 100, 2,300
 * against 172 ms): XENT_BENCH_OMP_WAIT_POLICY=PASSIVE (or ACTIVE) sets it.
 */
export function torchEnv(threads: number): NodeJS.ProcessEnv {
  const policy = process.env.XENT_BENCH_OMP_WAIT_POLICY ?? 'default';
  return {
    ...process.env,
    MALLOC_MMAP_THRESHOLD_: '4294967296',
    MALLOC_TRIM_THRESHOLD_: '4294967296',
    MALLOC_TOP_PAD_: '268435456',
    OMP_NUM_THREADS: String(threads),
    MKL_NUM_THREADS: String(threads),
    ...(threads > 1 && policy !== 'default' ? { OMP_WAIT_POLICY: policy } : {}),
  };
}

function torchScript(): string | undefined {
  return SCRIPT_CANDIDATES.find((p) => existsSync(p));
}

/**
 * PyTorch (CPU, float32, `threads` threads) as a runner: a `torch_peer.py --serve`
 * subprocess set up for one case and warmed up to its steady state, which times each
 * repetition itself (perf_counter around the work, so the pipe is not timed) when asked.
 * With one thread it runs on core 0, as the harness does (see affinity.ts); with more, on
 * every core. Null, with the reason on stderr, when Python or torch is missing or the
 * set-up fails: the peer is then absent, never estimated.
 */
export async function torchRunner(spec: Record<string, unknown>, threads = 1): Promise<(Runner & { close(): void }) | null> {
  const script = torchScript();
  if (script === undefined) {
    log('torch_peer.py not found; torch peer is null');
    return null;
  }
  let child: ChildProcessWithoutNullStreams;
  try {
    const [cmd, ...args] = pinned(threads === 1 ? ONE_CORE : ALL_CORES, [PYTHON, script, '--serve']);
    child = spawn(cmd, args, { env: torchEnv(threads) });
  } catch (e) {
    log(`torch peer unavailable (${(e as Error).message}); reported as null`);
    return null;
  }
  const failed = new Promise<null>((resolve) => {
    child.on('error', (e) => {
      log(`torch peer unavailable (${e.message}); reported as null`);
      resolve(null);
    });
  });
  child.stderr.on('data', () => {}); // drained; torch's warnings are not ours to print
  const lines: Interface = createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, unknown> | null> => {
    const r = await Promise.race([iterator.next(), failed]);
    if (r === null || r.done === true) return null;
    return JSON.parse(r.value) as Record<string, unknown>;
  };
  const close = (): void => {
    child.stdin.end();
    lines.close();
  };
  const hello = await next();
  if (hello === null || hello.ok !== true) {
    log(`torch peer unavailable (${String(hello?.error ?? 'no answer')}); reported as null`);
    close();
    return null;
  }
  child.stdin.write(`${JSON.stringify({ op: 'setup', spec: { ...spec, threads } })}\n`);
  const ready = await next();
  if (ready === null || ready.ok !== true) {
    log('torch peer set-up failed; reported as null');
    close();
    return null;
  }
  log(`torch (${threads} thread${threads === 1 ? '' : 's'}) steady after ${String(ready.warmupReps)} warm-up steps`);
  return {
    name: threads === 1 ? 'torch' : `torch ${threads} threads`,
    async rep() {
      child.stdin.write('{"op":"rep"}\n');
      const answer = await next();
      if (answer === null || typeof answer.ms !== 'number' || typeof answer.cpuMs !== 'number') {
        throw new Error('torch peer stopped answering');
      }
      return { wallMs: answer.ms, cpuMs: answer.cpuMs };
    },
    close,
  };
}

/**
 * The same peer run on its own (`torch_peer.py SPEC`, same environment and cores): its
 * medians on both clocks, or null when it cannot run. The harness compares them with the
 * peer's figure inside the run (see runCase.ts, agreement).
 */
export function torchStandalone(spec: Record<string, unknown>, threads: number, reps: number): { wallMs: number; cpuMs: number } | null {
  const script = torchScript();
  if (script === undefined) return null;
  const [cmd, ...args] = pinned(threads === 1 ? ONE_CORE : ALL_CORES, [PYTHON, script, JSON.stringify({ ...spec, threads, reps, warmup: 10 })]);
  const r = spawnSync(cmd, args, { env: torchEnv(threads), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) return null;
  try {
    const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as { medianMs?: number; cpuMedianMs?: number };
    return typeof out.medianMs === 'number' && typeof out.cpuMedianMs === 'number' ? { wallMs: out.medianMs, cpuMs: out.cpuMedianMs } : null;
  } catch {
    return null;
  }
}
