import { availableParallelism, loadavg } from 'node:os';

/**
 * The cores this process may count on for `--threads auto`: the cores it may run on less
 * the other work's one-minute load average, rounded, at least 1. A second thread pays only
 * on a core nobody else wants: at load 16–19 on 2 cores two training threads ran 0.44–0.91
 * times as fast as one (src/nn/threads/autoThreads.ts), each hand-over waiting for a
 * partner that had lost its core. Linux and macOS report the load; Windows reports 0.
 */
export function freeCores(cores: number = availableParallelism(), load: number = loadavg()[0]): number {
  const busy = Number.isFinite(load) && load > 0 ? Math.round(load) : 0;
  return Math.max(1, cores - busy);
}
