import { availableParallelism, loadavg } from 'node:os';

/** The one-minute load average per core above which `--threads auto` keeps to one thread. */
export const BUSY_LOAD_PER_CORE = 2;

/**
 * The cores `--threads auto` may count on: all those this process may run on, or 1 while
 * the machine is busy, its one-minute load average above BUSY_LOAD_PER_CORE per core.
 * Measured with the bench case mnist-epoch-threads on 2 cores shared with other work
 * (docs/results/mnist-epoch-threads-2026-12-07*.json): [784, 300, 10] from batch 50 ran
 * 1.16–1.34 times as fast on two threads as on one at load averages 2.5–3.6, and 0.68–0.91
 * times as fast at 16–19, where each hand-over waits for a partner that has lost its core.
 * Linux and macOS report the load; Windows reports 0.
 */
export function freeCores(cores: number = availableParallelism(), load: number = loadavg()[0]): number {
  const busy = Number.isFinite(load) && load > BUSY_LOAD_PER_CORE * cores;
  return busy ? 1 : Math.max(1, cores);
}
