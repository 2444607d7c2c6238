import { availableParallelism, loadavg } from 'node:os';

/**
 * The cores `--threads auto` may count on: those this process may run on less the
 * one-minute load average, rounded, at least 1; a second thread pays only on a core that
 * nothing else wants. Measured on 2 cores shared with other work: `xent train --hidden 300
 * --batch 100 --precision float32 --epochs 4`, unpinned, at load averages 3.3–3.8, took
 * 0.117–0.221 s per epoch (epochs 2–4) on two threads against 0.093–0.131 s on one, and the
 * bench case mnist-epoch-threads found two threads 0.68–0.91 times as fast as one at load
 * averages 16–19 (docs/results/mnist-epoch-threads-2026-12-07.json, …b.json): each
 * hand-over waits for a partner that has lost its core. Linux and macOS report the load;
 * Windows reports 0.
 */
export function freeCores(cores: number = availableParallelism(), load: number = loadavg()[0]): number {
  const busy = Number.isFinite(load) && load > 0 ? Math.round(load) : 0;
  return Math.max(1, cores - busy);
}
